using BenchmarkDotNet.Running;

namespace ConnectorGen.Benchmarks;

/// <summary>
/// `analyzers [--lines N] [--repetitions N] [--no-sonar] [--no-secrets]`: the secret analyzers against a
/// literal-visiting floor and Sonar S2068 (in-process telemetry). `scan <folder>...`: the secret analyzers over any
/// folder of C# sources, printing findings and per-analyzer time. Anything else goes to BenchmarkDotNet, e.g.
/// `--filter '*ReaderBenchmarks*'`, `'*GeneratorBenchmarks*'`, `'*Refresh*'`.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "analyzers")
        {
            return await Analyzers.SecretAnalyzerBenchmark.RunAsync(args.AsSpan(1).ToArray()).ConfigureAwait(false);
        }

        if (args.Length > 0 && args[0] == "callbacks")
        {
            return Analyzers.CallbackBenchmark.Run(args.AsSpan(1).ToArray());
        }

        if (args.Length > 0 && args[0] == "scan")
        {
            return await Analyzers.ScanCommand.RunAsync(args.AsSpan(1).ToArray()).ConfigureAwait(false);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
