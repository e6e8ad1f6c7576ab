using ConnectorGen.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ConnectorGen.Tests;

/// <summary>
/// Every mapping diagnostic, through the real generator driver, at its exact token. In the JSON below, ⟪ and ⟫ mark
/// where the diagnostic must be; they are removed before the generator sees the text.
/// </summary>
public sealed class MappingDiagnosticsTests
{
    private const string Credential = """{ "name": "Token", "source": "API token", "parameter": "acme.token", "secret": true }""";

    private static string Minimal(string extra = "", string credentials = Credential) =>
        "{ \"connector\": \"Acme\", \"elementKey\": \"acme\"" + extra + ", \"credentials\": [ " + credentials + " ] }";

    [Fact]
    public void CG1001_malformed_json_is_reported_at_the_offending_character()
    {
        var d = AssertAt("{ \"connector\" ⟪\"⟫Acme\" }", "CG1001");
        Assert.Contains("':' was expected", d.GetMessage());
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
    }

    [Fact]
    public void CG1001_reports_line_and_column()
    {
        var run = GeneratorHarness.RunGenerator("{\n  \"connector\": \"Acme\",\n  \"elementKey\": 'acme'\n}");
        var d = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("CG1001", d.Id);
        var span = d.Location.GetLineSpan();
        Assert.Equal(GeneratorHarness.MappingPath, span.Path);
        Assert.Equal(new LinePosition(2, 16), span.StartLinePosition);
    }

    [Fact]
    public void CG1001_unterminated_string_points_at_its_opening_quote() =>
        AssertAt("{ \"connector\": ⟪\"⟫Acme", "CG1001");

    [Fact]
    public void CG1002_missing_required_property_is_reported_at_the_object() =>
        Assert.Contains("'elementKey'", AssertAt("⟪{⟫ \"connector\": \"Acme\", \"credentials\": [ " + Credential + " ] }", "CG1002").GetMessage());

    [Fact]
    public void CG1002_missing_credential_property_is_reported_at_the_credential_object() =>
        AssertAt(Minimal(credentials: "⟪{⟫ \"name\": \"Token\", \"source\": \"API token\" }"), "CG1002");

    [Fact]
    public void CG1003_wrong_value_type_is_reported_at_the_value() =>
        Assert.Contains("must be a string, not number", AssertAt("{ \"connector\": ⟪42⟫, \"elementKey\": \"acme\", \"credentials\": [ " + Credential + " ] }", "CG1003").GetMessage());

    [Fact]
    public void CG1004_unknown_property_is_a_warning_with_the_closest_name()
    {
        var d = AssertAt(Minimal(", ⟪\"descripton\"⟫: \"x\""), "CG1004");
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        Assert.Contains("did you mean 'description'", d.GetMessage());
    }

