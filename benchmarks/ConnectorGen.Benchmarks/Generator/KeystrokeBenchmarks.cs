using System.Reflection;
using System.Runtime.Loader;
using BenchmarkDotNet.Attributes;
using ConnectorGen.Benchmarks.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ConnectorGen.Benchmarks.Generator;

/// <summary>
/// What the generator costs the IDE: a reused <see cref="GeneratorDriver"/> over a ~194k-line project (the analyzer
/// corpus) with 20 mapping files, re-run after (a) a keystroke in a method body and (b) an edit of one mapping file.
/// The floor is the SDK's attribute-driven generators (System.Text.Json, Regex, Options, Logging; loaded from the
/// SDK's reference packs) over the same project in the same process: what any project pays per keystroke for source
/// generators at all. Each invocation alternates between two versions of the edited input, so every run sees a change.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class KeystrokeBenchmarks
{
    private const int Lines = 194_000;
    private const string EditedMapping = "/p/infusionsoft0.connector.json";

    private GeneratorDriver _driver = null!;
    private Compilation _before = null!;
    private Compilation _current = null!;
    private SyntaxTree _original = null!;
    private SyntaxTree _edited = null!;
    private AdditionalText _mappingBefore = null!;
    private AdditionalText _mappingAfter = null!;
    private bool _flip;

    [Params("ConnectorGen", "floor")]
    public string Generators { get; set; } = "ConnectorGen";

    [GlobalSetup]
    public void Setup()
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var sources = CorpusGenerator.Generate(Lines, withSecrets: false, out _);
        sources.Add(FloorUses);
        var trees = sources.Select((text, i) => CSharpSyntaxTree.ParseText(text, parse, path: $"/p/Source{i}.cs")).ToList();
        _before = CSharpCompilation.Create(
            "Bench.App",
            trees,
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        // A keystroke inside a method body of a file in the middle of the project.
        var tree = trees[trees.Count / 2];
        var text = tree.GetText();
        var at = text.ToString().IndexOf("var region = ", StringComparison.Ordinal);
        _original = tree;
        _edited = tree.WithChangedText(text.WithChanges(new TextChange(new TextSpan(at, 0), "var x = 1; ")));

        var files = Mappings();
        _mappingBefore = files.Single(f => f.Path == EditedMapping);
        var changed = _mappingBefore.GetText()!.ToString().Replace("Infusionsoft (Keap) CRM", "Infusionsoft (Keap) CRM, edited", StringComparison.Ordinal);
        _mappingAfter = new GeneratorBenchmarks.Text(EditedMapping, changed);

        IEnumerable<ISourceGenerator> generators = Generators == "floor" ? FloorGenerators() : [new ConnectorGenerator().AsSourceGenerator()];
        _driver = CSharpGeneratorDriver.Create(generators, files, parse, new Options());
        _driver = _driver.RunGenerators(_before);
        _current = _before;
        Keystroke();
        Keystroke();
        var result = _driver.GetRunResult();
        if (result.GeneratedTrees.Length == 0 || result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            throw new InvalidOperationException(Generators + " generated nothing or failed: " + string.Join("\n", result.Diagnostics));
        }

        Console.WriteLine($"// {Generators}: {trees.Count} files, {sources.Sum(s => s.Count(c => c == '\n'))} lines, {files.Length} mappings, {result.GeneratedTrees.Length} generated files");
    }

    /// <summary>
    /// Each keystroke is a new compilation, as in the IDE (its per-compilation caches start empty); the edited file
    /// alternates between two versions, so the driver sees a change every time.
    /// </summary>
    [Benchmark(Description = "keystroke in a method body")]
    public int Keystroke()
    {
        _flip = !_flip;
        _current = _flip ? _current.ReplaceSyntaxTree(_original, _edited) : _current.ReplaceSyntaxTree(_edited, _original);
        _driver = _driver.RunGenerators(_current);
        return _flip ? 1 : 0;
    }

    [Benchmark(Description = "edit of a mapping file")]
    public int MappingEdit()
    {
        _flip = !_flip;
        _driver = _flip
            ? _driver.ReplaceAdditionalText(_mappingBefore, _mappingAfter).RunGenerators(_current)
            : _driver.ReplaceAdditionalText(_mappingAfter, _mappingBefore).RunGenerators(_current);
        return _flip ? 1 : 0;
    }

    /// <summary>The framework reference assemblies plus the Microsoft.Extensions packages the generated registration uses.</summary>
    private static IEnumerable<MetadataReference> References() =>
        Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>().Concat(new[]
        {
            typeof(Microsoft.Extensions.Configuration.IConfiguration).Assembly,
            typeof(Microsoft.Extensions.Options.IValidateOptions<>).Assembly,
            typeof(Microsoft.Extensions.Primitives.StringValues).Assembly,
            typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection).Assembly,
            typeof(Microsoft.Extensions.DependencyInjection.ServiceCollection).Assembly,
            typeof(Microsoft.Extensions.DependencyInjection.HttpClientFactoryServiceCollectionExtensions).Assembly,
            typeof(Microsoft.Extensions.Logging.ILoggerFactory).Assembly,
        }.Distinct().Select(a => MetadataReference.CreateFromFile(a.Location)));

    /// <summary>Every sample mapping, plus copies of the Infusionsoft one under other connector names: 20 in all.</summary>
    private static AdditionalText[] Mappings()
    {
        var samples = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Mappings"), "*.connector.json", SearchOption.AllDirectories)
            .Select(f => (AdditionalText)new GeneratorBenchmarks.Text("/p/" + Path.GetFileName(f), File.ReadAllText(f)))
            .ToList();
        var infusionsoft = Inputs.Infusionsoft();
        for (var i = 0; samples.Count < 20; i++)
        {
            samples.Add(new GeneratorBenchmarks.Text($"/p/infusionsoft{i}.connector.json", infusionsoft.Replace("\"connector\": \"Infusionsoft\"", $"\"connector\": \"Infusionsoft{i}\"", StringComparison.Ordinal)));
        }

        return samples.ToArray();
    }

    /// <summary>One use of each floor generator, so that each has work to do (the project is otherwise plain service code).</summary>
    private const string FloorUses = """
        #nullable enable
        using System.Text.Json.Serialization;
        using System.Text.RegularExpressions;
        using Microsoft.Extensions.Logging;
        using Microsoft.Extensions.Options;

        namespace Corpus.Floor;

        public sealed record Payload(string Name, int Count);

        [JsonSerializable(typeof(Payload))]
        internal partial class PayloadContext : JsonSerializerContext { }

        internal static partial class Patterns
        {
            [GeneratedRegex("^[a-z]+[0-9]*$")]
            internal static partial Regex Word();
        }

        internal static partial class Log
        {
            [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Fetched {Id}")]
            internal static partial void Fetched(ILogger logger, int id);
        }

        public sealed class FloorOptions
        {
            [System.ComponentModel.DataAnnotations.Required]
            public string? Name { get; set; }
        }

        [OptionsValidator]
        internal sealed partial class FloorOptionsValidator : IValidateOptions<FloorOptions> { }
        """;

    /// <summary>System.Text.Json, Regex (Microsoft.NETCore.App.Ref), Options and Logging (Microsoft.AspNetCore.App.Ref) generators of the running SDK.</summary>
    private static IEnumerable<ISourceGenerator> FloorGenerators()
    {
        var packs = Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", "..", "packs");
        string Find(string pack, string file) =>
            Directory.GetDirectories(Path.Combine(packs, pack)).OrderBy(d => d, StringComparer.Ordinal)
                .Select(d => Path.Combine(d, "analyzers", "dotnet", "cs", file)).Last(File.Exists);
        var paths = new[]
        {
            Find("Microsoft.NETCore.App.Ref", "System.Text.Json.SourceGeneration.dll"),
            Find("Microsoft.NETCore.App.Ref", "System.Text.RegularExpressions.Generator.dll"),
            Find("Microsoft.AspNetCore.App.Ref", "Microsoft.Extensions.Options.SourceGeneration.dll"),
            Find("Microsoft.AspNetCore.App.Ref", "Microsoft.Extensions.Logging.Generators.dll"),
        };
        foreach (var path in paths)
        {
            var assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(Path.GetFullPath(path));
            foreach (var type in assembly.GetTypes())
            {
                if (type.IsAbstract || type.GetCustomAttribute<GeneratorAttribute>() is null)
                {
                    continue;
                }

                var instance = Activator.CreateInstance(type);
                yield return instance switch
                {
                    IIncrementalGenerator incremental => incremental.AsSourceGenerator(),
                    ISourceGenerator generator => generator,
                    _ => throw new InvalidOperationException(type.FullName + " is no generator"),
                };
            }
        }
    }

    private sealed class Options : AnalyzerConfigOptionsProvider
    {
        private static readonly AnalyzerConfigOptions Global = new Values(new Dictionary<string, string> { ["build_property.RootNamespace"] = "Bench.App" });
        private static readonly AnalyzerConfigOptions None = new Values(new Dictionary<string, string>());

        public override AnalyzerConfigOptions GlobalOptions => Global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => None;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => None;

        private sealed class Values(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
        }
    }
}
