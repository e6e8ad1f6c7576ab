using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using ConnectorGen.Analyzers;
using ConnectorGen.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit.Abstractions;

namespace ConnectorGen.Tests.Robustness;

/// <summary>
/// The secret analyzers over broken code: the repository's own C# files (src/**/*.cs, samples/**/*.cs) and JSON
/// files, cut at random points (truncated, a span deleted, a span duplicated), analysed with
/// <see cref="CompilationWithAnalyzers"/>. No analyzer may throw (no AD0001, nothing reaches OnAnalyzerException).
/// <c>CONNECTORGEN_ANALYZER_CUTS</c> sets the number of cut files (default <see cref="DefaultCuts"/>).
/// </summary>
public sealed class AnalyzerCutTests(ITestOutputHelper output)
{
    public const int DefaultCuts = 300;

    private const int FilesPerCompilation = 6;

    internal static int Cuts =>
        int.TryParse(Environment.GetEnvironmentVariable("CONNECTORGEN_ANALYZER_CUTS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : DefaultCuts;

    [Fact]
    public async Task Analyzers_never_throw_on_cut_source_and_json_files()
    {
        var root = RepositoryRoot();
        var sources = Files(root, "*.cs");
        var json = Files(root, "*.json").Where(f => f.Path.EndsWith(".connector.json", StringComparison.OrdinalIgnoreCase) || Path.GetFileName(f.Path).StartsWith("appsettings", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(sources.Count > 20, "too few C# files found under " + root);
        Assert.NotEmpty(json);

        var seed = int.TryParse(Environment.GetEnvironmentVariable("CONNECTORGEN_ANALYZER_SEED"), out var s) ? s : 20260401;
        var random = new Random(seed);
        var cuts = Cuts;
        var started = DateTime.UtcNow;
        var findings = 0;
        for (var done = 0; done < cuts; done += FilesPerCompilation)
        {
            var trees = new List<SyntaxTree>();
            var described = new List<string>();
            for (var k = 0; k < FilesPerCompilation; k++)
            {
                var (path, text) = sources[random.Next(sources.Count)];
                var (cut, how) = Cut(text, random);
                trees.Add(CSharpSyntaxTree.ParseText(cut, new CSharpParseOptions(LanguageVersion.Latest), path: path + "#" + k.ToString(CultureInfo.InvariantCulture)));
                described.Add(path + " " + how);
            }

            var additional = json.Select(f =>
            {
                var (cut, how) = random.Next(2) == 0 ? Cut(f.Text, random) : (f.Text, "intact");
                described.Add(f.Path + " " + how);
                return (AdditionalText)new InMemoryAdditionalText(f.Path, cut);
            }).ToImmutableArray();

            var (diagnostics, exceptions) = await Analyze(trees, additional);
            Assert.True(exceptions.IsEmpty, "an analyzer threw on:\n" + string.Join("\n", described) + "\n" + string.Join("\n", exceptions));
            var failures = diagnostics.Where(d => d.Id.StartsWith("AD", StringComparison.Ordinal)).ToList();
            Assert.True(failures.Count == 0, "analyzer failures on:\n" + string.Join("\n", described) + "\n" + string.Join("\n", failures));
            findings += diagnostics.Length;
        }

        output.WriteLine($"{cuts} cut C# files (and cut JSON files) analysed in {(DateTime.UtcNow - started).TotalSeconds:F1} s, seed {seed}; {findings} findings, 0 analyzer exceptions");
    }

    /// <summary>The analyzers report exceptions both ways; both are captured.</summary>
    internal static async Task<(ImmutableArray<Diagnostic> Diagnostics, ConcurrentQueue<string> Exceptions)> Analyze(IEnumerable<SyntaxTree> trees, ImmutableArray<AdditionalText> additional)
    {
        var compilation = CSharpCompilation.Create(
            "Cut",
            trees,
            GeneratorHarness.References(TargetRefs.Net100, withExtensions: true),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var exceptions = new ConcurrentQueue<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(additional),
            onAnalyzerException: (e, analyzer, diagnostic) => exceptions.Enqueue(analyzer.GetType().Name + ": " + e),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false);
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new HardcodedConnectorSecretAnalyzer(), new ConfigurationFileSecretAnalyzer());
        var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        return (diagnostics, exceptions);
    }

    internal static (string Text, string How) Cut(string text, Random random)
    {
        var at = random.Next(text.Length + 1);
        switch (random.Next(3))
        {
            case 0:
                return (text[..at], "truncated at " + at);
            case 1:
                {
                    var length = Math.Min(text.Length - at, random.Next(1, 400));
                    return (text.Remove(at, length), $"deleted {length} at {at}");
                }

            default:
                {
                    var length = Math.Min(text.Length - at, random.Next(1, 400));
                    var to = random.Next(text.Length + 1);
                    return (text.Insert(to, text.Substring(at, length)), $"duplicated {length} from {at} to {to}");
                }
        }
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ConnectorGen.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ConnectorGen.sln not found above " + AppContext.BaseDirectory);
    }

    private static List<(string Path, string Text)> Files(string root, string pattern) =>
        new[] { "src", "samples" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), pattern, SearchOption.AllDirectories))
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => (f, File.ReadAllText(f, Encoding.UTF8)))
            .ToList();
}
