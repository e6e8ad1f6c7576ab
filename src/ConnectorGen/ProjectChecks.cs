using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using ConnectorGen.Diagnostics;
using ConnectorGen.Helpers;
using ConnectorGen.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ConnectorGen;

/// <summary>
/// What the project allows the generator to emit, beyond the mapping files: the C# version (CG1040), the target's APIs
/// for the OAuth clients (CG1041), optional references (CG1042), and connector types or the handshake core that a
/// referenced assembly already provides (CG1043). Everything read from the compilation is reduced to plain values here.
/// </summary>
internal static class ProjectChecks
{
    private const string CoreSentinel = "ConnectorGen.Generated.HandshakeException";

    /// <summary>The effective C# version as Roslyn's enum value (major * 100 + minor, e.g. 703 for 7.3).</summary>
    public static int LanguageVersionOf(Compilation compilation) =>
        compilation is CSharpCompilation csharp ? (int)csharp.LanguageVersion : int.MaxValue;

    public static string DisplayVersion(int value) =>
        value % 100 == 0 ? (value / 100).ToString(System.Globalization.CultureInfo.InvariantCulture) : (value / 100) + "." + (value % 100);

    /// <summary>
    /// The OAuth clients need .NET 8 APIs: HttpClient, System.Text.Json, TimeProvider and the one-shot hashing and random
    /// APIs. A netstandard2.0 project with the System.Text.Json and Microsoft.Bcl.TimeProvider packages has the types but
    /// not SHA256.HashData, so the method is checked too.
    /// </summary>
    public static bool HasHandshakeDependencies(Compilation compilation) =>
        ConnectorGenerator.HasPublicType(compilation, "System.Net.Http.HttpClient") &&
        ConnectorGenerator.HasPublicType(compilation, "System.Text.Json.JsonDocument") &&
        ConnectorGenerator.HasPublicType(compilation, "System.TimeProvider") &&
        HasPublicStaticMethod(compilation, "System.Security.Cryptography.SHA256", "HashData");

