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
/// CG2004: secrets in JSON configuration files that the project passes as AdditionalFiles (<c>appsettings*.json</c> by
/// default, more through <c>connectorgen.config_files</c>). A value is a secret when its configuration path
/// (<c>Section:Name</c>, case-insensitive like IConfiguration) is the path of a secret credential of a mapping, or
/// when its key is secret-named. The diagnostic points at the value's exact position in the JSON file. Files that are
/// not valid JSON are skipped without a word: a parse error message could quote the secret.
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
            var provider = start.Options.AnalyzerConfigOptionsProvider;
            start.RegisterAdditionalFileAction(file => AnalyzeFile(file, mappings, provider));
        });
    }

    private static void AnalyzeFile(AdditionalFileAnalysisContext context, MappingSecrets mappings, AnalyzerConfigOptionsProvider provider)
    {
        var file = context.AdditionalFile;
        if (file?.Path is not { Length: > 0 } path || ConnectorGen.Mapping.MappingParser.IsMappingFile(path))
        {
            return;
        }

        var options = SecretAnalyzerOptions.Read(provider.GetOptions(file), provider.GlobalOptions);
        var matches = false;
        foreach (var pattern in options.ConfigFiles)
        {
            if (SecretAnalyzerOptions.MatchesGlob(path, pattern))
            {
                matches = true;
                break;
            }
        }

        if (!matches)
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

        if (text is null || JsonReader.Read(text).Root is not JsonObject root)
        {
            return; // broken or non-object JSON: the parse error is never reported (it may quote the secret)
        }

        Walk(root, string.Empty, context, path, text, mappings, options);
    }

    private static void Walk(JsonNode node, string prefix, AdditionalFileAnalysisContext context, string path, SourceText text, MappingSecrets mappings, SecretAnalyzerOptions options)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var property in obj.Properties)
                {
                    var childPath = prefix.Length == 0 ? property.Name : prefix + ":" + property.Name;
                    if (property.Value is JsonString value)
                    {
                        Check(property.Name, childPath, value, context, path, text, mappings, options);
                    }
                    else
                    {
                        Walk(property.Value, childPath, context, path, text, mappings, options);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Items.Count; i++)
                {
                    var childPath = prefix + ":" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    if (array.Items[i] is JsonString value)
                    {
                        Check(prefix, childPath, value, context, path, text, mappings, options);
                    }
                    else
                    {
                        Walk(array.Items[i], childPath, context, path, text, mappings, options);
                    }
                }

                break;
        }
    }

    private static void Check(string name, string configPath, JsonString value, AdditionalFileAnalysisContext context, string path, SourceText text, MappingSecrets mappings, SecretAnalyzerOptions options)
    {
        var v = value.Value;
        var shape = SecretValues.Shape(v);
        if (shape is ValueShape.Blank or ValueShape.Placeholder or ValueShape.Trivial)
        {
            return;
        }

        string? reason = null;
        var environmentVariable = IsLaunchSettingsVariable(path, configPath);
        if (mappings.ConfigurationPaths.TryGetValue(configPath, out var connector) ||
            (environmentVariable && mappings.TryGetEnvironmentSecret(name, out connector)))
        {
            if (shape != ValueShape.Reference)
            {
                reason = (environmentVariable ? "secret variable" : "secret credential") + " of connector '" + connector + "'";
            }
        }
        else if (environmentVariable && mappings.PublicEnvironmentVariables.Contains(name))
        {
            return;
        }
        else if (KnownFormats.Find(v, SecretNames.IsKeyContext(name), name.IndexOf("aws", StringComparison.OrdinalIgnoreCase) >= 0) is var format && format != KnownFormat.None)
        {
            reason = "the value has the format of " + KnownFormats.Describe(format);
        }
        else if (SecretNames.FindSecretWord(name, options.SecretNames, options.IgnoredNames) is { } word)
        {
            if (shape is ValueShape.Credential or ValueShape.Guid or ValueShape.Word && SecretValues.IsNotNameOrLookAlike(v, name, word))
            {
                reason = "its name says '" + word + "'";
            }
        }
        else if (CredentialContent.HasConnectionStringPassword(v))
        {
            reason = "connection string with a password";
        }
        else if (CredentialContent.HasUserInfoPassword(v, out _))
        {
            reason = "URI with a password";
        }

        if (reason is null)
        {
            return;
        }

        var span = value.Span;
        var location = Location.Create(path, span, text.Lines.GetLinePositionSpan(span));
        context.ReportDiagnostic(Diagnostic.Create(SecretDiagnosticDescriptors.SecretInConfigurationFile, location, "'" + configPath + "'", reason));
    }

    /// <summary>profiles:NAME:environmentVariables:VARIABLE in a launchSettings.json.</summary>
    private static bool IsLaunchSettingsVariable(string path, string configPath) =>
        path.EndsWith("launchSettings.json", StringComparison.OrdinalIgnoreCase) &&
        configPath.StartsWith("profiles:", StringComparison.OrdinalIgnoreCase) &&
        configPath.IndexOf(":environmentVariables:", StringComparison.OrdinalIgnoreCase) > 0;
}
