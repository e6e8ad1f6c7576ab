using System.Text.RegularExpressions;

namespace ConnectorGen.Package.Tests;

/// <summary>
/// Figures and lists that the docs repeat from the code, read from both so they cannot drift apart: the state size,
/// the options in build/ConnectorGen.props, the rules, the marker attributes. Reads files only (no build).
/// </summary>
public sealed class DocumentationTests
{
    private static readonly string RepoRoot = FindRepoRoot();

    private static string Read(params string[] path) => File.ReadAllText(Path.Combine([RepoRoot, .. path]));

    private static IEnumerable<string> SourceFiles(string folder, string pattern) =>
        Directory.EnumerateFiles(Path.Combine(RepoRoot, folder), pattern, SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"));

    [Fact]
    public void The_state_size_the_docs_give_is_the_number_of_bytes_the_templates_draw()
    {
        // `var state = ...RandomToken(32);` in every template that makes a state: one figure, in bytes.
        var drawn = SourceFiles("src", "*.cs")
            .SelectMany(file => Regex.Matches(File.ReadAllText(file), @"var state = [\w.]*RandomToken\((\d+)\)").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)))
            .Distinct()
            .ToList();
        var bits = Assert.Single(drawn) * 8;

        // "state is 256 random bits", "a `state` of 256 bits": README, docs and the quickstart's own output.
        var texts = new[] { "README.md" }
            .Concat(SourceFiles("docs", "*.md").Select(f => Path.GetRelativePath(RepoRoot, f)))
            .Concat(SourceFiles("samples", "*.cs").Select(f => Path.GetRelativePath(RepoRoot, f)));
        var figures = texts
            .SelectMany(file => Regex.Matches(Read(file), @"\bstate\W{0,2}\s+(?:is|of)\s+(\d+)\s+(?:random\s+)?bits").Select(m => (File: file, Bits: int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))))
            .ToList();

        Assert.Contains(figures, f => f.File == "README.md");
        Assert.Contains(figures, f => f.File.Replace('\\', '/') == "samples/Infusionsoft.Quickstart/Program.cs");
        Assert.All(figures, f => Assert.True(f.Bits == bits, $"{f.File} says the state is {f.Bits} bits; the templates draw {bits}"));
    }

    [Fact]
    public void Every_option_in_the_props_is_documented_in_both_readmes()
    {
        var options = Regex.Matches(Read("src", "ConnectorGen", "build", "ConnectorGen.props"), @"\$\((ConnectorGen\w+)\)")
            .Select(m => m.Groups[1].Value)
            .Distinct()
            .ToList();

        Assert.Contains("ConnectorGenScanConfigurationFiles", options);
        foreach (var readme in new[] { Read("README.md"), Read("src", "ConnectorGen", "README.md") })
        {
            Assert.All(options, option => Assert.Contains("`" + option + "`", readme, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_package_readme_lists_every_rule_with_a_link_to_its_page()
    {
        var releases = Read("src", "ConnectorGen", "AnalyzerReleases.Shipped.md") + Read("src", "ConnectorGen", "AnalyzerReleases.Unshipped.md");
        var rules = Regex.Matches(releases, @"^(CG\d{4})\s*\|", RegexOptions.Multiline).Select(m => m.Groups[1].Value).Distinct().ToList();
        var readme = Read("src", "ConnectorGen", "README.md");

        Assert.NotEmpty(rules);
        Assert.All(rules, id => Assert.Contains($"[{id}](https://github.com/connectorgen/connectorgen/blob/main/docs/rules/{id}.md)", readme, StringComparison.Ordinal));
        Assert.All(rules, id => Assert.True(File.Exists(Path.Combine(RepoRoot, "docs", "rules", id + ".md")), id));
    }

    [Fact]
    public void The_readme_counts_the_marker_attributes_the_generator_always_adds()
    {
        var emitter = Assert.Single(SourceFiles("src", "AttributesEmitter.cs"));
        // Each class is written as "internal sealed class " + GeneratedContract.<Name>Attribute (the names live there).
        var count = Regex.Matches(File.ReadAllText(emitter), @"internal sealed class (?:"" \+ GeneratedContract\.)?\w+Attribute\b").Count;
        string[] words = ["zero", "one", "two", "three", "four", "five", "six"];

        Assert.Contains($"the {words[count]} internal marker attributes", Read("README.md"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_repository_readme_test_command_is_the_one_ci_runs()
    {
        Assert.Contains("dotnet test ConnectorGen.sln", Read("README.md"), StringComparison.Ordinal);
        Assert.Contains("dotnet test ConnectorGen.sln", Read(".ci", "run"), StringComparison.Ordinal);
    }

    private static string FindRepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ConnectorGen.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("ConnectorGen.sln not found above " + AppContext.BaseDirectory);
    }
}
