using System.Globalization;
using System.Text;
using ConnectorGen.Mapping;
using ConnectorGen.Tests.Support;
using Microsoft.CodeAnalysis.Text;

namespace ConnectorGen.Tests;

/// <summary>
/// Element exports at the size the platform writes them: every resource with its parameters and model embedded
/// (docs/elements.md 1.1: clover.json has resources, hooks and parameters beside its 31 configuration entries). The
/// generator reads only name, key, description, authentication and configuration; the rest is checked and skipped.
/// </summary>
public sealed class LargeElementExportTests
{
    private static string Export(string fileName) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Elements", fileName));

    internal static string RealisticExport(int resources) => RealisticElementExport.Build(Export("tillerpos.element.json"), resources);

    private static ParseResult Parse(string json) =>
        MappingParser.Parse("/project/tillerpos.element.json", SourceText.From(json, Encoding.UTF8), CancellationToken.None);

    [Fact]
    public void An_export_over_32_MiB_imports_like_the_small_one_and_builds_nothing_for_its_resources()
    {
        var large = RealisticExport(resources: 1_000);
        Assert.True(large.Length > 32 * 1024 * 1024, $"the export has {large.Length} characters");
        var text = SourceText.From(large, Encoding.UTF8);
        var small = Parse(Export("tillerpos.element.json"));

        MappingParser.Parse("/project/warm.element.json", SourceText.From(Export("tillerpos.element.json"), Encoding.UTF8), CancellationToken.None);

        // Roslyn's line table of the text (2 MiB here, built once per file and cached by the text) is not the reader's.
        _ = text.Lines.Count;
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = MappingParser.Parse("/project/tillerpos.element.json", text, CancellationToken.None);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Empty(result.Diagnostics);
        Assert.Equal(small.Model, result.Model);

        // Building every node of the resources would allocate several times the text (tens of MiB); skipping them
        // allocates what the small export needs (24 KB measured). 1 MiB leaves room for the model and the diagnostics sink.
        Assert.True(allocated < 1024 * 1024, $"parsing allocated {allocated:N0} bytes");
    }

    [Fact]
    public void A_syntax_error_inside_a_skipped_resource_is_still_reported_at_its_character()
    {
        var export = RealisticExport(resources: 3);
        var broken = export.IndexOf("\"vendorPath\"", export.IndexOf("\"id\": 2,", StringComparison.Ordinal), StringComparison.Ordinal) - 2;
        Assert.Equal(',', export[broken]);
        export = export.Remove(broken, 1); // `"path": "..." "vendorPath"`: a comma is missing

        var result = Parse(export);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("CG1001", diagnostic.Id);
        Assert.Equal(broken + 1, diagnostic.Location.Span.Start);
        Assert.Null(result.Model);
    }

    [Fact]
    public void A_bad_escape_inside_a_skipped_resource_is_reported_and_its_text_never_echoed()
    {
        var export = RealisticExport(resources: 2).Replace("caf\\u00e9", "caf\\u00zz-CANARY", StringComparison.Ordinal);

        var result = Parse(export);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("CG1001", diagnostic.Id);
        Assert.Equal(export.IndexOf("\\u00zz", StringComparison.Ordinal), diagnostic.Location.Span.Start);
        Assert.DoesNotContain("CANARY", diagnostic.ToDiagnostic().GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void The_generator_compiles_the_types_of_a_large_export()
    {
        var run = GeneratorHarness.RunGenerator(
            RealisticExport(resources: 200),
            "class U { object M() => new Tests.Consumer.TillerPosCredentials { MerchantId = \"m\" }.ToString(); }",
            path: "/project/tillerpos.element.json");

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompileDiagnostics);
    }
}
