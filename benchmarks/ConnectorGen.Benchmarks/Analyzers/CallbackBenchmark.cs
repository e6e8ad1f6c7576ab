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
/// the number. Floor = the floor analyzer's action over the same operations. Min of several passes (CPU-bound, so the
/// minimum is the least disturbed by other processes).
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

        double Time(Action<IOperation, ISymbol?> action, IEnumerable<(IOperation Operation, ISymbol? Containing)> ops)
        {
            var best = double.MaxValue;
            for (var pass = 0; pass < passes + 1; pass++)
            {
                var sw = Stopwatch.StartNew();
                foreach (var (operation, containing) in ops)
                {
                    action(operation, containing);
                }

                if (pass > 0)
                {
                    best = Math.Min(best, sw.Elapsed.TotalMilliseconds);
                }
            }

            return best;
        }

        var literalOps = operations.Where(o => o.Operation.Kind == OperationKind.Literal).ToList();
        var floor = Time((o, _) => { if (o.ConstantValue is { HasValue: true, Value: string { Length: > 0 } }) visited++; }, literalOps);
        Console.WriteLine($"floor: {floor:F2} ms");
        {
            diagnostics = 0;
            #pragma warning disable CS0618 // the public constructor is what lets the action run without the driver
            var t = Time((o, c) => ours.AnalyzeConstant(new OperationAnalysisContext(o, c!, compilation, options, Report, _ => true, CancellationToken.None)), operations);
#pragma warning restore CS0618
            Console.WriteLine($"ConnectorGen CG2001-CG2003: {t:F2} ms ({t / floor:F2}x floor), diagnostics/pass {diagnostics / (passes + 1)}");
        }

        return 0;
    }
}
