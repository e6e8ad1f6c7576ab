using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using ConnectorGen.Mapping;
using Microsoft.CodeAnalysis.Text;

namespace ConnectorGen.Benchmarks.Generator;

/// <summary>
/// The mapping reader against System.Text.Json's JsonDocument.Parse (the baseline) on the same text, with the same
/// leniency (comments, trailing commas). Goal: within 2x. MappingParser adds the model and every check on top.
/// </summary>
[MemoryDiagnoser]
public class ReaderBenchmarks
{
    private static readonly JsonDocumentOptions Lenient = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
    private string _text = string.Empty;
    private SourceText _sourceText = SourceText.From(string.Empty);

    [Params("infusionsoft", "large")]
    public string Input { get; set; } = "infusionsoft";

    [GlobalSetup]
    public void Setup()
    {
        _text = Input == "infusionsoft" ? Inputs.Infusionsoft() : Inputs.LargeMapping(200);
        _sourceText = SourceText.From(_text, Encoding.UTF8);
    }

    [Benchmark(Baseline = true, Description = "JsonDocument.Parse(string)")]
    public int JsonDocumentParse()
    {
        using var document = JsonDocument.Parse(_text, Lenient);
        return document.RootElement.ValueKind == JsonValueKind.Object ? 1 : 0;
    }

    [Benchmark(Description = "JsonReader.Read")]
    public bool OurReader() => JsonReader.Read(_text).Succeeded;

    [Benchmark(Description = "MappingParser.Parse (reader + model + checks)")]
    public bool MappingParse() => MappingParser.Parse("/p/x.connector.json", _sourceText, CancellationToken.None).Model is not null;
}

internal static class Inputs
{
    public static string Infusionsoft() =>
        File.ReadAllText(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Mappings"), "infusionsoft.connector.json", SearchOption.AllDirectories).Single());

    /// <summary>A valid mapping with many credentials, about 40 KB.</summary>
    public static string LargeMapping(int credentials, string connector = "Large")
    {
        var builder = new StringBuilder();
        builder.Append("{\n  // generated for benchmarks\n  \"connector\": \"").Append(connector).Append("\",\n  \"elementKey\": \"").Append(connector.ToLowerInvariant()).Append("\",\n  \"credentials\": [\n");
        for (var i = 0; i < credentials; i++)
        {
            builder.Append("    { \"name\": \"Value").Append(i).Append("\", \"source\": \"Value number ").Append(i)
                .Append("\", \"parameter\": \"large.value").Append(i).Append("\", \"secret\": ").Append(i % 3 == 0 ? "true" : "false")
                .Append(", \"format\": ").Append((i % 4) switch { 0 => "\"text\"", 1 => "{ \"hex\": 32 }", 2 => "\"httpsUrl\"", _ => "\"hostName\"" })
                .Append(", \"description\": \"Setting \\\"").Append(i).Append("\\\" of the large benchmark mapping.\" },\n");
        }

        builder.Append("  ],\n}\n");
        return builder.ToString();
    }
}
