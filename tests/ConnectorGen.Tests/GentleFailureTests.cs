using ConnectorGen.Tests.Support;
using Microsoft.CodeAnalysis;

namespace ConnectorGen.Tests;

/// <summary>
/// One mistake in a mapping costs its own diagnostic and nothing else: the connector's types are still generated from
/// what is valid, so the user's code keeps compiling, and no follow-up diagnostic piles on.
/// </summary>
public sealed class GentleFailureTests
{
    private const string Good = """{ "name": "Token", "source": "API token", "parameter": "acme.token", "secret": true }""";

    private static string Mapping(string bad, string auth = "") =>
        "{ \"connector\": \"Acme\", \"elementKey\": \"acme\"" + auth + ", \"credentials\": [ " + Good + ", " + bad + " ] }";

    /// <summary>User code that touches the valid credential and the generated API.</summary>
    private const string UsesGood = """
        namespace Tests.Consumer;
        public static class Use
        {
            public static string M() { var c = new AcmeCredentials { Token = "t" }; c.Validate(); return c.ToString() + AcmeCredentials.ElementKey; }
        }
        """;

    private static void AssertOnly(GeneratorHarness.Run run, string id, string markedJson)
    {
        var (_, span) = MappingDiagnosticsTests.Markers(markedJson);
        var d = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, d.Id);
        Assert.Equal(span, d.Location.SourceSpan);
        Assert.Empty(run.CompileDiagnostics);
        Assert.Contains(run.Result.Results.Single().GeneratedSources, s => s.HintName.EndsWith("Acme.Credentials.g.cs", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{ "name": "Other", "source": "o", "parameter": "acme.other", "format": ⟪"uuid"⟫ }""", "CG1009")]
    [InlineData("""{ "name": ⟪"2fa"⟫, "source": "o", "parameter": "acme.other" }""", "CG1007")]
    [InlineData("""{ "name": "Other", "source": "o", "parameter": ⟪"oauth.user.token"⟫ }""", "CG1008")]
    [InlineData("""{ "name": "Other", "source": "o", "parameter": "acme.other", "format": { "pattern": ⟪"[a-"⟫ } }""", "CG1010")]
    [InlineData("""{ "name": "Other", "source": "o", "parameter": "acme.other", "minLength": 9, "maxLength": ⟪2⟫ }""", "CG1019")]
    [InlineData("""{ "name": "Other", "source": "o", "parameter": "acme.other", "required": ⟪"yes"⟫ }""", "CG1003")]
    [InlineData("""{ "name": "Other", "source": "o", ⟪"paramter"⟫: "acme.other" }""", "CG1002")]
    [InlineData("""{ "name": ⟪"Token"⟫, "source": "o", "parameter": "acme.other" }""", "CG1005")]
    public void One_bad_credential_keeps_the_types_and_reports_only_its_own_error(string bad, string id)
    {
        var marked = Mapping(bad);
        var (json, _) = MappingDiagnosticsTests.Markers(marked);
        AssertOnly(GeneratorHarness.RunGenerator(json, UsesGood), id, marked);
    }

    [Fact]
    public void A_credential_with_an_unknown_format_is_typed_as_text_so_code_using_it_compiles()
    {
        var json = Mapping("""{ "name": "Port", "source": "Port", "parameter": "acme.port", "format": "int" }""");
        var run = GeneratorHarness.RunGenerator(json, "class U { void M(Tests.Consumer.AcmeCredentials c) { c.Port = \"8080\"; } }");
        Assert.Equal("CG1009", Assert.Single(run.GeneratorDiagnostics).Id);
        Assert.Empty(run.CompileDiagnostics);
    }

    [Fact]
    public void An_unknown_format_on_a_role_credential_does_not_also_report_a_missing_role()
    {
        const string auth = ", \"auth\": { \"type\": \"oauth2\", \"authorizationEndpoint\": \"https://id.example.com/a\", \"tokenEndpoint\": \"https://id.example.com/t\" }";
        var bad = """
            { "name": "ClientId", "source": "client_id", "parameter": "oauth.api.key", "role": "clientId" },
            { "name": "ClientSecret", "source": "client_secret", "parameter": "oauth.api.secret", "secret": true, "role": "clientSecret", "format": ⟪"secretish"⟫ },
            { "name": "CallbackUrl", "source": "Callback URL", "parameter": "oauth.callback.url", "format": "httpsUrl", "role": "redirectUri" }
            """;
        var marked = Mapping(bad, auth);
        var (json, _) = MappingDiagnosticsTests.Markers(marked);
        AssertOnly(GeneratorHarness.RunGenerator(json, UsesGood), "CG1009", marked);
    }

    [Fact]
    public void A_credential_left_out_for_a_bad_name_still_holds_its_role()
    {
        const string auth = ", \"auth\": { \"type\": \"apiKey\" }";
        var marked = Mapping("""{ "name": ⟪"api key"⟫, "source": "API key", "parameter": "acme.key", "secret": true, "role": "apiKey" }""", auth);
        var (json, _) = MappingDiagnosticsTests.Markers(marked);
        AssertOnly(GeneratorHarness.RunGenerator(json, UsesGood), "CG1007", marked);
    }

    [Fact]
    public void An_invalid_role_value_does_not_also_report_a_missing_role()
    {
        const string auth = ", \"auth\": { \"type\": \"apiKey\" }";
        var marked = Mapping("""{ "name": "Key", "source": "API key", "parameter": "acme.key", "secret": true, "role": ⟪"apikey"⟫ }""", auth);
        var (json, _) = MappingDiagnosticsTests.Markers(marked);
        var run = GeneratorHarness.RunGenerator(json, UsesGood);
        AssertOnly(run, "CG1019", marked);
        Assert.Contains("did you mean 'apiKey'", run.GeneratorDiagnostics[0].GetMessage());
    }

    [Fact]
    public void A_bad_endpoint_keeps_the_credentials_and_leaves_out_only_the_oauth_client()
    {
        const string auth = ", \"auth\": { \"type\": \"oauth2\", \"authorizationEndpoint\": ⟪\"http://id.example.com/a\"⟫, \"tokenEndpoint\": \"https://id.example.com/t\" }";
        var roles = """
            { "name": "ClientId", "source": "client_id", "parameter": "oauth.api.key", "role": "clientId" },
            { "name": "ClientSecret", "source": "client_secret", "parameter": "oauth.api.secret", "secret": true, "role": "clientSecret" },
            { "name": "CallbackUrl", "source": "Callback URL", "parameter": "oauth.callback.url", "format": "httpsUrl", "role": "redirectUri" }
            """;
        var marked = Mapping(roles, auth);
        var (json, _) = MappingDiagnosticsTests.Markers(marked);
        var run = GeneratorHarness.RunGenerator(json, UsesGood);
        AssertOnly(run, "CG1011", marked);
        Assert.DoesNotContain(run.Result.Results.Single().GeneratedSources, s => s.HintName.EndsWith("OAuthMetadata.g.cs", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{ "connector": "Acme", ⟪"elemntKey"⟫: "acme", "credentials": [ GOOD ] }""")]
    [InlineData("""{ "connector": "Acme", "elementKey": "acme", "credentials": [ { "name": "Token", ⟪"sorce"⟫: "API token", "parameter": "acme.token" } ] }""")]
    public void CG1002_points_at_the_misspelled_key_and_is_not_doubled_by_CG1004(string marked)
    {
        marked = marked.Replace("GOOD", Good, StringComparison.Ordinal);
        var (json, span) = MappingDiagnosticsTests.Markers(marked);
        var run = GeneratorHarness.RunGenerator(json);
        var d = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("CG1002", d.Id);
        Assert.Equal(span, d.Location.SourceSpan);
        Assert.Contains("looks like a misspelling", d.GetMessage());
        Assert.NotEqual(0, d.Location.GetLineSpan().StartLinePosition.Character);
    }

    [Fact]
    public void CG1013_names_both_paths()
    {
        var run = GeneratorHarness.RunGenerator(
        [
            new InMemoryAdditionalText("/project/a/acme.connector.json", Mapping(Good.Replace("Token", "T2").Replace("acme.token", "acme.t2"))),
            new InMemoryAdditionalText("/project/b/acme.connector.json", Mapping(Good.Replace("Token", "T3").Replace("acme.token", "acme.t3"))),
        ]);
        var d = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("CG1013", d.Id);
        Assert.Contains("/project/a/acme.connector.json", d.GetMessage());
        Assert.Contains("/project/b/acme.connector.json", d.GetMessage());
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
    }
}
