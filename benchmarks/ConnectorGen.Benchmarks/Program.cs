using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/ConnectorGen.Benchmarks -- --filter '*ReaderBenchmarks*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
