using System.Reflection;
using System.Text;
using ConnectorGen.Catalog;
using ConnectorGen.Mapping;
using ConnectorGen.Model;
using ConnectorGen.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ConnectorGen.Tests;

/// <summary>
/// The built-in catalogue: a mapping that names only a connector and a catalogued element key generates the element's
/// user-supplied parameters with secrets marked, compiles warning-free and redacts secrets; a credentials array
/// overrides or extends catalogue entries by parameter key.
/// </summary>
public sealed class CatalogTests
{
    private static ParseResult Parse(string json, string path = "/project/x.connector.json") =>
        MappingParser.Parse(path, SourceText.From(json, Encoding.UTF8), CancellationToken.None);

    [Fact]
    public void The_catalogue_has_at_least_15_elements_each_with_a_source_and_consistent_entries()
    {
        Assert.True(ElementCatalog.All.Count >= 15, "only " + ElementCatalog.All.Count + " elements");
        Assert.Equal(ElementCatalog.All.Count, ElementCatalog.All.Select(e => e.Key).Distinct().Count());
        foreach (var element in ElementCatalog.All)
        {
            Assert.StartsWith("cloud-elements/devportal:", element.Source, StringComparison.Ordinal);
            Assert.StartsWith("https://github.com/cloud-elements/devportal/blob/", element.SourceUrl, StringComparison.Ordinal);
            Assert.NotEmpty(element.Parameters);
            Assert.Equal(element.Parameters.Count, element.Parameters.Select(p => p.Key).Distinct().Count());
            Assert.Equal(element.Parameters.Count, element.Parameters.Select(p => p.Name).Distinct().Count());
            foreach (var p in element.Parameters)
            {
                Assert.True(element.AllowsKey(p.Key), element.Key + ": " + p.Key + " is not a user-supplied key");
                Assert.Null(Identifiers.IdentifierProblem(p.Name, element.Connector + "Credentials", isMember: true));
                Assert.False(OpenConnectorsVocabulary.IsSecretByMeaning(p.Role, p.Name, p.Key) && !p.Secret, element.Key + ": " + p.Key + " is secret by meaning but not marked");
            }

            foreach (var role in MappingVocabulary.NeededRoles(element.Auth.Type))
            {
                Assert.Contains(element.Parameters, p => p.Role == role);
            }
        }
    }

