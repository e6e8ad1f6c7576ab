using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ConnectorGen.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ConnectorGen.Benchmarks.Analyzers;

/// <summary>
/// `scan &lt;folder&gt;...`: runs ConnectorGen's secret analyzers (CG2001-CG2004) in-process over every *.cs file under
/// the folders (bin/ and obj/ skipped), with every *.connector.json, appsettings*.json, launchSettings.json and every other
/// configuration file kind CG2004 reads (app.config, web.config, *.pubxml, *.http, *.rest, .env, docker-compose) as AdditionalFiles, in one
/// compilation against the .NET 10 reference assemblies. Prints each finding (file, line, rule, message: messages
/// never contain values), the analyzers' own execution time, and any analyzer exception. Exit code 2 when an analyzer
/// threw. Findings are not an error: the scan reports, it does not judge.
/// </summary>
internal static class ScanCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var folders = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        if (folders.Count == 0)
        {
            Console.Error.WriteLine("usage: scan <folder> [<folder>...]");
            return 1;
        }

        var total = Stopwatch.StartNew();
        var sources = new List<string>();
        var additional = new List<string>();
        foreach (var folder in folders)
        {
            var full = Path.GetFullPath(folder);
            if (!Directory.Exists(full))
            {
                Console.Error.WriteLine("not a folder: " + folder);
                return 1;
            }

            foreach (var file in Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories))
            {
                if (IsBuildOutput(file))
                {
                    continue;
                }

                var name = Path.GetFileName(file);
                if (name.EndsWith(".cs", StringComparison.OrdinalIgnoreCase))
                {
                    sources.Add(file);
                }
                else if (name.EndsWith(".connector.json", StringComparison.OrdinalIgnoreCase)
                    || (name.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase) && name.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                    || name.Equals("launchSettings.json", StringComparison.OrdinalIgnoreCase)
                    || ConfigurationEntries.KindOf(file) is not (ConfigurationFileKind.None or ConfigurationFileKind.Json))
                {
                    additional.Add(file);
                }
            }
        }

        var parse = Stopwatch.StartNew();
        var options = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = sources.AsParallel().AsOrdered()
            .Select(f => CSharpSyntaxTree.ParseText(SourceText.From(File.ReadAllText(f), System.Text.Encoding.UTF8), options, path: f))
            .ToImmutableArray();
        var texts = additional.Select(f => (AdditionalText)new FileText(f)).ToImmutableArray();
        parse.Stop();

        var compilation = CSharpCompilation.Create(
            "Scan",
            trees,
            Basic.Reference.Assemblies.Net100.References.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        // The compiler's own binding time for the same files, in this process: every declaration and method body bound
        // (what the analyzers' operation trees need), on a compilation of its own so that nothing is cached for the run below.
        // Both on one thread (no concurrent build, no concurrent analysis): the analyzers' telemetry sums callback time
        // over threads, so only single-threaded figures compare with the binder's wall time.
        var sequential = compilation.WithOptions(compilation.Options.WithConcurrentBuild(false));

        // Warm-up on the first 100 files, binder and analyzers alike, so that neither timing below pays for JIT.
        var warmUp = sequential.RemoveAllSyntaxTrees().AddSyntaxTrees(trees.Take(100));
        warmUp.Clone().GetDiagnostics();
        await warmUp.WithAnalyzers(
            ImmutableArray.Create<DiagnosticAnalyzer>(new HardcodedConnectorSecretAnalyzer(), new ConfigurationFileSecretAnalyzer()),
            new AnalyzerOptions(texts)).GetAnalyzerDiagnosticsAsync(CancellationToken.None).ConfigureAwait(false);

        var binding = Stopwatch.StartNew();
        var bindingErrors = sequential.Clone().GetDiagnostics().Length;
        binding.Stop();
        compilation = sequential;

        var exceptions = new ConcurrentQueue<string>();
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new HardcodedConnectorSecretAnalyzer(), new ConfigurationFileSecretAnalyzer());
        var withAnalyzers = compilation.WithAnalyzers(
            analyzers,
            new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(texts),
                onAnalyzerException: (e, analyzer, _) => exceptions.Enqueue(analyzer.GetType().Name + ": " + e.GetType().Name + ": " + e.Message),
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: true,
                reportSuppressedDiagnostics: false));
        var analysis = Stopwatch.StartNew();
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).ConfigureAwait(false);
        analysis.Stop();

        var root = folders.Count == 1 ? Path.GetFullPath(folders[0]) : Directory.GetCurrentDirectory();
        foreach (var d in diagnostics.OrderBy(d => d.Location.GetLineSpan().Path, StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start))
        {
            var span = d.Location.GetLineSpan();
            var path = string.IsNullOrEmpty(span.Path) ? "(no file)" : Path.GetRelativePath(root, span.Path);
            Console.WriteLine($"{path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): {d.Severity.ToString().ToLowerInvariant()} {d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}");
        }

        Console.WriteLine();
        Console.WriteLine($"scanned {sources.Count} C# files ({trees.Sum(t => t.GetText().Lines.Count):N0} lines) and {texts.Length} configuration files under {string.Join(", ", folders)}");
        Console.WriteLine("findings by rule: " + (diagnostics.IsEmpty ? "none" : string.Join(", ", diagnostics.GroupBy(d => d.Id).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key + " " + g.Count()))));
        var outside = diagnostics.Count(d => !IsTestPath(Path.GetRelativePath(root, d.Location.GetLineSpan().Path ?? string.Empty)));
        var outsideLines = trees.Where(t => !IsTestPath(Path.GetRelativePath(root, t.FilePath))).Sum(t => t.GetText().Lines.Count);
        Console.WriteLine($"outside tests: {outside} findings in {outsideLines:N0} lines ({outside * 100_000.0 / Math.Max(1, outsideLines):F2} per 100k lines)");
        var analyzerMs = 0.0;
        foreach (var analyzer in analyzers)
        {
            var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).ConfigureAwait(false);
            analyzerMs += telemetry.ExecutionTime.TotalMilliseconds;
            Console.WriteLine($"  {analyzer.GetType().Name}: {telemetry.ExecutionTime.TotalMilliseconds:F1} ms analyzer execution time");
        }

        Console.WriteLine($"compiler binding (GetDiagnostics on one thread, {bindingErrors} compiler diagnostics): {binding.Elapsed.TotalMilliseconds:F0} ms; analyzers / binding = {analyzerMs / binding.Elapsed.TotalMilliseconds:P2}");

        Console.WriteLine($"parse {parse.Elapsed.TotalMilliseconds:F0} ms, analysis (binding included) {analysis.Elapsed.TotalMilliseconds:F0} ms, total {total.Elapsed.TotalMilliseconds:F0} ms");
        Console.WriteLine($"analyzer exceptions: {exceptions.Count + diagnostics.Count(d => d.Id == "AD0001")}");
        foreach (var e in exceptions)
        {
            Console.WriteLine("  " + e);
        }

        return exceptions.IsEmpty && !diagnostics.Any(d => d.Id == "AD0001") ? 0 : 2;
    }

    /// <summary>docs/precision.md's "outside tests": no folder named test/tests, *.Tests, *.UnitTests, *.IntegrationTests or *.Test.</summary>
    internal static bool IsTestPath(string relative)
    {
        foreach (var segment in relative.Split('/', '\\'))
        {
            if (segment.Equals("test", StringComparison.OrdinalIgnoreCase) || segment.Equals("tests", StringComparison.OrdinalIgnoreCase) ||
                segment.EndsWith("Tests", StringComparison.OrdinalIgnoreCase) || segment.EndsWith(".Test", StringComparison.OrdinalIgnoreCase) ||
                segment.Contains(".Tests.", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsBuildOutput(string path)
    {
        var sep = Path.DirectorySeparatorChar;
        return path.Contains(sep + "obj" + sep, StringComparison.Ordinal) || path.Contains(sep + "bin" + sep, StringComparison.Ordinal)
            || path.Contains(sep + "node_modules" + sep, StringComparison.Ordinal);
    }

    private sealed class FileText(string path) : AdditionalText
    {
        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(File.ReadAllText(path), System.Text.Encoding.UTF8);
    }
}
