using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using ConnectorGen.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace ConnectorGen.Benchmarks.Analyzers;

/// <summary>
/// The analyzers' callbacks alone, single-threaded, on operation trees that are bound once beforehand: every operation
/// the analyzer registers for is passed to its action directly, so binding, the driver and the scheduler are not in
/// the number. Floor = the floor analyzer's action over the same operations. Time is this thread's CPU time (not wall
/// time: the machine is shared), min of several passes.
/// </summary>
internal static class CallbackBenchmark
{
    public static int Run(string[] args)
    {
        var folders = new List<string>();
        for (var i = 0; i + 1 < args.Length; i++)
        {
            if (args[i] == "--folder")
            {
                folders.Add(args[i + 1]);
            }
        }

        var passes = 9;
        var p = Array.IndexOf(args, "--passes");
        if (p >= 0 && p + 1 < args.Length)
        {
            passes = int.Parse(args[p + 1], System.Globalization.CultureInfo.InvariantCulture);
        }

        var parseOptions = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);
        var sep = Path.DirectorySeparatorChar;
        var trees = folders.SelectMany(f => Directory.EnumerateFiles(Path.GetFullPath(f), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{sep}obj{sep}", StringComparison.Ordinal) && !f.Contains($"{sep}bin{sep}", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => CSharpSyntaxTree.ParseText(SourceText.From(File.ReadAllText(f), System.Text.Encoding.UTF8), parseOptions, path: f))
            .ToImmutableArray();
        var compilation = CSharpCompilation.Create("Callbacks", trees, Basic.Reference.Assemblies.Net100.References.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        // Bind once: every operation root of every tree, and the operations each analyzer registers for.
        var operations = new List<(IOperation Operation, ISymbol? Containing)>();
        var roots = new HashSet<IOperation>();
        foreach (var tree in trees)
        {
            var model = compilation.GetSemanticModel(tree);
            var stack = new Stack<SyntaxNode>();
            stack.Push(tree.GetRoot());
            while (stack.Count > 0)
            {
                var node = stack.Pop();
                var operation = node is Microsoft.CodeAnalysis.CSharp.Syntax.ExpressionSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.StatementSyntax ? model.GetOperation(node) : null;
                if (operation is null)
                {
                    foreach (var child in node.ChildNodes())
                    {
                        stack.Push(child);
                    }

                    continue;
                }

                while (operation.Parent is { } parent)
                {
                    operation = parent;
                }

                if (!roots.Add(operation))
                {
                    continue;
                }

                var containing = model.GetEnclosingSymbol(node.SpanStart);
                foreach (var o in operation.DescendantsAndSelf())
                {
                    if (o.Kind is OperationKind.Literal or OperationKind.Utf8String or OperationKind.FieldReference or OperationKind.LocalReference)
                    {
                        operations.Add((o, containing));
                    }
                }
            }
        }

        var literals = operations.Count(o => o.Operation.Kind == OperationKind.Literal);
        Console.WriteLine($"{trees.Length} files; {operations.Count} operations ({literals} literals); passes: {passes}");

        var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty);
        var ours = HardcodedConnectorSecretAnalyzer.CreateStateForBenchmark(compilation, options);
        var diagnostics = 0;
        void Report(Diagnostic d) => diagnostics++;
        long visited = 0;

        // The first pass is reported apart: it fills the per-compilation caches (options per tree, assemblies that can
        // carry [ConnectorSecret], well-known types, local-use indexes), which the driver pays once per compilation.
        // Allocated bytes per pass matter as much as time: under the driver, a GC that an allocation inside a callback
        // triggers is charged to that analyzer's execution time.
        double Time(string name, Action<IOperation, ISymbol?> action, IEnumerable<(IOperation Operation, ISymbol? Containing)> ops)
        {
            var best = double.MaxValue;
            double first = 0;
            long firstBytes = 0, bytes = 0;
            for (var pass = 0; pass < passes + 1; pass++)
            {
                var allocated = GC.GetAllocatedBytesForCurrentThread();
                var cpuStart = ThreadCpu.Milliseconds();
                foreach (var (operation, containing) in ops)
                {
                    action(operation, containing);
                }

                var elapsed = ThreadCpu.Milliseconds() - cpuStart;
                allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
                if (pass == 0)
                {
                    first = elapsed;
                    firstBytes = allocated;
                }
                else
                {
                    best = Math.Min(best, elapsed);
                    bytes = allocated;
                }
            }

            Console.WriteLine($"{name}: first pass {first:F2} ms, {firstBytes / 1024.0:F0} KiB allocated; later passes {bytes / 1024.0:F0} KiB each");
            return best;
        }

        // Every action gets an OperationAnalysisContext built the same way (the driver builds one per operation and
        // analyzer too); the delegates are made once.
        Action<Diagnostic> report = Report;
        Func<Diagnostic, bool> supported = static _ => true;
#pragma warning disable CS0618 // the public constructor is what lets the action run without the driver
        OperationAnalysisContext Context(IOperation o, ISymbol? c) => new(o, c!, compilation, options, report, supported, CancellationToken.None);
#pragma warning restore CS0618

        var literalOps = operations.Where(o => o.Operation.Kind == OperationKind.Literal).ToList();
        var floor = Time("floor", (o, c) =>
        {
            var context = Context(o, c);
            if (context.Operation.ConstantValue is { HasValue: true, Value: string { Length: > 0 } })
            {
                visited++;
            }
        }, literalOps);
        Console.WriteLine($"floor: {floor:F2} ms");
        var empty = Time("no-op on ConnectorGen's operation kinds", (o, c) => _ = Context(o, c), operations);
        Console.WriteLine($"no-op on ConnectorGen's operation kinds: {empty:F2} ms ({empty / floor:F2}x floor)");
        diagnostics = 0;
        var t = Time("ConnectorGen", (o, c) => ours.AnalyzeConstant(Context(o, c)), operations);
        Console.WriteLine($"ConnectorGen CG2001-CG2003: {t:F2} ms ({t / floor:F2}x floor), diagnostics/pass {diagnostics / (passes + 1)}");

        // What the driver sees for each new compilation once the process is warm: a new state (empty caches), warm JIT.
        var fresh = double.MaxValue;
        for (var round = 0; round < 3; round++)
        {
            var state = HardcodedConnectorSecretAnalyzer.CreateStateForBenchmark(compilation, options);
            var start = ThreadCpu.Milliseconds();
            foreach (var (operation, containing) in operations)
            {
                state.AnalyzeConstant(Context(operation, containing));
            }

            fresh = Math.Min(fresh, ThreadCpu.Milliseconds() - start);
        }

        Console.WriteLine($"ConnectorGen, new state each pass (empty caches, warm JIT): {fresh:F2} ms ({fresh / floor:F2}x floor)");

        return 0;
    }
}

/// <summary>CPU time of the calling thread: what a pass costs, whatever else the machine runs meanwhile.</summary>
internal static class ThreadCpu
{
    private const int ClockThreadCpuTime = 3; // CLOCK_THREAD_CPUTIME_ID on Linux

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    /// <summary>Thread CPU milliseconds on Linux; elsewhere wall time (Stopwatch).</summary>
    public static double Milliseconds()
    {
        if (OperatingSystem.IsLinux() && ClockGetTime(ClockThreadCpuTime, out var t) == 0)
        {
            return t.Seconds * 1000.0 + t.Nanoseconds / 1_000_000.0;
        }

        return Stopwatch.GetTimestamp() * 1000.0 / Stopwatch.Frequency;
    }
}
