using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using System.Threading;
using System.Threading.Tasks;
using ConnectorGen.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ConnectorGen.Benchmarks.Analyzers;

/// <summary>
/// In-process comparison on one generated corpus, same process, same compilation: ConnectorGen's secret analyzers vs a
/// floor analyzer that only visits every string literal vs SonarAnalyzer.CSharp's S2068. Time is the analyzers' own
/// execution time from <see cref="CompilationWithAnalyzers.GetAnalyzerTelemetryInfoAsync"/> (binding and operation-tree
/// construction are shared and not counted), median of several repetitions, each on a fresh compilation.
/// </summary>
internal static class SecretAnalyzerBenchmark
{
    private const string SonarLintXml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <AnalysisInput>
          <Settings>
            <Setting><Key>sonar.cs.analyzeGeneratedCode</Key><Value>false</Value></Setting>
          </Settings>
          <Rules>
            <Rule><Key>S2068</Key><Parameters><Parameter><Key>credentialWords</Key><Value>password, passwd, pwd, passphrase</Value></Parameter></Parameters></Rule>
          </Rules>
          <Files></Files>
        </AnalysisInput>
        """;

    private const string BaselineName = "baseline: no-op on literal+field+local refs";

    public static async Task<int> RunAsync(string[] args)
    {
        var targetLines = IntOption(args, "--lines", 100_000);
        var repetitions = IntOption(args, "--repetitions", 7);

        var withSecrets = Array.IndexOf(args, "--no-secrets") < 0;
        var folders = FolderOptions(args);
        ImmutableArray<SyntaxTree> trees;
        var parseOptions = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);
        if (folders.Count > 0)
        {
            // Real code: every *.cs file under the folders (bin/ and obj/ skipped), one compilation, as `scan` does.
            var files = folders.SelectMany(f => Directory.EnumerateFiles(Path.GetFullPath(f), "*.cs", SearchOption.AllDirectories))
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) &&
                            !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToList();
            trees = files.Select(f => CSharpSyntaxTree.ParseText(SourceText.From(File.ReadAllText(f), System.Text.Encoding.UTF8), parseOptions, path: f)).ToImmutableArray();
            Console.WriteLine($"real code: {files.Count} files, {trees.Sum(t => t.GetText().Lines.Count)} lines under {string.Join(", ", folders)}; repetitions: {repetitions}");
        }
        else
        {
            var sources = CorpusGenerator.Generate(targetLines, withSecrets, out var lines);
            Console.WriteLine($"corpus: {sources.Count} files, {lines} lines, {(withSecrets ? "with" : "without")} planted secrets; repetitions: {repetitions}");
            trees = sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, parseOptions, path: $"/corpus/File{i}.cs")).ToImmutableArray();
        }

        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.ProcessArchitecture}");
        var additional = ImmutableArray.Create<AdditionalText>(
            new InMemoryText("/corpus/SonarLint.xml", SonarLintXml),
            new InMemoryText("/corpus/appsettings.json", """{ "Smtp": { "Password": "hunter22" }, "Logging": { "LogLevel": { "Default": "Information" } } }"""),
            new InMemoryText("/corpus/infusionsoft.connector.json", """{"connector":"Infusionsoft","elementKey":"infusionsoftcrm","credentials":[{"name":"ClientSecret","source":"client_secret","parameter":"oauth.api.secret","secret":true}]}"""));

        var sonar = Array.IndexOf(args, "--no-sonar") >= 0 ? null : LoadSonarS2068();
        var sets = new List<(string Name, Func<ImmutableArray<DiagnosticAnalyzer>> Create)>
        {
            ("floor (visit every string literal)", () => ImmutableArray.Create<DiagnosticAnalyzer>(new StringLiteralFloorAnalyzer())),
            ("ConnectorGen CG2001-CG2004", () => ImmutableArray.Create<DiagnosticAnalyzer>(new HardcodedConnectorSecretAnalyzer(), new ConfigurationFileSecretAnalyzer())),
        };
        // Baseline for the CPU-time method: an analyzer that is called for the same operations and does nothing,
        // so that (run CPU - baseline CPU) is the analyzer's own cost, free of binding and of scheduler noise.
        sets.Add((BaselineName, () => ImmutableArray.Create<DiagnosticAnalyzer>(new ProbeAnalyzer())));

        if (sonar is not null)
        {
            sets.Add(("SonarAnalyzer.CSharp 9.32 S2068", () => ImmutableArray.Create(sonar())));
        }
        else
        {
            Console.WriteLine("SonarAnalyzer.CSharp S2068 not found: Sonar column skipped");
        }

        // --only <word>: keep the floor and the sets whose name contains the word (e.g. for a profile of one analyzer).
        var only = Array.IndexOf(args, "--only");
        if (only >= 0 && only + 1 < args.Length)
        {
            var word = args[only + 1];
            sets = sets.Where((s, i) => i == 0 || s.Name.Contains(word, StringComparison.OrdinalIgnoreCase)).ToList();
        }

        var times = sets.ToDictionary(s => s.Name, _ => new List<double>());
        var cpuTimes = sets.ToDictionary(s => s.Name, _ => new List<double>());
        var counts = new Dictionary<string, int>();
        for (var r = -1; r < repetitions; r++)
        {
            // Rotate the order each repetition and collect garbage first, so no set always pays for another's garbage.
            for (var k = 0; k < sets.Count; k++)
            {
                var (name, create) = sets[(k + Math.Max(r, 0)) % sets.Count];
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                var compilation = CSharpCompilation.Create(
                    "Corpus" + r.ToString(CultureInfo.InvariantCulture),
                    trees,
                    Basic.Reference.Assemblies.Net100.References.All,
                    new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
                // The reference manager (metadata of every reference) is compilation work the compiler does anyway; done
                // here for every set, so that it is not charged to whichever analyzer happens to touch the references first.
                _ = compilation.SourceModule.ReferencedAssemblySymbols;
                _ = compilation.GetSpecialType(SpecialType.System_String);
                var analyzers = create();
                var withAnalyzers = compilation.WithAnalyzers(
                    analyzers,
                    new CompilationWithAnalyzersOptions(new AnalyzerOptions(additional), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true, reportSuppressedDiagnostics: false));
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).ConfigureAwait(false);
                var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;
                var total = TimeSpan.Zero;
                foreach (var analyzer in analyzers)
                {
                    total += (await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).ConfigureAwait(false)).ExecutionTime;
                }

                if (r >= 0)
                {
                    times[name].Add(total.TotalMilliseconds);
                    cpuTimes[name].Add(cpu);
                }

                counts[name] = diagnostics.Count(d => !d.Id.StartsWith("AD", StringComparison.Ordinal));
                var failures = diagnostics.Count(d => d.Id == "AD0001");
                if (failures > 0)
                {
                    Console.WriteLine($"{name}: {failures} AD0001 analyzer failures");
                }
            }
        }

        var floor = Median(times[sets[0].Name]);
        var ours = Median(times[sets[1].Name]);
        Console.WriteLine();
        Console.WriteLine("| analyzers | median ms | min ms | max ms | diagnostics | vs floor | whole-run CPU ms (median) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, _) in sets)
        {
            var t = times[name];
            Console.WriteLine($"| {name} | {Median(t):F1} | {t.Min():F1} | {t.Max():F1} | {counts[name]} | {Median(t) / floor:F2}x | {Median(cpuTimes[name]):F0} |");
        }

        var baseline = cpuTimes.TryGetValue(BaselineName, out var baselineTimes) ? Median(baselineTimes) : 0;
        double CpuDelta(string name) => Median(cpuTimes[name]) - baseline;
        Console.WriteLine();
        Console.WriteLine("Telemetry (analyzer callback wall time, median):");
        Console.WriteLine($"  ConnectorGen / floor = {ours / floor:F2} (goal <= 3)");
        var sonarName = sets.FirstOrDefault(x => x.Name.StartsWith("Sonar", StringComparison.Ordinal)).Name;
        if (sonarName is not null)
        {
            Console.WriteLine($"  ConnectorGen / Sonar S2068 = {ours / Median(times[sonarName]):F3} (goal <= 0.1)");
        }

        Console.WriteLine("Whole-run CPU time minus the no-op baseline (median):");
        Console.WriteLine($"  floor {CpuDelta(sets[0].Name):F0} ms, ConnectorGen {CpuDelta(sets[1].Name):F0} ms" + (sonarName is null ? string.Empty : $", Sonar {CpuDelta(sonarName):F0} ms"));

        return 0;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>Every value of a repeated <c>--folder &lt;path&gt;</c> option.</summary>
    private static List<string> FolderOptions(string[] args)
    {
        var folders = new List<string>();
        for (var i = 0; i + 1 < args.Length; i++)
        {
            if (args[i] == "--folder")
            {
                folders.Add(args[i + 1]);
            }
        }

        return folders;
    }

    private static int IntOption(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : fallback;
    }

    /// <summary>Loads SonarAnalyzer.CSharp from its package folder and returns a factory for its S2068 analyzer.</summary>
    private static Func<DiagnosticAnalyzer>? LoadSonarS2068()
    {
        var root = typeof(SecretAnalyzerBenchmark).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "SonarAnalyzerPath")?.Value;
        var folder = root is null ? null : Path.Combine(root, "analyzers");
        var path = folder is null ? null : Path.Combine(folder, "SonarAnalyzer.CSharp.dll");
        if (path is null || !File.Exists(path))
        {
            return null;
        }

        AssemblyLoadContext.Default.Resolving += (context, name) =>
        {
            var candidate = Path.Combine(folder!, name.Name + ".dll");
            return File.Exists(candidate) ? context.LoadFromAssemblyPath(candidate) : null;
        };
        var assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(path);
        Type[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            types = e.Types.Where(t => t is not null).ToArray()!;
        }

        foreach (var type in types)
        {
            if (type.IsAbstract || !typeof(DiagnosticAnalyzer).IsAssignableFrom(type) || type.GetConstructor(Type.EmptyTypes) is null)
            {
                continue;
            }

            if (type.Name.Contains("Credential", StringComparison.Ordinal))
            {
                var probe = (DiagnosticAnalyzer)Activator.CreateInstance(type)!;
                if (probe.SupportedDiagnostics.Any(d => d.Id == "S2068"))
                {
                    Console.WriteLine($"sonar: {type.FullName} from {path}");
                    return () => (DiagnosticAnalyzer)Activator.CreateInstance(type)!;
                }
            }
        }

        return null;
    }

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}

/// <summary>The floor: an analyzer that visits every string literal operation and does nothing else of note.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class StringLiteralFloorAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Rule = new("FLOOR1", "floor", "floor", "Benchmark", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

    public static long Visited;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterOperationAction(
            static c =>
            {
                if (c.Operation.ConstantValue is { HasValue: true, Value: string { Length: > 0 } })
                {
                    Interlocked.Increment(ref Visited);
                }
            },
            OperationKind.Literal);
    }
}

/// <summary>Baseline: the cost of being called for every literal, field reference and local reference, doing nothing.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class ProbeAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Rule = new("PROBE1", "probe", "probe", "Benchmark", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterOperationAction(static _ => { }, OperationKind.Literal, OperationKind.Utf8String, OperationKind.FieldReference, OperationKind.LocalReference);
    }
}
