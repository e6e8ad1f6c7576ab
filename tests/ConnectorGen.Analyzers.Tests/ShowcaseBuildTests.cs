using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace ConnectorGen.Analyzers.Tests;

/// <summary>
/// The deliberately bad sample (samples/SecretsShowcase) built with MSBuild, the way a user builds: every secret rule
/// fires once, at its line and column, through the real props (AdditionalFiles for the mapping and appsettings.json).
/// </summary>
public class ShowcaseBuildTests
{
    [Fact]
    public async System.Threading.Tasks.Task Every_secret_rule_fires_in_the_showcase_build()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "ConnectorGen.sln")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        var start = new ProcessStartInfo("dotnet", ["build", Path.Combine(root!.FullName, "samples", "SecretsShowcase", "SecretsShowcase.csproj"), "--no-incremental", "-nologo", "-p:BuildProjectReferences=false"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new System.Threading.CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        var text = await stdout + await stderr;
        Assert.True(process.ExitCode == 0, text);

        string[] Found(string id) => Regex.Matches(text, @"([\w.]+)\((\d+),(\d+)\): warning " + id + ":")
            .Select(m => m.Groups[1].Value + "(" + m.Groups[2].Value + "," + m.Groups[3].Value + ")")
            .Distinct()
            .ToArray();

        Assert.Equal(["BadPractices.cs(12,24)"], Found("CG2001"));
        Assert.Equal(["BadPractices.cs(17,43)"], Found("CG2002"));
        Assert.Equal(["BadPractices.cs(22,32)"], Found("CG2003"));
        Assert.Equal(["appsettings.json(4,21)"], Found("CG2004"));
        Assert.DoesNotContain("n0t-a-real-client-secret-17", text);
        Assert.DoesNotContain("sh0wcase-n0t-a-real-secret-91", text);
    }
}
