using ConnectorGen.Emit;
using ConnectorGen.Model;

namespace ConnectorGen.Tests;

/// <summary>
/// The table of Emit/TemplateFolders.cs against the tree: every template file in src/ConnectorGen.Templates (but Stubs/)
/// is embedded by the recursive globs of ConnectorGen.csproj and belongs to exactly one row, so a new folder without
/// its row, a file the globs miss or a row left after its folder is gone fails here.
/// </summary>
public sealed class TemplateFoldersTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "TemplateFiles");

    private static IEnumerable<string> Rows() =>
        TemplateFolders.Shared.Select(f => f.Path).Concat(TemplateFolders.Connector.Select(f => f.Path));

    /// <summary>(folder with '/', file name without .cs) of every template source file in the tree, Stubs/ left out.</summary>
    private static List<(string Folder, string Name)> SourceFiles() =>
        Directory.GetFiles(Root, "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Root, path).Replace('\\', '/'))
            .Where(relative => !relative.StartsWith(TemplateFolders.Stubs + "/", StringComparison.Ordinal))
            .Select(relative => (Path.GetDirectoryName(relative)!.Replace('\\', '/'), Path.GetFileNameWithoutExtension(relative)))
            .OrderBy(f => f.Item1 + "/" + f.Item2, StringComparer.Ordinal)
            .ToList();

    [Fact]
    public void Every_template_file_is_embedded_under_its_folder_and_belongs_to_exactly_one_part()
    {
        var files = SourceFiles();
        Assert.True(files.Count > 30, "the template sources were not copied to the test output");
        var resources = typeof(TemplateReader).Assembly.GetManifestResourceNames().ToHashSet(StringComparer.Ordinal);
        foreach (var (folder, name) in files)
        {
            Assert.True(folder.Length > 0, name + ".cs is at the root of src/ConnectorGen.Templates: templates live in a folder of the table");
            // A dot in the name would make the resource name ambiguous (TemplateReader.Split takes the last segment as the file).
            Assert.DoesNotContain('.', name);
            Assert.Contains(TemplateReader.ResourcePrefix + folder.Replace('/', '.') + "." + name + ".cs", resources);
            var rows = Rows().Count(row => row == folder);
            Assert.True(rows == 1, $"{folder}/{name}.cs: its folder is in {rows} rows of Emit/TemplateFolders.cs (exactly one expected)");
        }
    }

    [Fact]
    public void Every_embedded_template_is_a_file_of_the_tree_and_every_row_has_files()
    {
        var files = SourceFiles().Select(f => f.Folder + "/" + f.Name).ToHashSet(StringComparer.Ordinal);
        var embedded = TemplateReader.Folders.SelectMany(pair => pair.Value.Select(t => pair.Key + "/" + t.Name)).ToList();
        Assert.Equal(files.Order(StringComparer.Ordinal), embedded.Order(StringComparer.Ordinal));
        Assert.All(Rows(), row => Assert.NotEmpty(TemplateReader.In(row)));
        Assert.Equal(Rows().Count(), Rows().Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Every_shared_part_has_a_folder_and_all_parts_emit_each_shared_template_once_under_its_own_hint_name()
    {
        var all = SharedParts.None;
        foreach (SharedParts part in Enum.GetValues(typeof(SharedParts)))
        {
            Assert.True(part == SharedParts.None || TemplateFolders.Shared.Any(f => f.Part == part), part + " has no folder");
            all |= part;
        }

        var emitted = SharedEmitter.Emit(new SharedEmitPlan(all)).Select(e => e.HintName).ToList();
        var expected = TemplateFolders.Shared.Sum(f => TemplateReader.In(f.Path).Count);
        Assert.Equal(expected, emitted.Count);
        Assert.Equal(emitted.Count, emitted.Distinct(StringComparer.Ordinal).Count());
        Assert.Empty(SharedEmitter.Emit(new SharedEmitPlan(SharedParts.None)));
    }

    [Theory]
    [InlineData("Core", "HandshakeHttp", "HandshakeHttp")]
    [InlineData("Core/Lifecycle", "TokenStore", "Lifecycle.TokenStore")]
    [InlineData("Credentials", "CredentialValues", "CredentialValues")]
    [InlineData("Registration", "HandshakeClientRegistration", "Registration.HandshakeClientRegistration")]
    [InlineData("Registration/Logging", "HandshakeLogging", "Registration.Logging.HandshakeLogging")]
    [InlineData("Connector", "OAuthClient", "OAuthClient")]
    [InlineData("Connector/DependencyInjection", "AccessTokenRegistration", "DependencyInjection.AccessTokenRegistration")]
    public void Hint_names_are_those_the_hand_listed_resources_gave(string folder, string name, string stem) =>
        Assert.Equal(stem, TemplateFolders.HintStem(folder, name));

    [Theory]
    [InlineData("ConnectorGen.Templates.Core.Lifecycle.TokenStore.cs", "Core/Lifecycle", "TokenStore")]
    [InlineData("ConnectorGen.Templates.Core.HandshakeHttp.cs", "Core", "HandshakeHttp")]
    public void A_resource_name_splits_into_folder_and_file(string resource, string folder, string name) =>
        Assert.Equal((folder, name), TemplateReader.Split(resource));

    [Theory]
    [InlineData("ConnectorGen.Templates.Core.cs")]
    [InlineData("Other.Resource.cs")]
    [InlineData("ConnectorGen.Templates.Core.Notes.txt")]
    public void Other_resources_are_not_templates(string resource) => Assert.Null(TemplateReader.Split(resource));
}
