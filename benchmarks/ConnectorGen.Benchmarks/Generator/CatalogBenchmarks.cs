using System.Text;
using BenchmarkDotNet.Attributes;
using ConnectorGen.Mapping;
using ConnectorGen.Tests.Support;
using Microsoft.CodeAnalysis.Text;

namespace ConnectorGen.Benchmarks.Generator;

/// <summary>
/// What the catalogue and element import cost at parse time, against the hand-written Infusionsoft mapping (the
/// baseline: five credentials spelled out). Catalogue-only: the same element from two lines plus the catalogue merge.
/// Import: a platform export of an oauth2 element (13 entries, a pasted tail) read by the element-definition reader,
/// and the same export at real size: 600 embedded resources, 20 MiB.
/// </summary>
[MemoryDiagnoser]
public class CatalogBenchmarks
{
    private SourceText _mapping = SourceText.From(string.Empty);
    private SourceText _catalogueOnly = SourceText.From(string.Empty);
    private SourceText _export = SourceText.From(string.Empty);
    private SourceText _largeExport = SourceText.From(string.Empty);

    [GlobalSetup]
    public void Setup()
    {
        _mapping = SourceText.From(Inputs.Infusionsoft(), Encoding.UTF8);
        _catalogueOnly = SourceText.From("""{ "connector": "Infusionsoft", "elementKey": "infusionsoftcrm", "namespace": "Contoso.Connectors" }""", Encoding.UTF8);
        _export = SourceText.From(
            File.ReadAllText(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Mappings"), "tillerpos.element.json", SearchOption.AllDirectories).Single()),
            Encoding.UTF8);
        _largeExport = SourceText.From(RealisticElementExport.Build(_export.ToString(), resources: 600), Encoding.UTF8);
        _ = _largeExport.Lines.Count; // the line table is the text's, built once per file; not the reader's cost
    }

    [Benchmark(Baseline = true, Description = "hand-written mapping (infusionsoft.connector.json)")]
    public int HandWritten() => MappingParser.Parse("/p/infusionsoft.connector.json", _mapping, CancellationToken.None).Model!.Credentials.Count;

    [Benchmark(Description = "catalogue-only mapping (infusionsoftcrm)")]
    public int CatalogueOnly() => MappingParser.Parse("/p/infusionsoft.connector.json", _catalogueOnly, CancellationToken.None).Model!.Credentials.Count;

    [Benchmark(Description = "element export import (tillerpos.element.json)")]
    public int ElementImport() => MappingParser.Parse("/p/tillerpos.element.json", _export, CancellationToken.None).Model!.Credentials.Count;

    [Benchmark(Description = "element export import, 20 MiB (600 resources)")]
    public int LargeElementImport() => MappingParser.Parse("/p/tillerpos.element.json", _largeExport, CancellationToken.None).Model!.Credentials.Count;
}
