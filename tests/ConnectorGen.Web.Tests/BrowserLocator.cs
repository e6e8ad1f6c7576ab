namespace ConnectorGen.Web.Tests;

/// <summary>Finds a Chromium binary to drive: the override variable, the system package, then Playwright's cache.</summary>
internal static class BrowserLocator
{
    /// <summary>A place a Chromium may be; <see cref="Path"/> is null when the place itself is unknown (variable unset).</summary>
    internal sealed record Candidate(string Description, string? Path);

    public static string? Find() => Find(Environment.GetEnvironmentVariable, ChromiumFixture.DefaultExecutablePath);

    /// <summary>The first usable candidate; the environment and the system path are parameters for the tests.</summary>
    public static string? Find(Func<string, string?> environment, string systemPath) =>
        Candidates(environment, systemPath).Select(c => c.Path).FirstOrDefault(path => path is not null && IsUsableExecutable(path));

    /// <summary>Every place looked at, in order (also listed in the skip reason).</summary>
    public static IEnumerable<Candidate> Candidates() => Candidates(Environment.GetEnvironmentVariable, ChromiumFixture.DefaultExecutablePath);

    public static IEnumerable<Candidate> Candidates(Func<string, string?> environment, string systemPath)
    {
        var overridden = environment(ChromiumFixture.ExecutablePathVariable);
        if (!string.IsNullOrEmpty(overridden))
        {
            // An explicit choice is the only one: silently falling back would test another browser than the one asked for.
            yield return new Candidate($"{ChromiumFixture.ExecutablePathVariable}={overridden}", overridden);
            yield break;
        }

        yield return new Candidate(systemPath, systemPath);

        var cache = PlaywrightCache(environment);
        var revisions = Directory.Exists(cache)
            ? Directory.GetDirectories(cache, "chromium-*")
                .Select(directory => (Directory: directory, Revision: Revision(directory)))
                .Where(r => r.Revision is not null)
                .OrderByDescending(r => r.Revision)
                .Select(r => r.Directory)
                .ToList()
            : [];
        if (revisions.Count == 0)
        {
            yield return new Candidate($"Playwright's cache {System.IO.Path.Combine(cache, "chromium-*")}", null);
        }

        foreach (var revision in revisions)
        {
            foreach (var relative in PlaywrightExecutables)
            {
                var path = System.IO.Path.Combine(revision, relative);
                yield return new Candidate(path, path);
            }
        }
    }

    /// <summary>The browser binary inside a chromium-&lt;revision&gt; folder, per platform and Playwright release.</summary>
    private static readonly string[] PlaywrightExecutables =
    [
        System.IO.Path.Combine("chrome-linux64", "chrome"),
        System.IO.Path.Combine("chrome-linux", "chrome"),
        System.IO.Path.Combine("chrome-mac", "Chromium.app", "Contents", "MacOS", "Chromium"),
        System.IO.Path.Combine("chrome-win", "chrome.exe"),
    ];

    /// <summary>Where <c>playwright install</c> puts browsers: PLAYWRIGHT_BROWSERS_PATH, else the per-user cache.</summary>
    private static string PlaywrightCache(Func<string, string?> environment)
    {
        var configured = environment("PLAYWRIGHT_BROWSERS_PATH");
        if (!string.IsNullOrEmpty(configured) && configured != "0")
        {
            return configured;
        }

        if (OperatingSystem.IsWindows())
        {
            return System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "ms-playwright");
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return OperatingSystem.IsMacOS()
            ? System.IO.Path.Combine(home, "Library", "Caches", "ms-playwright")
            : System.IO.Path.Combine(environment("XDG_CACHE_HOME") is { Length: > 0 } xdg ? xdg : System.IO.Path.Combine(home, ".cache"), "ms-playwright");
    }

    private static int? Revision(string directory) =>
        int.TryParse(System.IO.Path.GetFileName(directory)["chromium-".Length..], out var revision) ? revision : null;

    /// <summary>
    /// A non-empty regular file with an execute bit. A path hidden by a bind mount of /dev/null (a character device, no
    /// execute bit) or left behind empty by a half-finished install does not count.
    /// </summary>
    internal static bool IsUsableExecutable(string path)
    {
        var file = new FileInfo(path);
        if (!file.Exists || file.Length == 0)
        {
            return false;
        }

        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return (File.GetUnixFileMode(path) & anyExecute) != 0;
    }
}