    [Fact]
    public void Minimal_mappings_for_every_catalogued_element_build_warning_free_with_secrets_marked_and_redacted()
    {
        var files = ElementCatalog.All
            .Select(e => (AdditionalText)new InMemoryAdditionalText("/project/" + e.Key + ".connector.json", "{ \"connector\": \"C" + Identifiers.ToIdentifier(e.Key) + "\", \"elementKey\": \"" + e.Key + "\" }"))
            .ToList();
        var run = GeneratorHarness.RunGenerator(files);
        // The retired Encrypted Key's notice (Info, at the element key) for the elements that take it, and CG1030 for the
        // oauth2 elements whose endpoints are per instance (docs/catalog.md): they get no OAuth client.
        Assert.Equal(["infusionsoftcrm", "infusionsoftmarketing"], run.GeneratorDiagnostics.Where(d => d.Id == "CG1015").Select(d => System.IO.Path.GetFileNameWithoutExtension(System.IO.Path.GetFileNameWithoutExtension(d.Location.GetLineSpan().Path))).Order().ToArray());
        Assert.Equal(
            ElementCatalog.All.Where(e => e.Auth.Type == AuthType.OAuth2 && !e.Auth.HasEndpoints).Select(e => "/project/" + e.Key + ".connector.json").Order(StringComparer.Ordinal),
            run.GeneratorDiagnostics.Where(d => d.Id == "CG1030").Select(d => d.Location.GetLineSpan().Path).Order(StringComparer.Ordinal));
        Assert.All(run.GeneratorDiagnostics, d => Assert.Contains(d.Id, new[] { "CG1015", "CG1030" }));
        Assert.Equal(["servicenowoauth", "shopify", "zendesk"], ElementCatalog.All.Where(e => e.Auth.Type == AuthType.OAuth2 && !e.Auth.HasEndpoints).Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Empty(run.CompileDiagnostics);
        var assembly = GeneratorHarness.Load(run.Output);
        foreach (var element in ElementCatalog.All)
        {
            var type = assembly.GetType("Tests.Consumer.C" + Identifiers.ToIdentifier(element.Key) + "Credentials", throwOnError: true)!;
            var instance = Activator.CreateInstance(type)!;
            foreach (var parameter in element.Parameters)
            {
                var property = type.GetProperty(parameter.Name) ?? throw new Xunit.Sdk.XunitException(element.Key + " has no property " + parameter.Name);
                Assert.Equal(parameter.Key, property.GetCustomAttributesData().Single(a => a.AttributeType.Name == "ConnectorParameterAttribute").ConstructorArguments[0].Value);
                Assert.Equal(parameter.Secret, property.GetCustomAttributesData().Any(a => a.AttributeType.Name == "ConnectorSecretAttribute"));
                if (parameter.Secret && property.PropertyType == typeof(string))
                {
                    property.SetValue(instance, "canary-" + element.Key + "-Zq81");
                }
            }

            Assert.DoesNotContain("canary-", instance.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_catalogue_only_mapping_takes_auth_endpoints_and_scopes_from_the_catalogue()
    {
        var model = Parse("""{ "connector": "Team", "elementKey": "slack" }""").Model!;
        Assert.Equal(AuthType.OAuth2, model.Auth.Type);
        Assert.Equal("https://slack.com/oauth/authorize", model.Auth.AuthorizationEndpoint);
        Assert.Equal("https://slack.com/api/oauth.access", model.Auth.TokenEndpoint);
        Assert.Equal(["ClientId", "ClientSecret", "CallbackUrl", "Scope"], model.Credentials.Select(c => c.Name).ToArray());
        Assert.Equal("TEAM_CLIENT_SECRET", model.Credentials[1].EnvironmentVariable);
        Assert.True(model.Credentials[1].Secret);
        Assert.Equal(CredentialRole.RedirectUri, model.Credentials[2].Role);
    }

    [Fact]
    public void Authorization_hosts_come_from_the_catalogue_unless_the_mapping_names_its_own()
    {
        var catalogued = Parse("""{ "connector": "Keap", "elementKey": "infusionsoftrest" }""").Model!;
        Assert.Equal("https://signin.infusionsoft.com/app/oauth/authorize", catalogued.Auth.AuthorizationEndpoint);
        Assert.Equal(["accounts.infusionsoft.com"], catalogued.Auth.AuthorizationHosts.ToArray());

        var own = Parse("""{ "connector": "Keap", "elementKey": "infusionsoftrest", "auth": { "type": "oauth2", "authorizationHosts": ["Login.Example.Test"] } }""").Model!;
        Assert.Equal(["login.example.test"], own.Auth.AuthorizationHosts.ToArray());
        Assert.Empty(Parse("""{ "connector": "Team", "elementKey": "slack" }""").Model!.Auth.AuthorizationHosts);
        foreach (var element in ElementCatalog.All.Where(e => e.Key.StartsWith("infusionsoft", StringComparison.Ordinal)))
        {
            Assert.Equal(["accounts.infusionsoft.com"], element.Auth.AuthorizationHosts.ToArray());
        }
    }

    [Fact]
    public void An_oauth2_element_gets_its_oauth_client_only_when_both_endpoints_are_known_and_CG1030_says_when_not()
    {
        var run = GeneratorHarness.RunGenerator(
        [
            new InMemoryAdditionalText("/project/slack.connector.json", """{ "connector": "Team", "elementKey": "slack" }"""),
            new InMemoryAdditionalText("/project/shop.connector.json", """{ "connector": "Shop", "elementKey": "shopify" }"""),
        ]);
        var warning = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(("CG1030", DiagnosticSeverity.Warning, "/project/shop.connector.json", """{ "connector": "Shop", "elementKey": "shopify" }""".IndexOf("\"shopify\"", StringComparison.Ordinal)), (warning.Id, warning.Severity, warning.Location.GetLineSpan().Path, warning.Location.SourceSpan.Start));
        Assert.Contains("no ShopOAuthClient and no AddShopAccessToken", warning.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(run.CompileDiagnostics);
        var hints = run.Result.Results.Single().GeneratedSources.Select(s => s.HintName).ToList();
        Assert.Contains(hints, h => h.EndsWith("Team.OAuthMetadata.g.cs", StringComparison.Ordinal));
        Assert.Contains("https://slack.com/api/oauth.access", run.Source("Team.OAuthMetadata.g.cs"));
        Assert.Contains(hints, h => h.EndsWith("Shop.Credentials.g.cs", StringComparison.Ordinal));
        Assert.DoesNotContain(hints, h => h.EndsWith("Shop.OAuthMetadata.g.cs", StringComparison.Ordinal));
    }

    /// <summary>Issue 23 item 4: a minimal HubSpot mapping (endpoints from HubSpot's docs, docs/catalog.md) gets its OAuth client and AddHubSpotAccessToken.</summary>
    [Theory]
    [InlineData("hubspotcrm", "https://api.hubapi.com/oauth/v1/token")]
    [InlineData("github", "https://github.com/login/oauth/access_token")]
    [InlineData("quickbooks", "https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer")]
    public void A_minimal_mapping_of_a_catalogued_oauth2_element_gets_a_working_oauth_client(string elementKey, string tokenEndpoint)
    {
        const string usesIt = """
            using Microsoft.Extensions.DependencyInjection;

            namespace Tests.Consumer
            {
                internal static class UsesIt
                {
                    internal static object Client(System.Net.Http.HttpClient http) => new HubSpotOAuthClient(http, new HubSpotCredentials());
                    internal static Microsoft.Extensions.DependencyInjection.IHttpClientBuilder Register(Microsoft.Extensions.DependencyInjection.IHttpClientBuilder builder) => builder.AddHubSpotAccessToken();
                }
            }
            """;
        var run = GeneratorHarness.RunGenerator([new InMemoryAdditionalText("/project/hubspot.connector.json", "{ \"connector\": \"HubSpot\", \"elementKey\": \"" + elementKey + "\" }")], source: usesIt);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompileDiagnostics);
        Assert.Contains(tokenEndpoint, run.Source("HubSpot.OAuthMetadata.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_credentials_array_overrides_and_extends_catalogue_entries_by_parameter_key()
    {
        var model = Parse("""
            { "connector": "Desk", "elementKey": "zendesk", "credentials": [
              { "name": "Site", "source": "Zendesk site", "parameter": "zendesk.subdomain", "format": "hostName" },
              { "name": "Locale", "source": "Locale", "parameter": "zendesk.locale", "required": false } ] }
            """).Model!;
        Assert.Equal(["Site", "Locale", "ClientId", "ClientSecret", "CallbackUrl"], model.Credentials.Select(c => c.Name).ToArray());
        Assert.Equal(FormatKind.HostName, model.Credentials[0].Format);
        Assert.Equal(AuthType.OAuth2, model.Auth.Type);
    }

    [Fact]
    public void A_mapping_with_another_auth_type_uses_only_its_own_credentials()
    {
        var result = Parse(GeneratorHarness.SampleMapping("zendesk.connector.json"));
        Assert.Empty(result.Diagnostics);
        Assert.Equal(["Subdomain", "Username", "Password"], result.Model!.Credentials.Select(c => c.Name).ToArray());
        Assert.Equal(AuthType.Basic, result.Model.Auth.Type);
    }

    [Fact]
    public void An_explicit_oauth2_section_may_leave_out_the_endpoints_the_catalogue_knows()
    {
        var result = Parse("""{ "connector": "Team", "elementKey": "slack", "auth": { "type": "oauth2", "scopes": ["users:read"], "pkce": true } }""");
        Assert.Empty(result.Diagnostics);
        Assert.Equal("https://slack.com/oauth/authorize", result.Model!.Auth.AuthorizationEndpoint);
        Assert.Equal(["users:read"], result.Model.Auth.Scopes.ToArray());
        Assert.True(result.Model.Auth.UsePkce);
    }

    [Fact]
    public void Element_quirks_are_honoured()
    {
        var quickbooks = Parse("""{ "connector": "Books", "elementKey": "quickbooks" }""").Model!;
        Assert.Contains(quickbooks.Credentials, c => c.Parameter == "scope" && c.Required);
        Assert.Contains(quickbooks.Credentials, c => c.Parameter == "authentication.type" && c.Format == FormatKind.Pattern && c.Pattern == "oauth2");
        var freshdesk = Parse("""{ "connector": "Help", "elementKey": "freshdeskv2" }""").Model!;
        Assert.Contains(freshdesk.Credentials, c => c.Parameter == "username" && c.Secret);
        var crm = Parse("""{ "connector": "Keap", "elementKey": "infusionsoftcrm" }""");
        var notice = Assert.Single(crm.Diagnostics);
        Assert.Equal("CG1015", notice.Id);
        Assert.Equal("\"infusionsoftcrm\"", """{ "connector": "Keap", "elementKey": "infusionsoftcrm" }"""[notice.Location.Span.Start..notice.Location.Span.End]);
        var key = Assert.Single(crm.Model!.Credentials, c => c.Parameter == "infusionsoft.private.key");
        Assert.True(key.Secret);
        Assert.False(key.Required);
        Assert.Contains("2024-07-10", key.Deprecated);
        Assert.Matches(key.Pattern!, "0123456789abcdef0123456789abcdef");
        Assert.Matches(key.Pattern!, "KeapAK-" + new string('0', 50));
        Assert.DoesNotMatch(key.Pattern!, "KeapAK-" + new string('0', 49));
        Assert.False(Assert.Single(crm.Model.Credentials, c => c.Parameter == "infusionsoft.server").Required);
        Assert.Equal(["invalid_grant", "invalid_request"], crm.Model.Auth.DeadGrantErrors.ToArray());
    }

    [Fact]
    public void CG1021_an_uncatalogued_key_without_credentials_is_reported_at_the_key_with_a_suggestion()
    {
        var (json, span) = MappingDiagnosticsTests.Markers("""{ "connector": "Desk", "elementKey": ⟪"zendesks"⟫ }""");
        var run = GeneratorHarness.RunGenerator(json);
        var d = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("CG1021", d.Id);
        Assert.Equal(span, d.Location.SourceSpan);
        Assert.Contains("did you mean 'zendesk'", d.GetMessage());
        Assert.Empty(run.CompileDiagnostics);
    }
}

/// <summary>The README's catalogue table is the catalogue: one row per element, generated here and compared.</summary>
public sealed class CatalogDocsTests
{
    internal static string Table()
    {
        var b = new StringBuilder();
        b.Append("| Element key | Element | Auth | Parameters (secret in bold, optional in italics) | Source |\n");
        b.Append("|---|---|---|---|---|\n");
        foreach (var e in ElementCatalog.All)
        {
            var auth = MappingVocabulary.AuthTypes.NameOf(e.Auth.Type) + (e.Auth.Type == AuthType.OAuth2 && e.Auth.HasEndpoints ? " (OAuth client)" : string.Empty);
            var parameters = string.Join(", ", e.Parameters.Select(p =>
            {
                var key = "`" + p.Key + "`";
                key = p.Secret ? "**" + key + "**" : key;
                return p.Required ? key : "_" + key + "_";
            }));
            b.Append("| `").Append(e.Key).Append("` | ").Append(e.Name).Append(" | ").Append(auth).Append(" | ").Append(parameters)
             .Append(" | [page](").Append(e.SourceUrl).Append(") |\n");
        }

        return b.ToString();
    }

    [Fact]
    public void The_readme_lists_every_catalogued_element_as_the_catalogue_defines_it()
    {
        var readme = File.ReadAllText(Path.Combine(MappingDiagnosticsTests.RepoRoot(), "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var table = Table();
        Assert.True(readme.Contains(table, StringComparison.Ordinal), "README.md does not contain the catalogue table; expected:\n" + table);
    }

    [Theory]
    [InlineData("hubspot", "hubspotcrm")]
    [InlineData("freshdesk", "freshdeskv2")]
    [InlineData("NetSuite", "netsuitecrmv2")]
    [InlineData("zendesks", "zendesk")]
    public void CG1021_suggests_the_catalogued_key_that_extends_a_provider_name(string written, string suggested)
    {
        var run = GeneratorHarness.RunGenerator("{ \"connector\": \"Crm\", \"elementKey\": \"" + written + "\" }");
        Assert.Contains("did you mean '" + suggested + "'", Assert.Single(run.GeneratorDiagnostics, d => d.Id == "CG1021").GetMessage(), StringComparison.Ordinal);
    }

    /// <summary>Issue 23 item 9: Slack rejects an authorization request without scope; the minimal mapping's direct client sends one.</summary>
    [Fact]
    public void A_minimal_slack_mapping_sends_a_scope_in_direct_mode()
    {
        var run = GeneratorHarness.RunGenerator("""{ "connector": "Team", "elementKey": "slack" }""");
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompileDiagnostics);
        var assembly = GeneratorHarness.Load(run.Output);
        var credentialsType = assembly.GetType("Tests.Consumer.TeamCredentials", throwOnError: true)!;
        var credentials = Activator.CreateInstance(credentialsType)!;
        credentialsType.GetProperty("ClientId")!.SetValue(credentials, "client-1");
        credentialsType.GetProperty("CallbackUrl")!.SetValue(credentials, new Uri("https://app.example/callback"));
        using var http = new HttpClient();
        var client = Activator.CreateInstance(assembly.GetType("Tests.Consumer.TeamOAuthClient", throwOnError: true)!, http, credentials, null)!;
        var request = client.GetType().GetMethod("CreateAuthorizationRequest")!.Invoke(client, null)!;
        var url = (Uri)request.GetType().GetProperty("AuthorizationUrl")!.GetValue(request)!;
        Assert.StartsWith("https://slack.com/oauth/authorize?", url.ToString(), StringComparison.Ordinal);
        Assert.Contains("scope=users%3Aread", url.AbsoluteUri, StringComparison.Ordinal);
    }
}
