using Microsoft.Playwright;

namespace ConnectorGen.Web.Tests;

/// <summary>
/// One headless Chromium for the test class: the system browser (Debian's <c>chromium</c> package), launched by Playwright's
/// bundled driver. No browser is downloaded: a machine without Chromium fails every test with instructions.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    /// <summary>Where Debian's chromium package puts the browser.</summary>
    public const string DefaultExecutablePath = "/usr/bin/chromium";

    /// <summary>Overrides <see cref="DefaultExecutablePath"/> (e.g. a Chromium installed elsewhere).</summary>
    public const string ExecutablePathVariable = "CONNECTORGEN_CHROMIUM";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable(ExecutablePathVariable) is { Length: > 0 } path ? path : DefaultExecutablePath;

    public async Task InitializeAsync()
    {
        var executable = ExecutablePath;
        if (!File.Exists(executable))
        {
            // Fail, never skip: a skipped browser test would hide a broken web sample.
            throw new InvalidOperationException(
                $"Chromium was not found at {executable}. The web sample's browser tests drive the system Chromium and never download one. " +
                "Install it with: apt-get update && apt-get install -y --no-install-recommends chromium " +
                $"(CI's .ci/run does this), or point {ExecutablePathVariable} at a Chromium binary. Do not run 'playwright install'.");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args =
            [
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