    [Fact]
    public void CG1004_does_not_stop_generation()
    {
        var run = GeneratorHarness.RunGenerator(Minimal(", \"descripton\": \"x\""));
        Assert.Contains(run.Result.Results.Single().GeneratedSources, s => s.HintName.EndsWith("Acme.Credentials.g.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void CG1005_duplicate_credential_name_is_reported_at_the_second_name() =>
        AssertAt(Minimal(credentials: Credential + ", { \"name\": ⟪\"Token\"⟫, \"source\": \"Other\", \"parameter\": \"acme.other\" }"), "CG1005");

    [Fact]
    public void CG1006_duplicate_parameter_is_reported_at_the_second_parameter() =>
        Assert.Contains("'Token'", AssertAt(Minimal(credentials: Credential + ", { \"name\": \"Other\", \"source\": \"Other\", \"parameter\": ⟪\"acme.token\"⟫ }"), "CG1006").GetMessage());

    [Theory]
    [InlineData("class", "keyword")]
    [InlineData("2fa", "not a valid C# identifier")]
    [InlineData("Validate", "already has a member")]
    [InlineData("AcmeCredentials", "name of its type")]
    public void CG1007_credential_name_must_be_a_usable_identifier(string name, string reason) =>
        Assert.Contains(reason, AssertAt(Minimal(credentials: "{ \"name\": ⟪\"" + name + "\"⟫, \"source\": \"x\", \"parameter\": \"acme.x\" }"), "CG1007").GetMessage());

    [Fact]
    public void CG1007_connector_name_and_namespace_are_checked()
    {
        AssertAt("{ \"connector\": ⟪\"My Connector\"⟫, \"elementKey\": \"acme\", \"credentials\": [ " + Credential + " ] }", "CG1007");
        AssertAt(Minimal(", \"namespace\": ⟪\"Contoso..Connectors\"⟫"), "CG1007");
    }

    [Theory]
    [InlineData("oauth.user.token", "filled in by the platform")]
    [InlineData("oauth.custom.thing", "reserved prefix 'oauth.'")]
    [InlineData("bulk.query", "reserved prefix 'bulk.'")]
    [InlineData("event.poller.urls", "reserved prefix 'event.'")]
    public void CG1008_reserved_parameters_are_rejected(string key, string reason) =>
        Assert.Contains(reason, AssertAt(Minimal(credentials: "{ \"name\": \"X\", \"source\": \"x\", \"parameter\": ⟪\"" + key + "\"⟫ }"), "CG1008").GetMessage());

    [Theory]
    [InlineData("oauth.api.key")]
    [InlineData("username")]
    public void CG1008_documented_user_supplied_reserved_keys_are_allowed(string key)
    {
        var run = GeneratorHarness.RunGenerator(Minimal(credentials: "{ \"name\": \"X\", \"source\": \"x\", \"parameter\": \"" + key + "\" }"));
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "CG1008");
    }

    [Fact]
    public void CG1009_unknown_format_is_reported_at_the_format() =>
        AssertAt(Minimal(credentials: "{ \"name\": \"X\", \"source\": \"x\", \"parameter\": \"acme.x\", \"format\": ⟪\"uuid\"⟫ }"), "CG1009");

    [Fact]
    public void CG1009_unknown_format_object_is_reported_at_its_key() =>
        AssertAt(Minimal(credentials: "{ \"name\": \"X\", \"source\": \"x\", \"parameter\": \"acme.x\", \"format\": { ⟪\"base64\"⟫: 3 } }"), "CG1009");

    [Fact]
    public void CG1010_invalid_pattern_is_reported_at_the_pattern() =>
        AssertAt(Minimal(credentials: "{ \"name\": \"X\", \"source\": \"x\", \"parameter\": \"acme.x\", \"format\": { \"pattern\": ⟪\"[a-z\"⟫ } }"), "CG1010");

    [Fact]
    public void CG1011_plain_http_endpoint_is_rejected() =>
        AssertAt(OAuth("\"authorizationEndpoint\": \"https://id.example.com/authorize\", \"tokenEndpoint\": ⟪\"http://id.example.com/token\"⟫"), "CG1011");

    [Fact]
    public void CG1011_plain_http_on_loopback_is_allowed()
    {
        var run = GeneratorHarness.RunGenerator(OAuth("\"authorizationEndpoint\": \"http://127.0.0.1:5000/authorize\", \"tokenEndpoint\": \"http://localhost:5000/token\""));
        Assert.Empty(run.GeneratorDiagnostics);
    }

    [Fact]
    public void CG1012_a_credential_secret_by_meaning_marked_public_is_a_warning_at_the_secret_flag()
    {
        var d = AssertAt(Minimal(credentials: "{ \"name\": \"X\", \"source\": \"x\", \"parameter\": \"acme.api.secret\", \"secret\": ⟪false⟫ }"), "CG1012");
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        AssertAt(Minimal(credentials: "{ \"name\": \"Password\", \"source\": \"x\", \"parameter\": \"acme.pass\", \"secret\": ⟪false⟫ }"), "CG1012");
        AssertAt(Minimal(credentials: "{ \"name\": \"X\", \"source\": \"x\", \"parameter\": \"acme.x\", \"role\": \"apiKey\", \"secret\": ⟪false⟫ }"), "CG1012");
    }

    [Fact]
    public void CG1013_two_mappings_that_make_the_same_type_are_reported_at_the_second_connector()
    {
        var (second, span) = Markers("{ \"connector\": ⟪\"Acme\"⟫, \"elementKey\": \"acme2\", \"credentials\": [ " + Credential + " ] }");
        var run = GeneratorHarness.RunGenerator(
        [
            new InMemoryAdditionalText("/project/a.connector.json", Minimal()),
            new InMemoryAdditionalText("/project/b.connector.json", second),
        ]);
        var d = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("CG1013", d.Id);
        Assert.Equal("/project/b.connector.json", d.Location.GetLineSpan().Path);
        Assert.Equal(span, d.Location.SourceSpan);
        Assert.Contains("a.connector.json", d.GetMessage());
        Assert.Empty(run.CompileDiagnostics);
    }

    [Fact]
    public void CG1014_oauth2_without_roles_is_reported_at_the_auth_type_once_per_missing_role()
    {
        var (json, span) = Markers("{ \"connector\": \"Acme\", \"elementKey\": \"acme\", \"auth\": { \"type\": ⟪\"oauth2\"⟫, \"authorizationEndpoint\": \"https://id.example.com/a\", \"tokenEndpoint\": \"https://id.example.com/t\" }, \"credentials\": [ " + Credential + " ] }");
        var run = GeneratorHarness.RunGenerator(json);
        var found = run.GeneratorDiagnostics.Where(d => d.Id == "CG1014").ToList();
        Assert.Equal(3, found.Count);
        Assert.All(found, d => Assert.Equal(span, d.Location.SourceSpan));
        Assert.Equal(["clientId", "clientSecret", "redirectUri"], found.Select(d => d.GetMessage().Split('"')[^2]).ToArray());
    }

    [Fact]
    public void CG1015_deprecated_credential_is_info_with_its_message()
    {
        var d = AssertAt(Minimal(credentials: "{ \"name\": \"X\", \"source\": \"x\", \"parameter\": \"acme.x\", \"deprecated\": ⟪\"Use Y.\"⟫ }"), "CG1015");
        Assert.Equal(DiagnosticSeverity.Info, d.Severity);
        Assert.Equal("Credential 'X' is deprecated: Use Y.", d.GetMessage());
    }

    [Fact]
    public void CG1016_infusionsoft_crm_without_server_is_a_warning_at_the_element_key() =>
        AssertAt("{ \"connector\": \"Acme\", \"elementKey\": ⟪\"infusionsoftcrm\"⟫, \"auth\": { \"type\": \"custom\" }, \"credentials\": [ " + Credential + " ] }", "CG1016");

    [Fact]
    public void CG1016_is_not_reported_when_the_catalogue_supplies_the_server()
    {
        var run = GeneratorHarness.RunGenerator("{ \"connector\": \"Acme\", \"elementKey\": \"infusionsoftcrm\", \"credentials\": [ " + Credential + " ] }");
        Assert.Equal(["CG1015"], run.GeneratorDiagnostics.Select(d => d.Id)); // the retired Encrypted Key, not CG1016
        Assert.Contains("infusionsoft.server", run.Source("Acme.Credentials.g.cs"));
    }

    [Fact]
    public void CG1016_is_not_reported_for_the_rest_element()
    {
        var run = GeneratorHarness.RunGenerator("{ \"connector\": \"Acme\", \"elementKey\": \"infusionsoftrest\", \"credentials\": [ " + Credential + " ] }");
        Assert.Empty(run.GeneratorDiagnostics);
    }

    [Fact]
    public void CG1017_duplicate_json_property_is_reported_at_the_second_name() =>
        AssertAt(Minimal(", ⟪\"connector\"⟫: \"Other\""), "CG1017");

    [Fact]
    public void CG1018_nesting_deeper_than_64_is_reported_where_it_starts()
    {
        var json = "{ \"connector\": \"Acme\", \"x\": " + new string('[', 63) + "⟪[⟫" + new string(']', 64) + " }";
        Assert.Contains("nested more than 64", AssertAt(json, "CG1018").GetMessage());
    }

    [Fact]
    public void CG1018_files_over_one_mebibyte_are_not_read()
    {
        var json = Minimal(", \"description\": \"" + new string('x', 1024 * 1024) + "\"");
        var run = GeneratorHarness.RunGenerator(json);
        var d = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("CG1018", d.Id);
        Assert.Equal(new TextSpan(0, 0), d.Location.SourceSpan);
    }

    [Theory]
    [InlineData("\"auth\": { \"type\": ⟪\"oauth3\"⟫ }", "did you mean 'oauth2'")]
    [InlineData("\"auth\": { \"type\": \"custom\" }, \"environmentPrefix\": ⟪\"1ABC\"⟫", "letters, digits")]
    public void CG1019_invalid_values_are_reported_at_the_value(string extra, string reason) =>
        Assert.Contains(reason, AssertAt(Minimal(", " + extra), "CG1019").GetMessage());

    [Fact]
    public void CG1019_min_length_above_max_length() =>
        AssertAt(Minimal(credentials: "{ \"name\": \"X\", \"source\": \"x\", \"parameter\": \"acme.x\", \"minLength\": 5, \"maxLength\": ⟪3⟫ }"), "CG1019");

    [Fact]
    public void CG1020_two_credentials_in_one_role() =>
        AssertAt(Minimal(credentials: "{ \"name\": \"A\", \"source\": \"a\", \"parameter\": \"acme.a\", \"role\": \"clientId\" }, { \"name\": \"B\", \"source\": \"b\", \"parameter\": \"acme.b\", \"role\": ⟪\"clientId\"⟫ }"), "CG1020");

    [Fact]
    public void Every_descriptor_has_a_rules_page_and_a_release_tracking_row()
    {
        var root = RepoRoot();
        var unshipped = File.ReadAllText(Path.Combine(root, "src", "ConnectorGen", "AnalyzerReleases.Unshipped.md"));
        foreach (var descriptor in ConnectorGen.Diagnostics.DiagnosticDescriptors.All)
        {
            Assert.True(File.Exists(Path.Combine(root, "docs", "rules", descriptor.Id + ".md")), descriptor.Id + " has no docs/rules page");
            Assert.Contains(descriptor.Id + " |", unshipped);
        }
    }

    /// <summary>
    /// Every help link (generator and analyzers) is the rule page of this version's release tag in the repository the
    /// package names (RepositoryUrl in ConnectorGen.csproj), and the page exists in the repository (and so in the
    /// package, which packs docs/rules: ConnectorGen.Package.Tests).
    /// </summary>
    [Fact]
    public void Every_help_link_is_the_rule_page_at_this_versions_tag_in_the_packages_repository()
    {
        var root = RepoRoot();
        var project = System.Xml.Linq.XDocument.Load(Path.Combine(root, "src", "ConnectorGen", "ConnectorGen.csproj"));
        var repository = project.Descendants("RepositoryUrl").Single().Value.Trim();
        var analyzers = typeof(ConnectorGen.ConnectorGenerator).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer).IsAssignableFrom(t))
            .SelectMany(t => ((Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer)Activator.CreateInstance(t)!).SupportedDiagnostics)
            .ToList();
        Assert.Contains(analyzers, d => d.Id == "CG2001");

        foreach (var descriptor in ConnectorGen.Diagnostics.DiagnosticDescriptors.All.Concat(analyzers))
        {
            Assert.Equal(repository + "/blob/v" + ConnectorGen.ThisAssembly.Version + "/docs/rules/" + descriptor.Id + ".md", descriptor.HelpLinkUri);
            Assert.True(File.Exists(Path.Combine(root, "docs", "rules", descriptor.Id + ".md")), descriptor.Id + " has no docs/rules page");
        }
    }

