using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using ConnectorGen.Analyzers;
using ConnectorGen.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ConnectorGen.Model;

/// <summary>
/// Every question the generator asks the compilation, in one place (the banned-API list keeps the raw lookups out of
/// every other file). The answers depend on the references and on who the assembly is (its name and public key, which
/// InternalsVisibleTo grants to), never on its source: they are read from a compilation of the references alone, made
/// only when the references change. The IDE's compilation changes on every keystroke and keeps its reference objects
/// (and their metadata), so a keystroke re-runs none of this.
/// </summary>
internal sealed partial record CompilationFacts
{
    /// <summary>The name and public key of the compilation's assembly; cheap enough to read on every keystroke.</summary>
    public static OwnAssembly Identify(Compilation compilation)
    {
        var options = compilation.Options;
        var key = options.CryptoPublicKey;
        if (key.IsDefaultOrEmpty && (!string.IsNullOrEmpty(options.CryptoKeyFile) || !string.IsNullOrEmpty(options.CryptoKeyContainer)))
        {
            // Signed with a key file: only the compiler knows the public key. Projects without strong names never get here.
            key = compilation.Assembly.Identity.PublicKey;
        }

        return new OwnAssembly(compilation.AssemblyName, key.IsDefaultOrEmpty ? EquatableArray<byte>.Empty : key.ToEquatableArray());
    }

    /// <summary>The effective C# version as Roslyn's enum value (major * 100 + minor, e.g. 703 for 7.3).</summary>
    public static int LanguageVersionOf(ParseOptions options) =>
        options is CSharpParseOptions csharp ? (int)csharp.LanguageVersion : int.MaxValue;

    /// <summary>The facts of a compilation with these references, seen from the assembly <paramref name="self"/>.</summary>
    public static CompilationFacts Read(ImmutableArray<MetadataReference> references, OwnAssembly self, CancellationToken cancellationToken)
    {
        var key = self.PublicKey.IsEmpty ? ImmutableArray<byte>.Empty : ImmutableArray.CreateRange(self.PublicKey);
        var compilation = CSharpCompilation.Create(
            self.Name ?? "ConnectorGen.Facts",
            references: references,
            options: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, cryptoPublicKey: key, publicSign: !key.IsEmpty));
        return new CompilationFacts(
            HasConfiguration: HasPublicType(compilation, "Microsoft.Extensions.Configuration.IConfiguration"),
            HasOptions: HasPublicType(compilation, "Microsoft.Extensions.Options.IValidateOptions`1"),
            HasHandshakeDependencies: HandshakeDependenciesIn(compilation),
            AssemblyName: self.Name,
            HasDependencyInjection: HasPublicType(compilation, "Microsoft.Extensions.DependencyInjection.IServiceCollection") && HasPublicType(compilation, "Microsoft.Extensions.DependencyInjection.OptionsServiceCollectionExtensions"),
            HasValidateOnStart: HasPublicType(compilation, "Microsoft.Extensions.DependencyInjection.OptionsBuilderExtensions"),
            HasHttpClientFactory: HasPublicType(compilation, "Microsoft.Extensions.DependencyInjection.HttpClientFactoryServiceCollectionExtensions"),
            HasLogging: HasPublicType(compilation, "Microsoft.Extensions.Logging.ILoggerFactory") && HasPublicType(compilation, "Microsoft.Extensions.Logging.LoggerExtensions"),
            HasReferencedCore: ReferencedCoreIn(compilation),
            // IHttpClientLogger came with RemoveAllLoggers (Microsoft.Extensions.Http 8.0): the handshake clients remove the
            // factory's default logging, which on 8.x writes full URLs (the apiSecret query) and, at Trace, header values.
            HasHttpClientLoggerApi: HasPublicType(compilation, "Microsoft.Extensions.Http.Logging.IHttpClientLogger"),
            HasDistributedCache: HasPublicType(compilation, "Microsoft.Extensions.Caching.Distributed.IDistributedCache"),
            HasRedis: HasPublicType(compilation, "StackExchange.Redis.IConnectionMultiplexer"),
            HasHosting: HasPublicType(compilation, "Microsoft.Extensions.Hosting.BackgroundService"))
        {
            ReferencedConnectors = ReferencedConnectorsOf(compilation, cancellationToken),
        };
    }

    private static bool HasPublicType(Compilation compilation, string metadataName)
    {
        foreach (var type in TypeLookup.FindAll(compilation, metadataName))
        {
            if (type.DeclaredAccessibility == Accessibility.Public)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The OAuth clients need .NET 8 APIs: HttpClient, System.Text.Json, TimeProvider and the one-shot hashing and random
    /// APIs. A netstandard2.0 project with the System.Text.Json and Microsoft.Bcl.TimeProvider packages has the types but
    /// not SHA256.HashData, so the method is checked too.
    /// </summary>
    private static bool HandshakeDependenciesIn(Compilation compilation) =>
        HasPublicType(compilation, "System.Net.Http.HttpClient") &&
        HasPublicType(compilation, "System.Text.Json.JsonDocument") &&
        HasPublicType(compilation, "System.TimeProvider") &&
        HasPublicStaticMethod(compilation, "System.Security.Cryptography.SHA256", "HashData");

    private static bool HasPublicStaticMethod(Compilation compilation, string typeName, string methodName)
    {
        foreach (var type in TypeLookup.FindAll(compilation, typeName))
        {
            if (type.DeclaredAccessibility != Accessibility.Public)
            {
                continue;
            }

            foreach (var member in type.GetMembers(methodName))
            {
                if (member is IMethodSymbol { IsStatic: true, DeclaredAccessibility: Accessibility.Public })
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Whether a referenced assembly gives this one the handshake core (internal, through InternalsVisibleTo).</summary>
    private static bool ReferencedCoreIn(Compilation compilation)
    {
        foreach (var type in TypeLookup.FindAll(compilation, GeneratedContract.CoreSentinelMetadataName))
        {
            if (compilation.IsSymbolAccessibleWithin(type, compilation.Assembly))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The accessible generated credentials types of referenced assemblies, by full name. Only assemblies that are not
    /// strong-named and define the generator's attributes are opened (as the secret analyzers do).
    /// </summary>
    private static EquatableArray<ReferencedConnector> ReferencedConnectorsOf(Compilation compilation, CancellationToken cancellationToken)
    {
        var result = new List<ReferencedConnector>();
        foreach (var (type, attribute) in TypeLookup.ReferencedCredentialsTypes(compilation, cancellationToken))
        {
            if (!compilation.IsSymbolAccessibleWithin(type, compilation.Assembly)
                || attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not string elementKey)
            {
                continue;
            }

            var suffix = GeneratedContract.CredentialsTypeSuffix;
            var connector = type.Name.EndsWith(suffix, StringComparison.Ordinal) ? type.Name.Substring(0, type.Name.Length - suffix.Length) : type.Name;
            foreach (var named in attribute.NamedArguments)
            {
                if (named.Key == GeneratedContract.ConnectorProperty && named.Value.Value is string { Length: > 0 } name)
                {
                    connector = name;
                }
            }

            var typeName = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", string.Empty);
            result.Add(new ReferencedConnector(typeName, connector, elementKey, type.ContainingAssembly.Name));
        }

        result.Sort(static (a, b) => string.CompareOrdinal(a.TypeName, b.TypeName));
        return result.ToEquatableArray();
    }
}
