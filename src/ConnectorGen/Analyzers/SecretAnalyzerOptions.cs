using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ConnectorGen.Analyzers;

/// <summary>
/// The .editorconfig options of the secret analyzers (read per file, falling back to global analyzer config):
/// <c>connectorgen.secret_names</c>, <c>connectorgen.ignored_names</c> (comma or semicolon lists of words or names),
/// <c>connectorgen.config_files</c> (glob patterns of JSON configuration files for CG2004),
/// <c>connectorgen.cg2003_in_tests</c> and <c>connectorgen.cg2001_in_tests</c> (report CG2003 / CG2001 in test
/// projects too) and the MSBuild property
/// <c>build_property.IsTestProject</c>.
/// </summary>
internal sealed class SecretAnalyzerOptions
{
    public const string SecretNamesKey = "connectorgen.secret_names";
    public const string IgnoredNamesKey = "connectorgen.ignored_names";
    public const string ConfigFilesKey = "connectorgen.config_files";
    public const string Cg2003InTestsKey = "connectorgen.cg2003_in_tests";
    public const string Cg2001InTestsKey = "connectorgen.cg2001_in_tests";
    public const string IsTestProjectKey = "build_property.IsTestProject";

    public static readonly IReadOnlyList<string> DefaultConfigFiles = new[] { "appsettings*.json", "launchSettings.json" };

    private SecretAnalyzerOptions(IReadOnlyList<string> secretNames, IReadOnlyList<string> ignoredNames, IReadOnlyList<string> configFiles, bool reportCg2003, bool reportCg2001)
    {
        ReportCg2001 = reportCg2001;
        SecretNames = secretNames;
        IgnoredNames = ignoredNames;
        ConfigFiles = configFiles;
        ReportCg2003 = reportCg2003;
    }

    /// <summary>
    /// The raw settings of a tree, as a key: trees with equal keys share one options instance and its name cache. Built
    /// from the option strings as they are (no parsing), since it is computed for every tree of the compilation.
    /// </summary>
    public static string RawKey(AnalyzerConfigOptions options, AnalyzerConfigOptions global) =>
        string.Concat(new[]
        {
            Get(options, global, IsTestProjectKey), "\u0001", Get(options, global, Cg2003InTestsKey), "\u0001",
            Get(options, global, Cg2001InTestsKey), "\u0001",
            Get(options, global, ConfigFilesKey), "\u0001", Get(options, global, SecretNamesKey), "\u0001",
            Get(options, global, IgnoredNamesKey),
        });

    private readonly ConcurrentDictionary<string, NameInfo> _names = new(StringComparer.Ordinal);

    /// <summary>What a target's name says, cached: names repeat (value, format, password...) across a compilation.</summary>
    public NameInfo GetNameInfo(string name)
    {
        // Most names (value, format, path...) cannot say anything: they are answered without touching the shared cache,
        // whose adds take a lock that the driver's threads would contend for.
        if (name.Length == 0 || (SecretNames.Count == 0 && !ConnectorGen.Analyzers.Secrets.SecretNames.MayMeanSecret(name)))
        {
            return NameInfo.Empty;
        }

        // TryGetValue first: GetOrAdd with a lambda over instance fields would allocate a delegate on every call.
        return _names.TryGetValue(name, out var info) ? info : _names.GetOrAdd(name, ComputeNameInfo(name));
    }

    private NameInfo ComputeNameInfo(string name) => new(
        ConnectorGen.Analyzers.Secrets.SecretNames.FindSecretWord(name, SecretNames, IgnoredNames),
        ConnectorGen.Analyzers.Secrets.SecretNames.IsKeyContext(name),
        name.IndexOf("aws", StringComparison.OrdinalIgnoreCase) >= 0);

    public IReadOnlyList<string> SecretNames { get; }

    public IReadOnlyList<string> IgnoredNames { get; }

    public IReadOnlyList<string> ConfigFiles { get; }

    /// <summary>False in test projects unless <c>connectorgen.cg2003_in_tests = true</c>.</summary>
    public bool ReportCg2003 { get; }

