using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace ConnectorGen.Farm.Tests;

/// <summary>One ConnectorGen.Farm.Worker process: a token manager over the shared Redis store, driven by rounds.</summary>
public sealed class FarmWorker : IAsyncDisposable
{
    public const string ClientId = "infusionsoft-client-id";
    public const string ClientSecret = "CANARY-client-secret-7f3a9";

    private readonly Process _process;

    private FarmWorker(Process process)
    {
        _process = process;
    }

    public int Id => _process.Id;

    public static async Task<FarmWorker> StartAsync(string redisEndpoint, Uri keap, string protectionKey, string keyPrefix, int callers = 50, bool coordinate = true, int leaseMs = 5000)
    {
        // Beside this test's output: ../ConnectorGen.Farm.Worker/bin/<Configuration>/net10.0/.
        var self = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        var worker = self.Replace(Path.Combine("tests", "ConnectorGen.Farm.Tests"), Path.Combine("tests", "ConnectorGen.Farm.Worker"), StringComparison.Ordinal);
        var dll = Path.Combine(worker, "ConnectorGen.Farm.Worker.dll");
        Assert.True(File.Exists(dll), "worker not built: " + dll);
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { dll, redisEndpoint, keap.AbsoluteUri, ClientId, callers.ToString(System.Globalization.CultureInfo.InvariantCulture), coordinate ? "true" : "false", leaseMs.ToString(System.Globalization.CultureInfo.InvariantCulture), keyPrefix })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["FARM_CLIENT_SECRET"] = ClientSecret;
        info.Environment["FARM_PROTECTION_KEY"] = protectionKey;
        var process = Process.Start(info)!;
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine("worker: " + e.Data); } };
        process.BeginErrorReadLine();
        var ready = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("ready", ready);
        return new FarmWorker(process);
    }

    public Task SendRoundAsync(TimeSpan clockOffset) =>
        _process.StandardInput.WriteLineAsync("round " + (long)clockOffset.TotalSeconds).ContinueWith(_ => _process.StandardInput.FlushAsync()).Unwrap();

    public async Task<RoundResult> ReadResultAsync()
    {
        var line = await _process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.NotNull(line);
        using var document = JsonDocument.Parse(line!);
        var root = document.RootElement;
        return new RoundResult(
            root.GetProperty("outcomes").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32()),
            root.GetProperty("p50").GetDouble(),
            root.GetProperty("p99").GetDouble(),
            root.GetProperty("max").GetDouble());
    }

    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                await _process.StandardInput.WriteLineAsync("quit");
                await _process.StandardInput.FlushAsync();
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception)
            {
                Kill();
            }
        }

        _process.Dispose();
    }
}

/// <summary>One worker's round: how many callers ended how, and how long they waited for a token (ms).</summary>
public sealed record RoundResult(IReadOnlyDictionary<string, int> Outcomes, double P50, double P99, double Max)
{
    public int Count(string outcome) => Outcomes.TryGetValue(outcome, out var n) ? n : 0;

    public override string ToString() => string.Join(",", Outcomes.Select(o => o.Key + "=" + o.Value)) + $" p50={P50:F1}ms p99={P99:F1}ms max={Max:F1}ms";
}
