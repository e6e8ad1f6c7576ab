using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ConnectorGen.Benchmarks.Generator;

/// <summary>
/// The generator through a real CSharpGeneratorDriver for 1, 100 and 1,000 mapping files: a cold run (baseline) and a
/// run after an unrelated C# edit on a warm driver (what the IDE does on every keystroke). Goal: linear growth.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _edited = null!;
    private AdditionalText[] _files = [];
    private GeneratorDriver _warm = null!;

    [Params(1, 100, 1000)]
    public int Mappings { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var parse = new CSharpParseOptions(LanguageVersion.CSharp12);
        _compilation = CSharpCompilation.Create(
            "Bench",
            [CSharpSyntaxTree.ParseText("class A { }", parse)],
            Basic.Reference.Assemblies.Net100.References.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        _edited = _compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class B { void M() { } }", parse));
        var sample = Inputs.Infusionsoft();
        _files = Enumerable.Range(0, Mappings)
            .Select(i => (AdditionalText)new Text($"/p/m{i}.connector.json", sample.Replace("\"Infusionsoft\",\n  \"elementKey\"", $"\"Infusionsoft{i}\",\n  \"elementKey\"")))
            .ToArray();
        _warm = CreateDriver().RunGenerators(_compilation);
    }

    private GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create([new ConnectorGenerator().AsSourceGenerator()], _files, new CSharpParseOptions(LanguageVersion.CSharp12));

    [Benchmark(Baseline = true, Description = "cold run")]
    public int Cold() => CreateDriver().RunGenerators(_compilation).GetRunResult().GeneratedTrees.Length;

    [Benchmark(Description = "after an unrelated edit")]
    public int AfterUnrelatedEdit() => _warm.RunGenerators(_edited).GetRunResult().GeneratedTrees.Length;

    /// <summary>A mapping file in memory (also the keystroke benchmark's).</summary>
    internal sealed class Text(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}