    /// <summary>
    /// False in test projects unless <c>connectorgen.cg2001_in_tests = true</c>: tests hand fake values to the mapping's
    /// own types on purpose, as they do to secret-named members (docs/rules/CG2001.md).
    /// </summary>
    public bool ReportCg2001 { get; }

    public static SecretAnalyzerOptions Read(AnalyzerConfigOptions options, AnalyzerConfigOptions global)
    {
        var isTest = IsTrue(Get(options, global, IsTestProjectKey));
        var inTests = IsTrue(Get(options, global, Cg2003InTestsKey));
        var cg2001InTests = IsTrue(Get(options, global, Cg2001InTestsKey));
        var files = List(Get(options, global, ConfigFilesKey));
        return new SecretAnalyzerOptions(
            List(Get(options, global, SecretNamesKey)),
            List(Get(options, global, IgnoredNamesKey)),
            files.Count == 0 ? DefaultConfigFiles : files,
            !isTest || inTests,
            !isTest || cg2001InTests);
    }

    private static string? Get(AnalyzerConfigOptions options, AnalyzerConfigOptions global, string key) =>
        options.TryGetValue(key, out var value) || global.TryGetValue(key, out value) ? value : null;

    private static bool IsTrue(string? value) => string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    private static IReadOnlyList<string> List(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Array.Empty<string>();
        }

        var result = new List<string>();
        foreach (var part in value!.Split(new[] { ',', ';' }, StringSplitOptions.RemoveEmptyEntries))
        {
            var trimmed = part.Trim();
            if (trimmed.Length > 0)
            {
                result.Add(trimmed);
            }
        }

        return result;
    }

    /// <summary>
    /// Matches a path against a glob: <c>*</c> within a folder name, <c>**</c> across folders, <c>?</c> one character.
    /// A pattern without '/' matches the file name; one with '/' matches the end of the path.
    /// </summary>
    public static bool MatchesGlob(string path, string pattern)
    {
        path = path.Replace('\\', '/');
        pattern = pattern.Replace('\\', '/').TrimStart('/');
        if (pattern.IndexOf('/') < 0)
        {
            var slash = path.LastIndexOf('/');
            return Match(slash < 0 ? path : path.Substring(slash + 1), 0, pattern, 0);
        }

        // Try every folder boundary as the start of the pattern.
        for (var start = 0; start <= path.Length; start = path.IndexOf('/', start) + 1)
        {
            if (Match(path, start, pattern, 0))
            {
                return true;
            }

            if (path.IndexOf('/', start) < 0)
            {
                break;
            }
        }

        return false;
    }

    private static bool Match(string s, int si, string p, int pi)
    {
        while (pi < p.Length)
        {
            var c = p[pi];
            if (c == '*')
            {
                var doubleStar = pi + 1 < p.Length && p[pi + 1] == '*';
                var next = pi + (doubleStar ? 2 : 1);
                if (doubleStar && next < p.Length && p[next] == '/')
                {
                    next++;
                    if (Match(s, si, p, next))
                    {
                        return true;
                    }
                }

                for (var k = si; k <= s.Length; k++)
                {
                    if (Match(s, k, p, next))
                    {
                        return true;
                    }

                    if (k < s.Length && s[k] == '/' && !doubleStar)
                    {
                        return false;
                    }
                }

                return false;
            }

            if (si >= s.Length || (c != '?' && char.ToLowerInvariant(c) != char.ToLowerInvariant(s[si])) || (c == '?' && s[si] == '/'))
            {
                return false;
            }

            si++;
            pi++;
        }

        return si == s.Length;
    }
}

/// <summary>What a name says: its secret word (or null), whether it is a key context (for 32 hex digits) or an AWS context.</summary>
internal sealed class NameInfo
{
    public static readonly NameInfo Empty = new(null, false, false);

    public NameInfo(string? secretWord, bool keyContext, bool awsContext)
    {
        SecretWord = secretWord;
        KeyContext = keyContext;
        AwsContext = awsContext;
    }

    public string? SecretWord { get; }

    public bool KeyContext { get; }

    public bool AwsContext { get; }
}
