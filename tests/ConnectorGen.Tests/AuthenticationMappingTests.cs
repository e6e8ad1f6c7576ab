using System.Text;
using ConnectorGen.Mapping;
using ConnectorGen.Model;
using ConnectorGen.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ConnectorGen.Tests;

/// <summary>
/// The mapping words of issue 18: apiBaseUrl, auth.deadGrantErrors, auth.apiKeyIn and auth.apiKeyName, read into the
/// model, refused at their exact text when wrong, and what an apiKey or basic mapping gets emitted.
/// </summary>
public sealed class AuthenticationMappingTests
{
    private const string Key = """{ "name": "ApiKey", "source": "Key", "parameter": "acme.key", "secret": true, "role": "apiKey" }""";

    private static ParseResult Parse(string json) =>
        MappingParser.Parse("/project/x.connector.json", SourceText.From(json, Encoding.UTF8), CancellationToken.None);

    private static string ApiKeyMapping(string auth, string extra = "") =>
        "{ \"connector\": \"Acme\", \"elementKey\": \"acme\", " + extra + "\"auth\": " + auth + ", \"credentials\": [ " + Key + " ] }";

    private static void AssertAt(ParseResult result, string json, string id, string text)
    {
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(text, json[diagnostic.Location.Span.Start..diagnostic.Location.Span.End]);
    }

    [Fact]
    public void ApiKey_location_name_and_base_url_are_read()
    {
        var result = Parse(ApiKeyMapping("""{ "type": "apiKey", "apiKeyIn": "query", "apiKeyName": "api_key" }""", "\"apiBaseUrl\": \"https://api.acme.test/v2\", "));
        Assert.Empty(result.Diagnostics);
        Assert.Equal(ApiKeyLocation.Query, result.Model!.Auth.ApiKeyIn);
        Assert.Equal("api_key", result.Model.Auth.EffectiveApiKeyName);
        Assert.Equal("https://api.acme.test/v2", result.Model.ApiBaseUrl);
    }

    [Fact]
    public void ApiKey_defaults_to_the_X_API_Key_header()
    {
        var result = Parse(ApiKeyMapping("""{ "type": "apiKey" }"""));
        Assert.Empty(result.Diagnostics);
        Assert.Equal(ApiKeyLocation.Header, result.Model!.Auth.ApiKeyIn);
        Assert.Equal("X-API-Key", result.Model.Auth.EffectiveApiKeyName);
        Assert.Null(result.Model.ApiBaseUrl);
    }

    [Theory]
    [InlineData("""{ "type": "apiKey", "apiKeyIn": "cookie" }""", "\"cookie\"")]
    [InlineData("""{ "type": "apiKey", "apiKeyName": "X Key" }""", "\"X Key\"")]
    [InlineData("""{ "type": "apiKey", "apiKeyName": "" }""", "\"\"")]
    public void A_bad_api_key_setting_is_reported_at_its_value(string auth, string text)
    {
        var json = ApiKeyMapping(auth);
        AssertAt(Parse(json), json, "CG1019", text);
    }

    [Theory]
    [InlineData("\"apiBaseUrl\": \"http://api.acme.test\", ", "\"http://api.acme.test\"", "CG1011")]
    [InlineData("\"apiBaseUrl\": \"https://user:pw@api.acme.test\", ", "\"https://user:pw@api.acme.test\"", "CG1019")]
    [InlineData("\"apiBaseUrl\": \"/relative\", ", "\"/relative\"", "CG1019")]
    public void A_bad_api_base_url_is_reported_at_its_value_and_left_out(string extra, string text, string id)
    {
        var json = ApiKeyMapping("""{ "type": "apiKey" }""", extra);
        var result = Parse(json);
        Assert.Equal(id, Assert.Single(result.Diagnostics).Id);
        AssertAt(result, json, id, text);
        Assert.Null(result.Model!.ApiBaseUrl);
    }

    [Fact]
    public void Dead_grant_errors_are_read_and_default_to_invalid_grant()
    {
        const string Oauth = """{ "connector": "Acme", "elementKey": "acme", "auth": { "type": "oauth2", "authorizationEndpoint": "https://a.test/authorize", "tokenEndpoint": "https://a.test/token"DEAD }, "credentials": [ { "name": "ClientId", "source": "id", "parameter": "oauth.api.key", "role": "clientId" }, { "name": "ClientSecret", "source": "secret", "parameter": "oauth.api.secret", "secret": true, "role": "clientSecret" }, { "name": "CallbackUrl", "source": "cb", "parameter": "oauth.callback.url", "role": "redirectUri" } ] }""";
        Assert.Equal(["invalid_grant"], Parse(Oauth.Replace("DEAD", string.Empty)).Model!.Auth.DeadGrantErrors.ToArray());
        var keap = Parse(Oauth.Replace("DEAD", ", \"deadGrantErrors\": [\"invalid_grant\", \"invalid_request\"]"));
        Assert.Empty(keap.Diagnostics);
        Assert.Equal(["invalid_grant", "invalid_request"], keap.Model!.Auth.DeadGrantErrors.ToArray());

        var empty = Oauth.Replace("DEAD", ", \"deadGrantErrors\": []");
        AssertAt(Parse(empty), empty, "CG1019", "[]");
        var spaced = Oauth.Replace("DEAD", ", \"deadGrantErrors\": [\"invalid grant\"]");
        AssertAt(Parse(spaced), spaced, "CG1019", "\"invalid grant\"");
    }

    [Fact]
    public void An_api_key_mapping_gets_its_handler_and_registration_and_compiles_warning_free()
    {
        var run = GeneratorHarness.RunGenerator(ApiKeyMapping("""{ "type": "apiKey", "apiKeyName": "X-Acme-Key" }""", "\"apiBaseUrl\": \"https://api.acme.test\", "));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompileDiagnostics);
        var source = run.Source("Acme.ApiAuthentication.g.cs");
        Assert.Contains("public const string ApiKeyName = \"X-Acme-Key\";", source);
        Assert.Contains("AddAcmeAuthentication", source);
        Assert.Contains("\"X-Acme-Key\"", source);
    }

    [Fact]
    public void A_basic_mapping_gets_its_handler_and_no_oauth_client()
    {
        var run = GeneratorHarness.RunGenerator("""{ "connector": "Desk", "elementKey": "zendesk", "apiBaseUrl": "https://acme.zendesk.com", "auth": { "type": "basic" }, "credentials": [ { "name": "User", "source": "u", "parameter": "username", "role": "username" }, { "name": "Password", "source": "p", "parameter": "password", "secret": true, "role": "password" } ] }""");
        Assert.Empty(run.CompileDiagnostics);
        var source = run.Source("Desk.ApiAuthentication.g.cs");
        Assert.Contains("BasicAuthenticationHandler", source);
        Assert.Contains("\"Authorization\"", source);
    }
}
