using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using System.Threading;
using ConnectorGen.Diagnostics;
using ConnectorGen.Emit;
using ConnectorGen.Helpers;
using ConnectorGen.Mapping;
using ConnectorGen.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ConnectorGen;

/// <summary>
/// Reads every <c>*.connector.json</c> and <c>*.element.json</c> AdditionalFile and writes, per mapping, the typed
/// credentials, their validator and (by the mapping's <see cref="EmitPlan"/>) registration and OAuth clients, plus what
/// they share once per compilation (<see cref="SharedEmitPlan"/>). <see cref="Initialize"/> only wires steps together: reading is <see cref="MappingParser"/>,
/// project checks are <see cref="ProjectChecks"/>, writing is in <c>Emit/</c>. Every step's output is an equatable value, so an unrelated edit re-runs nothing but two cheap
/// projections, and an edited mapping re-emits only its own files.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ConnectorGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var settings = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => GeneratorSettings.From(options.GlobalOptions))
            .WithTrackingName(GeneratorStepNames.Settings);

        var facts = context.CompilationProvider
            .Select(static (compilation, _) => ReadFacts(compilation))
            .WithTrackingName(GeneratorStepNames.Facts);

        // The internal marker attributes (and the EmbeddedAttribute that hides them from other assemblies). Not
        // post-initialization output: below the minimum C# version nothing at all is emitted, so the answer is a bool.
        var languageSupported = facts
            .Select(static (f, _) => f.LanguageSupported)
            .WithTrackingName(GeneratorStepNames.Language);
        context.RegisterSourceOutput(languageSupported, static (spc, supported) =>
        {
            if (supported)
            {
                spc.AddSource(AttributesEmitter.EmbeddedHintName, SourceText.From(AttributesEmitter.EmbeddedSource, Encoding.UTF8));
                spc.AddSource(AttributesEmitter.HintName, SourceText.From(AttributesEmitter.Source, Encoding.UTF8));
            }
        });

        var defaultNamespace = settings.Combine(facts)
            .Select(static (pair, _) => DefaultNamespace(pair.Left, pair.Right));

        // <ConnectorGenEnabled>false</ConnectorGenEnabled> filters every mapping file out before it is read, so nothing
        // is parsed, emitted or reported. The flag is a bool projection: other option changes leave it Unchanged, and
        // each file's Parse step stays cached as long as its text and the flag are.
        var enabled = settings
            .Select(static (s, _) => s.Enabled)
            .WithTrackingName(GeneratorStepNames.Enabled);

        var parsed = context.AdditionalTextsProvider
            .Where(static text => MappingParser.IsInputFile(text.Path))
            .Combine(enabled)
            .Where(static pair => pair.Right)
            .Select(static (pair, cancellationToken) => MappingParser.Parse(pair.Left.Path, pair.Left.GetText(cancellationToken), cancellationToken))
            .WithTrackingName(GeneratorStepNames.Parse);

        // CG1050, once per project: the RootNamespace had to be changed, and some mapping relies on it.
        var namespaceNotice = parsed
            .Select(static (result, _) => result.Model is { Namespace: null })
            .Collect()
            .Combine(settings.Combine(facts))
            .Select(static (pair, _) => pair.Left.Contains(true) ? RootNamespaceNotice.For(pair.Right.Left, pair.Right.Right) : null);
        context.RegisterSourceOutput(namespaceNotice, static (spc, notice) =>
        {
            if (notice is not null)
            {
                spc.ReportDiagnostic(notice.ToDiagnostic());
            }
        });

        // A mapping may name an element definition; every input offers its link, and each result is completed from them.
        var links = parsed
            .Select(static (result, _) => ElementReferences.Link(result))
            .Collect()
            .Select(static (items, _) => ElementReferences.Links(items));

        var resolved = parsed.Combine(links)
            .Select(static (pair, _) => ElementReferences.Resolve(pair.Left, pair.Right))
            .Combine(defaultNamespace)
            .Select(static (pair, _) => Resolve(pair.Left, pair.Right))
            .WithTrackingName(GeneratorStepNames.Resolve);

        // Diagnostics are their own projection: a change that only moves a diagnostic re-emits no code.
        var diagnostics = resolved
            .Select(static (result, _) => result.Diagnostics)
            .WithTrackingName(GeneratorStepNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (spc, items) => Report(spc, items));

        var keys = resolved
            .Select(static (result, _) => result.Model is null ? null : new TypeKey(result.Model.FullTypeName, result.Model.FilePath, result.ConnectorLocation, result.Model.Auth.Type == AuthType.OAuth2 && result.Model.Auth.HasEndpoints, result.Model.Connector, result.Model.ElementKey))
            .Collect();
        var typeKeys = keys
            .Select(static (keys, _) => FindDuplicateTypes(keys))
            .WithTrackingName(GeneratorStepNames.DuplicateTypes);
        context.RegisterSourceOutput(typeKeys, static (spc, items) => Report(spc, items));

        // CG1051, once per project: a library whose mappings' types other projects use, where the analyzers stop.
        var reach = keys
            .Combine(settings.Select(static (s, _) => s.AnalyzersStopHere))
            .Select(static (pair, _) => pair.Right ? AnalyzerReach.Notice(pair.Left) : null);
        context.RegisterSourceOutput(reach, static (spc, notice) =>
        {
            if (notice is not null)
            {
                spc.ReportDiagnostic(notice.ToDiagnostic());
            }
        });

        // Two mappings that would make the same type: the first by path is emitted, the other gets CG1013.
        var unique = resolved
            .Select(static (result, _) => result.Model)
            .Collect()
            .SelectMany(static (models, _) => Deduplicate(models))
            .WithTrackingName(GeneratorStepNames.Unique);

        // Connector types a referenced assembly already defines (the same mapping in two projects): names only.
        var referenced = keys
            .Combine(context.CompilationProvider)
            .Select(static (pair, _) => ProjectChecks.TypesFromReferences(pair.Left, pair.Right))
            .WithTrackingName(GeneratorStepNames.References);

        var projectDiagnostics = keys.Combine(facts).Combine(referenced)
            .Select(static (pair, _) => ProjectChecks.Diagnostics(pair.Left.Left, pair.Left.Right, pair.Right))
            .WithTrackingName(GeneratorStepNames.ProjectDiagnostics);
        context.RegisterSourceOutput(projectDiagnostics, static (spc, items) => Report(spc, items));

        // One plan per mapping and compilation; null when nothing may be emitted for it.
        var planned = unique.Combine(facts).Combine(referenced)
            .Select(static (pair, _) => Plan(pair.Left.Left, pair.Left.Right, pair.Right))
            .WithTrackingName(GeneratorStepNames.Emit);
        context.RegisterSourceOutput(planned, static (spc, mapping) => Emit(spc, mapping));

        // What is written once per compilation (credential helpers, handshake core): one small plan for the whole
        // compilation, so only a change of one of its answers re-emits those files.
        var shared = planned
            .Select(static (mapping, _) => mapping?.Plan)
            .Collect()
            .Combine(facts)
            .Select(static (pair, _) => SharedEmitPlan.For(pair.Left, pair.Right))
            .WithTrackingName(GeneratorStepNames.Shared);
        context.RegisterSourceOutput(shared, static (spc, plan) =>
        {
            foreach (var (hintName, source) in SharedEmitter.Emit(plan))
            {
                spc.AddSource(hintName, SourceText.From(source, Encoding.UTF8));
            }
        });
    }

    private static PlannedMapping? Plan(MappingModel model, CompilationFacts facts, EquatableArray<string> referenced)
    {
        if (!facts.LanguageSupported)
        {
            return null;
        }

        foreach (var entry in referenced)
        {
            if (ProjectChecks.TypeNameOf(entry) == model.FullTypeName)
            {
                return null;
            }
        }

        return new PlannedMapping(model, EmitPlan.For(model, facts));
    }

    private static void Emit(SourceProductionContext context, PlannedMapping? mapping)
    {
        if (mapping is null)
        {
            return;
        }

        var (model, plan) = (mapping.Model, mapping.Plan);
        context.AddSource(GeneratedFile.HintName(model, "Credentials"), SourceText.From(CredentialsEmitter.Emit(model, plan), Encoding.UTF8));
        context.AddSource(GeneratedFile.HintName(model, "CredentialsValidator"), SourceText.From(ValidatorEmitter.Emit(model, plan), Encoding.UTF8));
        if (plan.ServiceRegistration)
        {
            context.AddSource(GeneratedFile.HintName(model, "ServiceCollectionExtensions"), SourceText.From(ServiceCollectionEmitter.Emit(model, plan), Encoding.UTF8));
        }

        if (plan.CredentialHandlers)
        {
            context.AddSource(GeneratedFile.HintName(model, "ApiAuthentication"), SourceText.From(AuthenticationEmitter.Emit(model, plan), Encoding.UTF8));
        }

        if (plan.OAuthClients)
        {
            foreach (var (hintName, source) in OAuthEmitter.Emit(model, plan))
            {
                context.AddSource(hintName, SourceText.From(source, Encoding.UTF8));
            }
        }
    }

    private static void Report(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            context.ReportDiagnostic(diagnostic.ToDiagnostic());
        }
    }

    internal static CompilationFacts ReadFacts(Compilation compilation) => new(
        HasPublicType(compilation, "Microsoft.Extensions.Configuration.IConfiguration"),
        HasPublicType(compilation, "Microsoft.Extensions.Options.IValidateOptions`1"),
        ProjectChecks.HasHandshakeDependencies(compilation),
        compilation.AssemblyName,
        HasDependencyInjection: HasPublicType(compilation, "Microsoft.Extensions.DependencyInjection.IServiceCollection") && HasPublicType(compilation, "Microsoft.Extensions.DependencyInjection.OptionsServiceCollectionExtensions"),
        HasValidateOnStart: HasPublicType(compilation, "Microsoft.Extensions.DependencyInjection.OptionsBuilderExtensions"),
        HasHttpClientFactory: HasPublicType(compilation, "Microsoft.Extensions.DependencyInjection.HttpClientFactoryServiceCollectionExtensions"),
        HasLogging: HasPublicType(compilation, "Microsoft.Extensions.Logging.ILoggerFactory") && HasPublicType(compilation, "Microsoft.Extensions.Logging.LoggerExtensions"),
        LanguageVersion: ProjectChecks.LanguageVersionOf(compilation),
        HasReferencedCore: ProjectChecks.HasReferencedCore(compilation),
        // IHttpClientLogger came with RemoveAllLoggers (Microsoft.Extensions.Http 8.0): the handshake clients remove the
        // factory's default logging, which on 8.x writes full URLs (the apiSecret query) and, at Trace, header values.
        HasHttpClientLoggerApi: HasPublicType(compilation, "Microsoft.Extensions.Http.Logging.IHttpClientLogger"),
        HasDistributedCache: HasPublicType(compilation, "Microsoft.Extensions.Caching.Distributed.IDistributedCache"),
        HasRedis: HasPublicType(compilation, "StackExchange.Redis.IConnectionMultiplexer"),
        HasHosting: HasPublicType(compilation, "Microsoft.Extensions.Hosting.BackgroundService"));

    /// <summary>Tolerates the same type in several references (GetTypeByMetadataName returns null then).</summary>
    internal static bool HasPublicType(Compilation compilation, string metadataName)
    {
        foreach (var type in compilation.GetTypesByMetadataName(metadataName))
        {
            if (type.DeclaredAccessibility == Accessibility.Public)
            {
                return true;
            }
        }

        return false;
    }

    internal static string DefaultNamespace(GeneratorSettings settings, CompilationFacts facts) =>
        SanitizeNamespace(settings.RootNamespace) ?? SanitizeNamespace(facts.AssemblyName) ?? "ConnectorGen.Generated";

    /// <summary>A namespace from a project name such as "My-App.Api": invalid characters become '_'.</summary>
    internal static string? SanitizeNamespace(string? name)
    {
        if (name is null || name.Trim().Length == 0)
        {
            return null;
        }

        var parts = name!.Trim().Split('.');
        var builder = new StringBuilder(name.Length + 4);
        foreach (var part in parts)
        {
            if (part.Length == 0)
            {
                continue;
            }

            if (builder.Length != 0)
            {
                builder.Append('.');
            }

            if (!Microsoft.CodeAnalysis.CSharp.SyntaxFacts.IsIdentifierStartCharacter(part[0]))
            {
                builder.Append('_');
            }

            foreach (var c in part)
            {
                builder.Append(Microsoft.CodeAnalysis.CSharp.SyntaxFacts.IsIdentifierPartCharacter(c) ? c : '_');
            }

            var kind = Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(part);
            if (kind != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None)
            {
                builder.Insert(builder.Length - part.Length, '_');
            }
        }

        return builder.Length == 0 ? null : builder.ToString();
    }

    private static ParseResult Resolve(ParseResult result, string defaultNamespace) =>
        result.Model is { Namespace: null } model
            ? result with { Model = model with { Namespace = defaultNamespace } }
            : result;

    private static ImmutableArray<MappingModel> Deduplicate(ImmutableArray<MappingModel?> models)
    {
        var sorted = new List<MappingModel>();
        foreach (var model in models)
        {
            if (model is not null)
            {
                sorted.Add(model);
            }
        }

        sorted.Sort(static (a, b) => string.CompareOrdinal(a.FilePath, b.FilePath));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var builder = ImmutableArray.CreateBuilder<MappingModel>(sorted.Count);
        foreach (var model in sorted)
        {
            if (seen.Add(model.FullTypeName))
            {
                builder.Add(model);
            }
        }

        return builder.ToImmutable();
    }

    private static EquatableArray<DiagnosticInfo> FindDuplicateTypes(ImmutableArray<TypeKey?> keys)
    {
        var sorted = new List<TypeKey>();
        foreach (var key in keys)
        {
            if (key is not null)
            {
                sorted.Add(key);
            }
        }

        sorted.Sort(static (a, b) => string.CompareOrdinal(a.FilePath, b.FilePath));
        var first = new Dictionary<string, TypeKey>(StringComparer.Ordinal);
        var result = new List<DiagnosticInfo>();
        foreach (var key in sorted)
        {
            if (first.TryGetValue(key.TypeName, out var original))
            {
                result.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateType, key.Location, key.TypeName, original.FilePath, key.FilePath));
            }
            else
            {
                first.Add(key.TypeName, key);
            }
        }

        return result.ToEquatableArray();
    }

    /// <summary>A mapping's type, file and <c>connector</c> location: what the project-wide checks need.</summary>
    internal sealed record TypeKey(string TypeName, string FilePath, LocationInfo Location, bool OAuthClients, string Connector, string ElementKey);
}

