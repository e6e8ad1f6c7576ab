using System.IO.Compression;
using System.Xml.Linq;

namespace ConnectorGen.Package.Tests;

/// <summary>
/// The packed ConnectorGen.nupkg as a developer gets it: its layout and metadata, and a fresh project that adds it with a
/// PackageReference, builds with warnings as errors, sees a mapping diagnostic, runs the generated code, and can turn
/// the generator off.
/// </summary>
public sealed class PackageTests(PackageFixture fixture) : IClassFixture<PackageFixture>
{
    private CommandResult Build => fixture.Build ?? throw new Xunit.Sdk.XunitException("not built; pack: " + fixture.Pack);

    [Fact]
    public void Packing_the_solution_writes_only_the_connectorgen_package_with_the_given_version()
    {
        Assert.True(fixture.Pack.ExitCode == 0, fixture.Pack.ToString());
        Assert.Equal([$"ConnectorGen.{fixture.Version}.nupkg"], Directory.GetFiles(fixture.Feed).Select(Path.GetFileName));
        Assert.DoesNotContain("warning NU5", fixture.Pack.Output, StringComparison.Ordinal);
        // The SDK's warning for a project it was asked to pack but may not.
        Assert.DoesNotContain("cannot be packaged", fixture.Pack.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Package_holds_both_analyzer_assemblies_the_props_the_schema_and_the_readme_and_no_lib()
    {
        using var zip = ZipFile.OpenRead(fixture.NupkgPath);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("analyzers/dotnet/cs/ConnectorGen.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/ConnectorGen.CodeFixes.dll", entries);
        Assert.Contains("build/ConnectorGen.props", entries);
        Assert.Contains("buildTransitive/ConnectorGen.props", entries);
        Assert.Contains("schema/connector-mapping.schema.json", entries);
        Assert.Contains("README.md", entries);
        // The rule pages every help link names, as in the repository (Diagnostics/HelpLinks.cs).
        var pages = Directory.GetFiles(Path.Combine(fixture.RepoRoot, "docs", "rules"), "*.md").Select(p => "docs/rules/" + Path.GetFileName(p)).ToList();
        Assert.NotEmpty(pages);
        Assert.All(pages, page => Assert.Equal(File.ReadAllText(Path.Combine(fixture.RepoRoot, page)), Read(zip, page)));
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.EndsWith(".dll", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.StartsWith("ref/", StringComparison.Ordinal));
        // Only the two assemblies of ours under analyzers/: no Roslyn or other dependency copied in.
        Assert.Equal(
            ["analyzers/dotnet/cs/ConnectorGen.CodeFixes.dll", "analyzers/dotnet/cs/ConnectorGen.dll"],
            entries.Where(e => e.StartsWith("analyzers/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));

        // The packed files are the repository's, not stale copies.
        Assert.Equal(File.ReadAllText(Path.Combine(fixture.RepoRoot, "src", "ConnectorGen", "build", "ConnectorGen.props")), Read(zip, "build/ConnectorGen.props"));
        Assert.Equal(Read(zip, "build/ConnectorGen.props"), Read(zip, "buildTransitive/ConnectorGen.props"));
        Assert.Equal(File.ReadAllText(Path.Combine(fixture.RepoRoot, "schema", "connector-mapping.schema.json")), Read(zip, "schema/connector-mapping.schema.json"));
        Assert.Contains("ConnectorGenEnabled", Read(zip, "build/ConnectorGen.props"), StringComparison.Ordinal);
        // The package's own README, not the repository's (which is written for contributors, with relative links).
        Assert.Equal(File.ReadAllText(Path.Combine(fixture.RepoRoot, "src", "ConnectorGen", "README.md")), Read(zip, "README.md"));
    }

    [Fact]
    public void Packed_readme_links_are_absolute_and_point_at_files_that_exist()
    {
        using var zip = ZipFile.OpenRead(fixture.NupkgPath);
        var links = Markdown.Links(Read(zip, "README.md"));

        Assert.True(links.Count >= 25, "expected the rule list's links, found: " + string.Join(", ", links));
        Assert.All(links, link => Assert.True(link.StartsWith("https://", StringComparison.Ordinal), $"'{link}' is not absolute: it breaks on the package page"));
        foreach (var link in links)
        {
            if (Markdown.RepositoryPath(link) is { } path)
            {
                Assert.True(File.Exists(Path.Combine(fixture.RepoRoot, path)), $"{link} names {path}, which is not in the repository");
            }
        }
    }

    [Fact]
    public void Consumer_generated_code_carries_the_packed_version()
    {
        Assert.True(Build.ExitCode == 0, Build.ToString());
        var stamps = fixture.GeneratedSources
            .SelectMany(file => System.Text.RegularExpressions.Regex.Matches(file.Value, "GeneratedCode\\(\"ConnectorGen\", \"([^\"]*)\"\\)").Select(m => (File: file.Key, Version: m.Groups[1].Value)))
            .ToList();

        Assert.Contains(stamps, s => s.File.EndsWith("Infusionsoft.Credentials.g.cs", StringComparison.Ordinal));
        Assert.Contains(stamps, s => s.File.Contains("OAuthClient", StringComparison.Ordinal));
        Assert.All(stamps, s => Assert.True(s.Version == fixture.Version, $"{s.File}: [GeneratedCode(\"ConnectorGen\", \"{s.Version}\")], packed as {fixture.Version}"));
    }

    [Fact]
    public void Consumer_runs_the_package_readme_example_and_the_environment_variable_names_it_shows()
    {
        var run = fixture.Run ?? throw new Xunit.Sdk.XunitException("not run; build: " + Build);
        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

        Assert.Contains("hubspot: HUB_SPOT_CLIENT_ID", lines);
        Assert.Contains("hubspot with prefix: HUBSPOT_CLIENT_ID", lines);
        var example = Assert.Single(lines, l => l.StartsWith("readme example: ", StringComparison.Ordinal));
        Assert.Contains("ClientId = " + PackageFixture.ReadmeClientId, example, StringComparison.Ordinal);
        Assert.Contains("ClientSecret = [redacted]", example, StringComparison.Ordinal);
        Assert.DoesNotContain(PackageFixture.ReadmeSecret, run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Nuspec_is_a_development_dependency_without_dependencies_and_with_its_metadata()
    {
        using var zip = ZipFile.OpenRead(fixture.NupkgPath);
        var nuspec = XDocument.Parse(Read(zip, "ConnectorGen.nuspec"));
        var ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;

        Assert.Equal("ConnectorGen", metadata.Element(ns + "id")?.Value);
        Assert.Equal(fixture.Version, metadata.Element(ns + "version")?.Value);
        Assert.Equal("true", metadata.Element(ns + "developmentDependency")?.Value);
        Assert.Null(metadata.Element(ns + "dependencies"));
        Assert.Empty(nuspec.Descendants(ns + "dependency"));
        var license = metadata.Element(ns + "license");
        Assert.Equal("expression", license?.Attribute("type")?.Value);
        Assert.Equal("MIT", license?.Value);
        Assert.Equal("README.md", metadata.Element(ns + "readme")?.Value);
        var repository = metadata.Element(ns + "repository");
        Assert.Equal("git", repository?.Attribute("type")?.Value);
        Assert.Equal("https://github.com/connectorgen/connectorgen", repository?.Attribute("url")?.Value);
        Assert.False(string.IsNullOrWhiteSpace(metadata.Element(ns + "description")?.Value));
        Assert.Contains("source-generator", metadata.Element(ns + "tags")?.Value ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public void Consumer_restores_the_package_from_the_local_feed_into_its_own_packages_folder()
    {
        Assert.True(Build.ExitCode == 0, Build.ToString());
        var installed = Path.Combine(fixture.PackagesFolder, "connectorgen", fixture.Version.ToLowerInvariant());
        Assert.True(File.Exists(Path.Combine(installed, "analyzers", "dotnet", "cs", "ConnectorGen.dll")), installed);
        var assets = File.ReadAllText(Path.Combine(fixture.Consumer, "obj", "project.assets.json"));
        Assert.Contains("\"ConnectorGen/" + fixture.Version + "\"", assets, StringComparison.Ordinal);
    }

    [Fact]
    public void Consumer_build_reports_the_mapping_diagnostic_through_the_package()
    {
        Assert.True(Build.ExitCode == 0, Build.ToString());
        var line = Assert.Single(
            Build.Output.Split('\n').Where(l => l.Contains("warning CG1004", StringComparison.Ordinal)).Distinct());
        Assert.Contains("acme.connector.json", line, StringComparison.Ordinal);
        Assert.Contains("enviromentPrefix", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Consumer_runs_the_generated_code_and_prints_exactly_the_four_open_connectors_keys()
    {
        var run = fixture.Run ?? throw new Xunit.Sdk.XunitException("not run; build: " + Build);
        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("keys: infusionsoft.private.key, oauth.api.key, oauth.api.secret, oauth.callback.url", lines);
        Assert.Contains("acme: acme.token", lines);
    }

    [Fact]
    public void ConnectorGenEnabled_false_turns_the_generator_off_in_the_consumer()
    {
        var disabled = fixture.DisabledBuild ?? throw new Xunit.Sdk.XunitException("not built; build: " + Build);
        // Program.cs starts with `using Contoso.Connectors;` (the generated namespace): with the generator off it cannot
        // compile, and no mapping is reported.
        Assert.NotEqual(0, disabled.ExitCode);
        Assert.True(disabled.Output.Contains("Program.cs(1,7): error CS0246: The type or namespace name 'Contoso' could not be found", StringComparison.Ordinal), disabled.ToString());
        Assert.False(disabled.Output.Contains("CG1004", StringComparison.Ordinal), disabled.ToString());
    }

    private static string Read(ZipArchive zip, string entry)
    {
        using var reader = new StreamReader(zip.GetEntry(entry)?.Open() ?? throw new Xunit.Sdk.XunitException(entry + " not in the package"));
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Issue 23 item 2, from the packed nupkg: with the package in Directory.Build.props (the README's way), the app and
    /// the test project that use the library's types get CG2004 for the secret in their appsettings.json and the app
    /// CG2001 for a hard-coded secret, at their exact files; the library itself does not get CG1051.
    /// </summary>
    [Theory]
    [InlineData("App")]
    [InlineData("Tests")]
    public void With_the_package_in_Directory_Build_props_the_analyzers_reach_the_app_and_the_test_project(string project)
    {
        var build = project == "App" ? fixture.SolutionAppBuild : fixture.SolutionTestsBuild;
        Assert.True(build is { ExitCode: 0 }, build?.ToString() ?? fixture.Pack.ToString());
        var output = build!.Output.Replace('\\', '/');
        // CG2001 is the test project's own policy (lowered in test projects); CG2004 shows the analyzers run there too.
        if (project == "App")
        {
            Assert.Matches(@"/solution/App/Uses\.cs\(5,\d+\): warning CG2001", output);
        }

        Assert.Matches(@"/solution/" + project + @"/appsettings\.json\(1,\d+\): warning CG2004", output);
        Assert.DoesNotContain("CG1051", output, StringComparison.Ordinal);
        Assert.DoesNotContain(PackageFixture.HardCodedApiKey, output, StringComparison.Ordinal);
    }

    /// <summary>The same library with the package in its own project file says that its consumers are not guarded.</summary>
    [Fact]
    public void A_library_that_references_the_package_in_its_own_project_file_gets_CG1051_at_its_mapping()
    {
        var build = fixture.LibraryOnlyBuild;
        Assert.True(build is { ExitCode: 0 }, build?.ToString() ?? fixture.Pack.ToString());
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(build!.Output.Replace('\\', '/'), @"/libonly/Lib/acme\.connector\.json\(1,\d+\): warning CG1051: .*AcmeCredentials"), build.ToString());
    }
}
