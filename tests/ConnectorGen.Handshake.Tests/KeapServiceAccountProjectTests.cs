#pragma warning disable CS1591
using System;
using System.Diagnostics;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using ConnectorGen.Handshake.Tests.TestSupport;
using ConnectorGen.StandIns;
using Xunit;

namespace ConnectorGen.Handshake.Tests;

/// <summary>
/// samples/Keap.ServiceAccount, a project with only the Keap Service Account Key mapping, built the way a user builds it
/// (warnings as errors, net8.0 and net10.0) and run against the Keap stand-in: the generated handler reaches the REST
/// resource with X-Keap-API-Key, and the key is in none of the build or run output.
/// </summary>
public sealed class KeapServiceAccountProjectTests
{
    private static string RepoRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "ConnectorGen.sln")))
        {
            root = root.Parent;
        }

        return root?.FullName ?? throw new InvalidOperationException("ConnectorGen.sln not found above the test output.");
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, string key, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["KEAP_API_KEY"] = key;
        start.Environment["DOTNET_ROLL_FORWARD"] = "Major"; // the net8.0 build runs on whatever runtime the machine has
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    [Fact]
    public async Task A_project_with_only_a_Keap_key_mapping_builds_warning_free_on_net8_and_net10_and_calls_the_stand_in()
    {
        var key = "KeapAK-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(25)).ToLowerInvariant();
        var options = Canary.KeapOptions();
        options.ApiKeys.Add(key);
        await using var keap = await KeapAuthorizationServer.StartAsync(options);
        var project = Path.Combine(RepoRoot(), "samples", "Keap.ServiceAccount");

        var build = await RunAsync(project, key, "build", "--no-incremental", "-nologo", "-v:minimal", "-p:BuildProjectReferences=false");
        Assert.True(build.ExitCode == 0, build.Output);
        Assert.Contains(" 0 Warning(s)", build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(": warning ", build.Output, StringComparison.Ordinal);

        foreach (var framework in new[] { "net8.0", "net10.0" })
        {
            var run = await RunAsync(project, key, Path.Combine("bin", "Debug", framework, "Keap.ServiceAccount.dll"), keap.BaseUri.ToString());
            Assert.True(run.ExitCode == 0, framework + ": " + run.Output);
            Assert.Contains("account profile: 200", run.Output, StringComparison.Ordinal);
            Assert.Contains("x-keap-product-quota", run.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(key, run.Output, StringComparison.Ordinal);
        }

        Assert.Equal(2, keap.ResourceRequests);
        Assert.Equal(0, keap.ResourceRequestsRejected);
        var refused = await RunAsync(project, "KeapAK-" + new string('0', 50), Path.Combine("bin", "Debug", "net10.0", "Keap.ServiceAccount.dll"), keap.BaseUri.ToString());
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("HTTP 401", refused.Output, StringComparison.Ordinal);
    }
}
