using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using ConnectorGen.Mapping;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ConnectorGen.Analyzers;

/// <summary>
/// What the secret analyzers need from the <c>*.connector.json</c> mappings of a compilation: the Open Connectors
/// parameter keys and the configuration paths (<c>section:name</c>) of every credential marked <c>"secret": true</c>.
/// Deliberately small and isolated: the generator owns the full mapping parser and reports broken mapping files,
/// so this reader skips anything it does not understand without a word.
/// </summary>
internal sealed class MappingSecrets
{
    public static readonly MappingSecrets Empty = new(
        ImmutableDictionary.Create<string, string>(StringComparer.OrdinalIgnoreCase),
        ImmutableDictionary.Create<string, string>(StringComparer.OrdinalIgnoreCase));

    private MappingSecrets(ImmutableDictionary<string, string> parameters, ImmutableDictionary<string, string> configurationPaths)
    {
        Parameters = parameters;
        ConfigurationPaths = configurationPaths;
    }

    /// <summary>Secret parameter key -> connector name.</summary>
    public ImmutableDictionary<string, string> Parameters { get; }

    /// <summary>Secret configuration path (case-insensitive, like IConfiguration) -> connector name.</summary>
    public ImmutableDictionary<string, string> ConfigurationPaths { get; }

    public bool IsEmpty => Parameters.Count == 0 && ConfigurationPaths.Count == 0;

    public static MappingSecrets Read(ImmutableArray<AdditionalText> files, CancellationToken cancellationToken)
    {
        ImmutableDictionary<string, string>.Builder? parameters = null;
        ImmutableDictionary<string, string>.Builder? paths = null;
        foreach (var file in files)
        {
            if (file?.Path is null || !MappingParser.IsMappingFile(file.Path))
            {
                continue;
            }

            SourceText? text;
            try
            {
                text = file.GetText(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                continue;
            }

            if (text is null)
            {
                continue;
            }

            parameters ??= ImmutableDictionary.CreateBuilder<string, string>(StringComparer.OrdinalIgnoreCase);
            paths ??= ImmutableDictionary.CreateBuilder<string, string>(StringComparer.OrdinalIgnoreCase);
            AddMapping(JsonReader.Read(text), parameters, paths);
        }

        return parameters is null || paths is null || (parameters.Count == 0 && paths.Count == 0)
            ? Empty
            : new MappingSecrets(parameters.ToImmutable(), paths.ToImmutable());
    }

    private static void AddMapping(JsonReadResult result, IDictionary<string, string> parameters, IDictionary<string, string> paths)
    {
        if (result.Root is not JsonObject root || root.Find("connector")?.Value is not JsonString { Value: { Length: > 0 } connector })
        {
            return;
        }

        var section = root.Find("configurationSection")?.Value is JsonString { Value: { Length: > 0 } s } ? s : connector;
        if (root.Find("credentials")?.Value is not JsonArray credentials)
        {
            return;
        }

        foreach (var item in credentials.Items)
        {
            if (item is not JsonObject credential || credential.Find("secret")?.Value.Kind != JsonKind.True)
            {
                continue;
            }

            if (credential.Find("parameter")?.Value is JsonString { Value: { Length: > 0 } parameter } && !parameters.ContainsKey(parameter))
            {
                parameters[parameter] = connector;
            }

            if (credential.Find("name")?.Value is JsonString { Value: { Length: > 0 } name })
            {
                var path = section + ":" + name;
                if (!paths.ContainsKey(path))
                {
                    paths[path] = connector;
                }
            }
        }
    }
}
