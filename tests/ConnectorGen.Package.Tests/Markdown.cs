using System.Text.RegularExpressions;

namespace ConnectorGen.Package.Tests;

/// <summary>Link targets in Markdown text, and which repository file an absolute link names.</summary>
internal static partial class Markdown
{
    private const string Repository = "connectorgen/connectorgen";

    /// <summary>Inline links and images, reference definitions, autolinks and HTML href/src, in order.</summary>
    public static List<string> Links(string markdown) =>
        LinkPattern().Matches(markdown)
            .Select(m => m.Groups.Cast<Group>().Skip(1).First(g => g.Success).Value)
            .ToList();

    /// <summary>The repository-relative path of a link to a file of this repository on its main branch, else null.</summary>
    public static string? RepositoryPath(string link)
    {
        var match = RepositoryFilePattern().Match(link);
        return match.Success ? match.Groups["path"].Value.Split('#')[0] : null;
    }

    [GeneratedRegex("""\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)|^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)|<(https?://[^>\s]+)>|(?:href|src)\s*=\s*"([^"]+)(?=")""", RegexOptions.Multiline)]
    private static partial Regex LinkPattern();

    [GeneratedRegex("^https://(?:github\\.com/" + Repository + "/blob/main|raw\\.githubusercontent\\.com/" + Repository + "/main)/(?<path>.+)$")]
    private static partial Regex RepositoryFilePattern();
}
