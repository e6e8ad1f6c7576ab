namespace ConnectorGen.Web.Tests;

/// <summary>Where the browser tests look for Chromium, on a made-up file tree (no browser needed).</summary>
public sealed class BrowserLocatorTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("connectorgen-browser-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Executable(string relative, string content = "#!/bin/sh\n", UnixFileMode mode = (UnixFileMode)0b111_101_101)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, mode);
        }

        return path;
    }

    private Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.Where(v => v.Name == name).Select(v => v.Value).FirstOrDefault()
            ?? (name == "XDG_CACHE_HOME" ? Path.Combine(_root, "no-cache") : null);

    [Fact]
    public void The_system_chromium_comes_first()
    {
        var system = Executable("usr/bin/chromium");
        Executable("pw/chromium-1200/chrome-linux64/chrome");

        Assert.Equal(system, BrowserLocator.Find(Environment(("PLAYWRIGHT_BROWSERS_PATH", Path.Combine(_root, "pw"))), system));
    }

    [Fact]
    public void Without_the_system_chromium_the_newest_playwright_revision_is_used()
    {
        Executable("pw/chromium-999/chrome-linux/chrome");
        var newest = Executable("pw/chromium-1200/chrome-linux64/chrome");
        Executable("pw/chromium_headless_shell-1300/chrome-linux/headless_shell");

        var found = BrowserLocator.Find(Environment(("PLAYWRIGHT_BROWSERS_PATH", Path.Combine(_root, "pw"))), Path.Combine(_root, "usr/bin/chromium"));

        Assert.Equal(newest, found);
    }

    [Fact]
    public void The_default_playwright_cache_follows_xdg_cache_home()
    {
        var installed = Executable("xdg/ms-playwright/chromium-1187/chrome-linux/chrome");

        var found = BrowserLocator.Find(Environment(("XDG_CACHE_HOME", Path.Combine(_root, "xdg"))), Path.Combine(_root, "usr/bin/chromium"));

        Assert.Equal(OperatingSystem.IsLinux() ? installed : null, found);
    }

    [Fact]
    public void An_override_is_the_only_place_looked_at()
    {
        var system = Executable("usr/bin/chromium");
        var environment = Environment((ChromiumFixture.ExecutablePathVariable, Path.Combine(_root, "missing/chrome")));

        Assert.Null(BrowserLocator.Find(environment, system));
        var candidate = Assert.Single(BrowserLocator.Candidates(environment, system));
        Assert.Contains(ChromiumFixture.ExecutablePathVariable, candidate.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_found_names_every_place_looked_at()
    {
        var candidates = BrowserLocator.Candidates(Environment(("PLAYWRIGHT_BROWSERS_PATH", Path.Combine(_root, "pw"))), "/nonexistent/chromium").ToList();

        Assert.Null(BrowserLocator.Find(Environment(("PLAYWRIGHT_BROWSERS_PATH", Path.Combine(_root, "pw"))), "/nonexistent/chromium"));
        Assert.Equal(["/nonexistent/chromium", $"Playwright's cache {Path.Combine(_root, "pw", "chromium-*")}"], candidates.Select(c => c.Description));
    }

    [SkippableFact]
    public void A_path_hidden_by_dev_null_an_empty_file_or_a_file_without_an_execute_bit_is_not_a_browser()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix file modes and /dev/null");
        Assert.False(BrowserLocator.IsUsableExecutable("/dev/null"));
        Assert.False(BrowserLocator.IsUsableExecutable(Executable("empty/chrome", content: "")));
        Assert.False(BrowserLocator.IsUsableExecutable(Executable("plain/chrome", mode: UnixFileMode.UserRead | UnixFileMode.UserWrite)));
        Assert.False(BrowserLocator.IsUsableExecutable(Path.Combine(_root, "absent")));
        Assert.True(BrowserLocator.IsUsableExecutable(Executable("ok/chrome")));
    }
}
