using System.Text;
using ConnectorGen.Diagnostics;
using ConnectorGen.Emit;
using ConnectorGen.Helpers;
using ConnectorGen.Mapping;
using ConnectorGen.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ConnectorGen;

/// <summary>
/// Reads every <c>*.connector.json</c> and <c>*.element.json</c> AdditionalFile and writes, per mapping, the typed
/// credentials, their validator and (by the mapping's <see cref="EmitPlan"/>) registration and OAuth clients, plus what
/// they share once per compilation (<see cref="SharedEmitPlan"/>). <see cref="Initialize"/> only wires steps together:
/// reading is <see cref="MappingParser"/>, what the compilation offers is <see cref="CompilationFacts"/>, project checks
/// are <see cref="ProjectChecks"/>, writing is in <c>Emit/</c>. Every step's output is an equatable value, and the
/// compilation facts are read from the references only when they change, so a C# edit re-runs nothing but the cheap
/// read of the assembly's name, and an edited mapping re-emits only its own files.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ConnectorGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var settings = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => GeneratorSettings.From(options.GlobalOptions))
            .WithTrackingName(GeneratorStepNames.Settings);

        // The compilation itself changes on every keystroke; what the facts depend on does not: the reference objects
        // (kept by the IDE between edits), the assembly's identity (re-read per edit, cheap, Unchanged) and the parse options.
        var assembly = context.CompilationProvider
            .Select(static (compilation, _) => CompilationFacts.Identify(compilation))
            .WithTrackingName(GeneratorStepNames.Assembly);
        var language = context.ParseOptionsProvider
            .Select(static (options, _) => CompilationFacts.LanguageVersionOf(options));
        var facts = context.MetadataReferencesProvider
            .Collect()
            .Combine(assembly)
            .Select(static (pair, cancellationToken) => CompilationFacts.Read(pair.Left, pair.Right, cancellationToken))
            .WithTrackingName(GeneratorStepNames.ReferenceFacts)
            .Combine(language)
            .Select(static (pair, _) => pair.Left with { LanguageVersion = pair.Right })
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
            .Select(static (pair, _) => ProjectNamespace.Default(pair.Left, pair.Right));

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
            .Select(static (pair, _) => ProjectNamespace.Apply(pair.Left, pair.Right))
            .WithTrackingName(GeneratorStepNames.Resolve);

        // Diagnostics are their own projection: a change that only moves a diagnostic re-emits no code.
        var diagnostics = resolved
            .Select(static (result, _) => result.Diagnostics)
            .WithTrackingName(GeneratorStepNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (spc, items) => Report(spc, items));

        var keys = resolved
            .Select(static (result, _) => TypeKey.Of(result))
            .Collect();
        var typeKeys = keys
            .Select(static (keys, _) => DuplicateTypes.Diagnostics(keys))
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
            .SelectMany(static (models, _) => DuplicateTypes.Unique(models))
            .WithTrackingName(GeneratorStepNames.Unique);

        // Connector types a referenced assembly already defines (the same mapping in two projects): names only.
        var referenced = keys
            .Combine(facts)
            .Select(static (pair, _) => ProjectChecks.TypesFromReferences(pair.Left, pair.Right))
            .WithTrackingName(GeneratorStepNames.References);

        var projectDiagnostics = keys.Combine(facts).Combine(referenced)
            .Select(static (pair, _) => ProjectChecks.Diagnostics(pair.Left.Left, pair.Left.Right, pair.Right))
            .WithTrackingName(GeneratorStepNames.ProjectDiagnostics);
        context.RegisterSourceOutput(projectDiagnostics, static (spc, items) => Report(spc, items));

        // Connector names that two visible connectors share: their DI extensions stay in the mappings' namespaces.
        var sharedNames = keys
            .Combine(facts)
            .Select(static (pair, _) => DependencyInjectionPlacement.SharedConnectorNames(pair.Left, pair.Right.ReferencedConnectors))
            .WithTrackingName(GeneratorStepNames.SharedConnectorNames);

        // One plan per mapping and compilation; null when nothing may be emitted for it.
        var planned = unique.Combine(facts).Combine(referenced).Combine(sharedNames)
            .Select(static (pair, _) => PlannedMapping.For(pair.Left.Left.Left, pair.Left.Left.Right, pair.Left.Right, pair.Right))
            .WithTrackingName(GeneratorStepNames.Plan);
        context.RegisterSourceOutput(planned, static (spc, mapping) => MappingEmitter.Emit(spc, mapping));

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

    private static void Report(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            context.ReportDiagnostic(diagnostic.ToDiagnostic());
        }
    }
}