    [Fact]
    public void The_sample_mappings_have_no_errors()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Mappings"), "*.connector.json", SearchOption.AllDirectories))
        {
            var run = GeneratorHarness.RunGenerator(File.ReadAllText(file), path: "/project/" + Path.GetFileName(file));
            Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        }
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ConnectorGen.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("ConnectorGen.sln not found above " + AppContext.BaseDirectory);
    }

    private static string OAuth(string endpoints) =>
        "{ \"connector\": \"Acme\", \"elementKey\": \"acme\", \"auth\": { \"type\": \"oauth2\", " + endpoints + " }, \"credentials\": [ " +
        "{ \"name\": \"ClientId\", \"source\": \"client_id\", \"parameter\": \"oauth.api.key\", \"role\": \"clientId\" }, " +
        "{ \"name\": \"ClientSecret\", \"source\": \"client_secret\", \"parameter\": \"oauth.api.secret\", \"secret\": true, \"role\": \"clientSecret\" }, " +
        "{ \"name\": \"CallbackUrl\", \"source\": \"Callback URL\", \"parameter\": \"oauth.callback.url\", \"format\": \"httpsUrl\", \"role\": \"redirectUri\" } ] }";

    internal static (string Text, TextSpan Span) Markers(string marked)
    {
        var start = marked.IndexOf('⟪');
        var end = marked.IndexOf('⟫');
        Assert.True(start >= 0 && end > start, "the test JSON needs ⟪ and ⟫ markers");
        var text = marked.Remove(end, 1).Remove(start, 1);
        return (text, TextSpan.FromBounds(start, end - 1));
    }

    private const string OAuthWithEndpoints = ", \"auth\": { \"type\": \"oauth2\", \"authorizationEndpoint\": \"https://signin.example.test/authorize\", \"tokenEndpoint\": \"https://api.example.test/token\"";

    [Theory]
    [InlineData("https://accounts.example.test")]
    [InlineData("accounts.example.test/authorize")]
    [InlineData("accounts.example.test:443")]
    [InlineData("")]
    public void CG1019_an_authorization_host_that_is_not_a_bare_host_name_is_reported_at_the_entry(string host) =>
        Assert.Contains("host name", AssertAt(Minimal(OAuthWithEndpoints + ", \"authorizationHosts\": [\"ok.example.test\", ⟪\"" + host + "\"⟫] }"), "CG1019").GetMessage());

    [Fact]
    public void CG1003_authorization_hosts_must_be_an_array_of_strings() =>
        AssertAt(Minimal(OAuthWithEndpoints + ", \"authorizationHosts\": [⟪42⟫] }"), "CG1003");

    /// <summary>Runs the generator and asserts exactly one diagnostic with the ID, at the marked span, and no crash.</summary>
    private static Diagnostic AssertAt(string marked, string id)
    {
        var (json, span) = Markers(marked);
        var run = GeneratorHarness.RunGenerator(json);
        Assert.DoesNotContain(run.CompileDiagnostics, d => d.Id == "CS8785");
        var matching = run.GeneratorDiagnostics.Where(d => d.Id == id).ToList();
        var d = Assert.Single(matching);
        Assert.Equal(GeneratorHarness.MappingPath, d.Location.GetLineSpan().Path);
        Assert.Equal(span, d.Location.SourceSpan);
        var text = SourceText.From(json);
        Assert.Equal(text.Lines.GetLinePositionSpan(span), d.Location.GetLineSpan().Span);
        return d;
    }
}