    /// <summary>Whether a referenced assembly gives this one the handshake core (internal, through InternalsVisibleTo).</summary>
    public static bool HasReferencedCore(Compilation compilation)
    {
        foreach (var type in compilation.GetTypesByMetadataName(CoreSentinel))
        {
            if (FromReference(compilation, type))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// "MappingTypeName|FoundTypeName|AssemblyName" for every mapping whose connector a referenced assembly already
    /// defines, visible here: the same full type name, or (whatever the namespace) a credentials type generated from the
    /// same mapping identity, i.e. the same connector name and element key in its [ConnectorCredentials] attribute.
    /// </summary>
    public static EquatableArray<string> TypesFromReferences(ImmutableArray<ConnectorGenerator.TypeKey?> keys, Compilation compilation)
    {
        var found = new List<string>();
        Dictionary<string, INamedTypeSymbol>? byIdentity = null;
        foreach (var key in keys)
        {
            if (key is null)
            {
                continue;
            }

            INamedTypeSymbol? match = null;
            foreach (var type in compilation.GetTypesByMetadataName(key.TypeName))
            {
                if (FromReference(compilation, type))
                {
                    match = type;
                    break;
                }
            }

            if (match is null)
            {
                byIdentity ??= ReferencedConnectors(compilation);
                byIdentity.TryGetValue(Identity(key.Connector, key.ElementKey), out match);
            }

            if (match is not null)
            {
                found.Add(key.TypeName + "|" + match.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", string.Empty) + "|" + match.ContainingAssembly.Name);
            }
        }

        found.Sort(StringComparer.Ordinal);
        return found.ToEquatableArray();
    }

    /// <summary>
    /// The identities ("connector\nelementKey") of every connector generated into a referenced project and visible here:
    /// what <see cref="Model.DependencyInjectionPlacement"/> needs to keep two same-named connectors' DI extensions apart.
    /// </summary>
    public static EquatableArray<string> ReferencedConnectorIdentities(Compilation compilation)
    {
        var identities = new List<string>(ReferencedConnectors(compilation).Keys);
        identities.Sort(StringComparer.Ordinal);
        return identities.ToEquatableArray();
    }

    public static string TypeNameOf(string entry) => entry.Substring(0, entry.IndexOf('|'));

    private static string Identity(string connector, string elementKey) => connector + "\n" + elementKey;

    /// <summary>
    /// The accessible generated credentials types of referenced assemblies, by mapping identity. Only assemblies that
    /// are not strong-named and define the generator's attributes are opened (as the secret analyzers do).
    /// </summary>
    private static Dictionary<string, INamedTypeSymbol> ReferencedConnectors(Compilation compilation)
    {
        var result = new Dictionary<string, INamedTypeSymbol>(StringComparer.Ordinal);
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (!assembly.Identity.HasPublicKey && Analyzers.TypeLookup.Defines(assembly, "ConnectorGen.ConnectorCredentialsAttribute"))
            {
                AddConnectors(compilation, assembly.GlobalNamespace, result);
            }
        }

        return result;
    }

    private static void AddConnectors(Compilation compilation, INamespaceSymbol ns, Dictionary<string, INamedTypeSymbol> result)
    {
        foreach (var member in ns.GetMembers())
        {
            if (member is INamespaceSymbol child)
            {
                AddConnectors(compilation, child, result);
                continue;
            }

            if (member is not INamedTypeSymbol type || !compilation.IsSymbolAccessibleWithin(type, compilation.Assembly))
            {
                continue;
            }

            foreach (var attribute in type.GetAttributes())
            {
                if (Analyzers.TypeLookup.IsAttribute(attribute, "ConnectorCredentialsAttribute", "ConnectorGen")
                    && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string elementKey)
                {
                    var connector = type.Name.EndsWith("Credentials", StringComparison.Ordinal) ? type.Name.Substring(0, type.Name.Length - "Credentials".Length) : type.Name;
                    foreach (var named in attribute.NamedArguments)
                    {
                        if (named.Key == "Connector" && named.Value.Value is string { Length: > 0 } name)
                        {
                            connector = name;
                        }
                    }

                    var identity = Identity(connector, elementKey);
                    if (!result.ContainsKey(identity))
                    {
                        result.Add(identity, type);
                    }
                }
            }
        }
    }

    /// <summary>The project-wide diagnostics, located at the first mapping by path (CG1043 at the mapping concerned).</summary>
    public static EquatableArray<DiagnosticInfo> Diagnostics(ImmutableArray<ConnectorGenerator.TypeKey?> keys, CompilationFacts facts, EquatableArray<string> referenced)
    {
        var sorted = new List<ConnectorGenerator.TypeKey>();
        foreach (var key in keys)
        {
            if (key is not null)
            {
                sorted.Add(key);
            }
        }

        if (sorted.Count == 0)
        {
            return EquatableArray<DiagnosticInfo>.Empty;
        }

        sorted.Sort(static (a, b) => string.CompareOrdinal(a.FilePath, b.FilePath));
        var first = sorted[0];
        var result = new List<DiagnosticInfo>();
        if (!facts.LanguageSupported)
        {
            // One error for the project, and nothing else: no code was generated to say more about.
            result.Add(DiagnosticInfo.Create(
                GenerationDiagnosticDescriptors.LanguageVersionTooLow,
                first.Location,
                CompilationFacts.MinimumLanguageVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
                DisplayVersion(facts.LanguageVersion)));
            return result.ToEquatableArray();
        }

        var skippedMappings = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in referenced)
        {
            var parts = entry.Split('|');
            skippedMappings.Add(parts[0]);
            foreach (var key in sorted)
            {
                if (key.TypeName == parts[0])
                {
                    result.Add(DiagnosticInfo.Create(GenerationDiagnosticDescriptors.TypeFromReference, key.Location, parts[1], parts[2]));
                }
            }
        }

        ConnectorGenerator.TypeKey? firstOAuth = null;
        var oauthConnectors = new List<string>();
        foreach (var key in sorted)
        {
            if (key.OAuthClients && !skippedMappings.Contains(key.TypeName))
            {
                firstOAuth ??= key;
                oauthConnectors.Add(key.Connector);
            }
        }

        if (firstOAuth is not null && !facts.HasHandshakeDependencies)
        {
            result.Add(DiagnosticInfo.Create(GenerationDiagnosticDescriptors.OAuthClientsNeedNet8, firstOAuth.Location, string.Join(", ", oauthConnectors)));
        }

        var missing = new List<string>();
        if (!facts.HasConfiguration)
        {
            missing.Add("FromConfiguration on the credentials (add Microsoft.Extensions.Configuration)");
        }

        if (!facts.HasOptions)
        {
            missing.Add("IValidateOptions<T> on the validators (add Microsoft.Extensions.Options)");
        }

        if (!facts.EmitsServiceRegistration)
        {
            missing.Add("Add<Connector>Connector (add Microsoft.Extensions.DependencyInjection, Microsoft.Extensions.Options and Microsoft.Extensions.Configuration)");
        }
        else if (firstOAuth is not null && facts.HasHandshakeDependencies)
        {
            if (!facts.HasHttpClientFactory)
            {
                missing.Add("the OAuth clients as typed HttpClients in Add<Connector>Connector (add Microsoft.Extensions.Http)");
            }
            else if (!facts.HasLogging)
            {
                missing.Add("the OAuth clients' log lines (add Microsoft.Extensions.Logging)");
            }
        }

        if (missing.Count > 0)
        {
            result.Add(DiagnosticInfo.Create(GenerationDiagnosticDescriptors.OptionalMembersSkipped, first.Location, string.Join("; ", missing) + "."));
        }

        return result.ToEquatableArray();
    }

    private static bool FromReference(Compilation compilation, INamedTypeSymbol type) =>
        !SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, compilation.Assembly) &&
        compilation.IsSymbolAccessibleWithin(type, compilation.Assembly);

    private static bool HasPublicStaticMethod(Compilation compilation, string typeName, string methodName)
    {
        foreach (var type in compilation.GetTypesByMetadataName(typeName))
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
}
