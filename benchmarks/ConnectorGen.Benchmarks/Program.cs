using System;
using System.Threading.Tasks;

namespace ConnectorGen.Benchmarks;

/// <summary>Dispatches on the first argument: one suite per subsystem (the lead adds the generator suites here).</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var suite = args.Length > 0 ? args[0] : string.Empty;
        switch (suite)
        {
            case "analyzers":
                return await Analyzers.SecretAnalyzerBenchmark.RunAsync(args.AsSpan(1).ToArray()).ConfigureAwait(false);
            default:
                Console.Error.WriteLine("usage: ConnectorGen.Benchmarks <suite> [options]");
                Console.Error.WriteLine("suites:");
                Console.Error.WriteLine("  analyzers [--lines N] [--repetitions N] [--no-sonar] [--no-secrets]   secret analyzers vs a literal-visiting floor and Sonar S2068");
                return 2;
        }
    }
}
