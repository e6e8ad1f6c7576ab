using Microsoft.Playwright;

namespace ConnectorGen.Web.Tests;

/// <summary>
/// One headless Chromium for the test class, launched by Playwright's bundled driver. No browser is ever downloaded: the
/// fixture uses <see cref="ExecutablePathVariable"/> when set, else the system Chromium (<see cref="DefaultExecutablePath"/>),
/// else a Chromium that <c>playwright install chromium</c> put in its cache (newest revision first).
/// </summary>
/// <remarks>
/// With no browser, every browser test is reported skipped with <see cref="MissingBrowserReason"/> (the install command
/// included), so <c>dotnet test ConnectorGen.sln</c> passes on a fresh machine. With <c>CI=true</c> a missing browser fails
/// instead: a skipped browser test there would hide a broken web sample. Browser tests are <c>[SkippableFact]</c>s and
/// either read <see cref="Browser"/> (which skips) or call <see cref="SkipIfUnavailable"/> first.
/// </remarks>
public sealed class ChromiumFixture(Xunit.Abstractions.IMessageSink diagnostics) : IAsyncLifetime
{
    /// <summary>Where Debian's chromium package puts the browser.</summary>
    public const string DefaultExecutablePath = "/usr/bin/chromium";

    /// <summary>Overrides the search (e.g. a Chromium installed elsewhere).</summary>
    public const string ExecutablePathVariable = "CONNECTORGEN_CHROMIUM";

    /// <summary>How to get the browser the tests look for first.</summary>
    public const string InstallCommand = "sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium";

    private static readonly Lazy<string?> Located = new(BrowserLocator.Find);

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The Chromium the tests drive, or null when none was found.</summary>
    public static string? ExecutablePath => Located.Value;

    /// <summary>True when CI=true: a missing browser is then a failure, not a skip.</summary>
    public static bool IsContinuousIntegration =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why the browser tests cannot run here, and what to do about it.</summary>
    public static string MissingBrowserReason =>
        "No Chromium found, so the browser tests of samples/Infusionsoft.Web did not run. Looked at " +
        string.Join(", ", BrowserLocator.Candidates().Select(c => c.Description)) + ". " +
        $"Install it with: {InstallCommand} (or `pwsh tests/ConnectorGen.Web.Tests/bin/Debug/net10.0/playwright.ps1 install chromium`, " +
        $"or set {ExecutablePathVariable} to a Chromium binary). With CI=true a missing browser fails the run.";

    /// <summary>The launched browser; reading it in a test without one skips the test (or fails it under CI).</summary>
    public IBrowser Browser
    {
        get
        {
            SkipIfUnavailable();
            return _browser ?? throw new InvalidOperationException("The browser fixture was not initialised.");
        }
    }

    /// <summary>
    /// The skip guard: call it first in any <c>[SkippableFact]</c> (or a test class's InitializeAsync) that needs the
    /// browser. Skips with <see cref="MissingBrowserReason"/> when there is none, except under CI, where it throws.
    /// </summary>
    public static void SkipIfUnavailable()
    {
        if (ExecutablePath is not null)
        {
            return;
        }

        if (IsContinuousIntegration)
        {
            throw new InvalidOperationException(MissingBrowserReason);
        }

        throw new SkipException(MissingBrowserReason);
    }

    public async Task InitializeAsync()
    {
        var executable = ExecutablePath;
        if (executable is null)
        {
            // Under CI the fixture itself fails, so every browser test fails even if one forgot the guard.
            if (IsContinuousIntegration)
            {
                throw new InvalidOperationException(MissingBrowserReason);
            }

            // Once per test class, at the default verbosity of `dotnet test` (xunit.runner.json turns diagnostic messages
            // on); the per-test skip reasons show at `--logger "console;verbosity=normal"`.
            diagnostics.OnMessage(new Xunit.Sdk.DiagnosticMessage(MissingBrowserReason));
            return;
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
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
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