/// <summary>
/// The MSBuild properties the generator reads (made visible by CompilerVisibleProperty in build/ConnectorGen.props):
/// <c>RootNamespace</c>, and <c>ConnectorGenEnabled</c> (only "false", in any case, turns the generator off; unset or
/// anything else leaves it on).
/// </summary>
internal sealed record GeneratorSettings(string? RootNamespace, bool Enabled = true, bool AnalyzersStopHere = false)
{
    public static GeneratorSettings From(AnalyzerConfigOptions options)
    {
        options.TryGetValue("build_property.RootNamespace", out var rootNamespace);
        options.TryGetValue("build_property.ConnectorGenEnabled", out var enabled);
        return new GeneratorSettings(
            string.IsNullOrWhiteSpace(rootNamespace) ? null : rootNamespace,
            !string.Equals(enabled?.Trim(), "false", StringComparison.OrdinalIgnoreCase),
            AnalyzersStopAt(options));
    }

    /// <summary>
    /// CG1051: build/ConnectorGen.props found the package reference in this project file itself (not in an imported
    /// Directory.Build.props), so it reaches no project that references this one; only a library that is not a test
    /// project has such consumers.
    /// </summary>
    private static bool AnalyzersStopAt(AnalyzerConfigOptions options)
    {
        options.TryGetValue("build_property.ConnectorGenReferenceStopsAtProject", out var stops);
        options.TryGetValue("build_property.OutputType", out var outputType);
        options.TryGetValue("build_property.IsTestProject", out var isTest);
        return string.Equals(stops?.Trim(), "true", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(isTest?.Trim(), "true", StringComparison.OrdinalIgnoreCase)
            && (string.IsNullOrWhiteSpace(outputType) || string.Equals(outputType!.Trim(), "Library", StringComparison.OrdinalIgnoreCase));
    }
}
