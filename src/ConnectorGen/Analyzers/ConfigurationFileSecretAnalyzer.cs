using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using ConnectorGen.Analyzers.Secrets;
using ConnectorGen.Diagnostics;
using ConnectorGen.Mapping;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ConnectorGen.Analyzers;

/// <summary>
/// CG2004: secrets in the configuration files a project passes as AdditionalFiles: JSON (<c>appsettings*.json</c>,
/// <c>launchSettings.json</c>, more through <c>connectorgen.config_files</c>), app.config/web.config, publish profiles,
/// .http/.rest files, .env files and docker-compose files (<see cref="ConfigurationEntries"/> reads them; the props add
/// each kind with its own opt-out). Each value becomes a configuration-entry sink that <see cref="SecretClassifier"/>
/// judges with the same policy as C# constants. The diagnostic points at the value's exact position. Files that cannot be
/// parsed are read up to the break and never reported: a parse error message could quote the secret.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ConfigurationFileSecretAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(SecretDiagnosticDescriptors.SecretInConfigurationFile);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            if (start.Options.AdditionalFiles.IsDefaultOrEmpty)
            {
                return;
            }

            var mappings = MappingSecrets.Read(start.Options.AdditionalFiles, start.Compilation, start.CancellationToken);
            var classifier = new SecretClassifier(mappings);
            var provider = start.Options.AnalyzerConfigOptionsProvider;
            start.RegisterAdditionalFileAction(file => AnalyzeFile(file, classifier, provider));
        });
    }

    private static void AnalyzeFile(AdditionalFileAnalysisContext context, SecretClassifier classifier, AnalyzerConfigOptionsProvider provider)
    {
        var file = context.AdditionalFile;
        if (file?.Path is not { Length: > 0 } path || ConnectorGen.Mapping.MappingParser.IsMappingFile(path))
        {
            return;
        }

        var kind = ConfigurationEntries.KindOf(path);
        if (kind == ConfigurationFileKind.None)
        {
            return;
        }

        var options = SecretAnalyzerOptions.Read(provider.GetOptions(file), provider.GlobalOptions);
        if (kind == ConfigurationFileKind.Json && !MatchesAny(path, options.ConfigFiles))
        {
            return;
        }

        SourceText? text;
        try
        {
            text = file.GetText(context.CancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return;
        }

        if (text is null)
        {
            return;
        }

        var entries = new List<ConfigurationEntry>();
        ConfigurationEntries.Read(kind, path, text, entries);
        foreach (var entry in entries)
        {
            var sink = entry.Sink;
            var finding = classifier.Classify(entry.Value, sink, options);
            if (finding.IsNone || entry.Span.End > text.Length)
            {
                continue;
            }

            var location = Location.Create(path, entry.Span, text.Lines.GetLinePositionSpan(entry.Span));
            context.ReportDiagnostic(Diagnostic.Create(SecretDiagnosticDescriptors.SecretInConfigurationFile, location, sink.Display, classifier.DescribeConfiguration(finding, sink)));
        }
    }

    private static bool MatchesAny(string path, IReadOnlyList<string> patterns)
    {
        foreach (var pattern in patterns)
        {
            if (SecretAnalyzerOptions.MatchesGlob(path, pattern))
            {
                return true;
            }
        }

        return false;
    }
}
