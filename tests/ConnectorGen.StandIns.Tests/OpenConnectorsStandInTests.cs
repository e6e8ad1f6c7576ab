using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using static ConnectorGen.StandIns.Tests.KeapFlow;

namespace ConnectorGen.StandIns.Tests;

public sealed class OpenConnectorsStandInTests : IAsyncLifetime
{
    private const string UserSecret = "oc-user-secret-1";
    private const string OrgSecret = "oc-org-secret-2";
    private const string GoodHeader = "User " + UserSecret + ", Organization " + OrgSecret;

    private KeapAuthorizationServer _keap = null!;
    private OpenConnectorsStandIn _oc = null!;
    private readonly HttpClient _http = NewHttpClient();

    public async Task InitializeAsync()
    {
        _keap = await KeapAuthorizationServer.StartAsync(Options());
        _oc = await OpenConnectorsStandIn.StartAsync(new OpenConnectorsStandInOptions
        {
            UserSecret = UserSecret,
            OrganizationSecret = OrgSecret,
            ProviderAuthorizationEndpoint = _keap.AuthorizationEndpoint,
            ProviderTokenEndpoint = _keap.TokenEndpoint,
        });
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _oc.DisposeAsync();
        await _keap.DisposeAsync();
    }

    private static Dictionary<string, string> FullConfiguration() => new()
    {
        ["oauth.api.key"] = ClientId,
        ["oauth.api.secret"] = ClientSecret,
        ["oauth.callback.url"] = RedirectUri.AbsoluteUri,
        ["infusionsoft.private.key"] = "47d9d5aabbccddeeff00112233445566",
        ["infusionsoft.server"] = "ab123.infusionsoft.com",
    };

    private static string InstanceBody(string? elementKey, string code, Dictionary<string, string> configuration)
    {
        var body = new Dictionary<string, object>
        {
            ["providerData"] = new Dictionary<string, string> { ["code"] = code },
            ["configuration"] = configuration,
            ["tags"] = new[] { "t1" },
            ["name"] = "my-instance",
        };
        if (elementKey is not null)
        {
            body["element"] = new Dictionary<string, string> { ["key"] = elementKey };
        }

        return JsonSerializer.Serialize(body);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, Uri uri, string? header = GoodHeader, string? json = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, uri);
        if (header is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", header);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    private static void AssertError(JsonElement body)
    {
        Assert.False(string.IsNullOrEmpty(body.GetProperty("requestId").GetString()));
        Assert.False(string.IsNullOrEmpty(body.GetProperty("message").GetString()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("User oc-user-secret-1")]
    [InlineData("Organization oc-org-secret-2, User oc-user-secret-1")]
    [InlineData("User oc-user-secret-1,Organization oc-org-secret-2")]
    [InlineData("user oc-user-secret-1, organization oc-org-secret-2")]
    [InlineData("User wrong, Organization oc-org-secret-2")]
    [InlineData("User oc-user-secret-1, Organization wrong")]
    [InlineData("Bearer oc-user-secret-1")]
    public async Task The_platform_header_must_be_exactly_user_then_organization(string? header)
    {
        var (status, body) = await SendAsync(HttpMethod.Get, _oc.OAuthUrlEndpoint("infusionsoftcrm"), header);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        AssertError(body);
        Assert.Equal(1, _oc.UnauthorizedRequests);
    }

    [Fact]
    public async Task Oauth_url_answers_the_provider_authorize_url()
    {
        var uri = new Uri(_oc.OAuthUrlEndpoint("infusionsoftcrm") + "?apiKey=" + ClientId + "&apiSecret=" + ClientSecret +
            "&callbackUrl=" + Uri.EscapeDataString(RedirectUri.AbsoluteUri) + "&state=abc%2B1");
        var (status, body) = await SendAsync(HttpMethod.Get, uri);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("infusionsoftcrm", body.GetProperty("element").GetString());
        var oauthUrl = new Uri(body.GetProperty("oauthUrl").GetString()!);
        // Verified against row 4: the platform answers with the host it uses for Infusionsoft, signin.infusionsoft.com.
        Assert.Equal("https://signin.infusionsoft.com/app/oauth/authorize", oauthUrl.GetLeftPart(UriPartial.Path));
        var query = ParseQuery(oauthUrl);
        Assert.Equal(ClientId, query["client_id"]);
        Assert.Equal(RedirectUri.AbsoluteUri, query["redirect_uri"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("full", query["scope"]);
        Assert.Equal("abc+1", query["state"]);
        Assert.False(query.ContainsKey("client_secret"));

        // The URL really works at the provider.
        var parameters = await AuthorizeAsync(_http, OpenConnectorsStandIn.RouteToProvider(oauthUrl, _keap.AuthorizationEndpoint));
        Assert.Equal("abc+1", parameters["state"]);
    }

    [Fact]
    public async Task Oauth_url_needs_the_documented_parameters_and_a_known_element()
    {
        var (status, body) = await SendAsync(HttpMethod.Get, new Uri(_oc.OAuthUrlEndpoint("infusionsoftcrm") + "?apiKey=x"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertError(body);

        var (status404, body404) = await SendAsync(HttpMethod.Get, new Uri(_oc.OAuthUrlEndpoint("nosuchelement") + "?apiKey=x&apiSecret=y&callbackUrl=z"));
        Assert.Equal(HttpStatusCode.NotFound, status404);
        AssertError(body404);
    }

    [Fact]
    public async Task Instance_creation_redeems_the_code_at_the_provider_and_echoes_the_configuration()
    {
        var code = await GetCodeAsync(_http, _keap);
        var (status, body) = await SendAsync(HttpMethod.Post, _oc.InstancesEndpoint, json: InstanceBody("infusionsoftcrm", code, FullConfiguration()));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body.GetProperty("id").GetInt64() > 0);
        Assert.Equal("my-instance", body.GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("token").GetString()));
        Assert.Equal("infusionsoftcrm", body.GetProperty("element").GetProperty("key").GetString());
        Assert.True(body.GetProperty("element").GetProperty("id").GetInt64() > 0);
        Assert.True(body.GetProperty("valid").GetBoolean());
        Assert.False(body.GetProperty("disabled").GetBoolean());
        Assert.True(DateTimeOffset.TryParse(body.GetProperty("createdDate").GetString(), out _));
        Assert.Equal("t1", body.GetProperty("tags")[0].GetString());
        // Verified against row 8: values come back masked, as the platform masked them in 2018.
        var configuration = body.GetProperty("configuration");
        foreach (var key in new[] { "oauth.api.key", "oauth.api.secret", "oauth.user.token", "oauth.user.refresh_token" })
        {
            Assert.Equal(OpenConnectorsStandIn.ConfigurationMask, configuration.GetProperty(key).GetString());
        }

        Assert.DoesNotContain(ClientSecret, body.GetRawText(), StringComparison.Ordinal);

        Assert.Equal(1, _keap.TokenRequestsSucceeded);
        var created = Assert.Single(_oc.CreatedInstances);
        Assert.Equal(body.GetProperty("token").GetString(), created.Token);
        Assert.Equal(["t1"], created.Tags);
    }

    [Fact]
    public async Task Element_scoped_instance_creation_needs_no_element_key()
    {
        var code = await GetCodeAsync(_http, _keap);
        var uri = new Uri(_oc.BaseUri + "/elements/infusionsoftrest/instances");
        var configuration = FullConfiguration();
        configuration.Remove("infusionsoft.private.key");
        var (status, body) = await SendAsync(HttpMethod.Post, uri, json: InstanceBody(null, code, configuration));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("infusionsoftrest", body.GetProperty("element").GetProperty("key").GetString());
        Assert.EndsWith("/elements/infusionsoftrest/instances", Assert.Single(_oc.CreatedInstances).Path);
    }

    [Fact]
    public async Task Post_instances_without_element_key_is_a_bad_request()
    {
        var (status, body) = await SendAsync(HttpMethod.Post, _oc.InstancesEndpoint, json: InstanceBody(null, "c", FullConfiguration()));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertError(body);
    }

    [Fact]
    public async Task A_replayed_code_fails_with_the_provider_message()
    {
        var code = await GetCodeAsync(_http, _keap);
        var (first, _) = await SendAsync(HttpMethod.Post, _oc.InstancesEndpoint, json: InstanceBody("infusionsoftcrm", code, FullConfiguration()));
        Assert.Equal(HttpStatusCode.OK, first);

        var (status, body) = await SendAsync(HttpMethod.Post, _oc.InstancesEndpoint, json: InstanceBody("infusionsoftcrm", code, FullConfiguration()));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertError(body);
        Assert.Contains("invalid_grant", body.GetProperty("providerMessage").GetString());
        Assert.Single(_oc.CreatedInstances);
    }

    [Fact]
    public async Task A_bogus_code_fails_with_the_provider_message()
    {
        var (status, body) = await SendAsync(HttpMethod.Post, _oc.InstancesEndpoint, json: InstanceBody("infusionsoftcrm", "bogus", FullConfiguration()));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("invalid_grant", body.GetProperty("providerMessage").GetString());
    }

    [Theory]
    [InlineData("infusionsoft.private.key")]
    [InlineData("oauth.api.secret")]
    [InlineData("oauth.callback.url")]
    public async Task A_missing_required_configuration_key_is_named(string missing)
    {
        var configuration = FullConfiguration();
        configuration.Remove(missing);
        var (status, body) = await SendAsync(HttpMethod.Post, _oc.InstancesEndpoint, json: InstanceBody("infusionsoftcrm", "c", configuration));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertError(body);
        Assert.Contains("'" + missing + "'", body.GetProperty("message").GetString());
        Assert.Equal(0, _keap.TokenRequests);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task Instances_need_a_json_content_type(string contentType)
    {
        var (status, body) = await SendAsync(HttpMethod.Post, _oc.InstancesEndpoint, json: InstanceBody("infusionsoftcrm", "c", FullConfiguration()), contentType: contentType);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        AssertError(body);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"element\":{\"key\":\"infusionsoftcrm\"},\"name\":\"n\",\"configuration\":\"oops\"}")]
    [InlineData("{\"element\":{\"key\":\"infusionsoftcrm\"},\"name\":\"n\",\"configuration\":{\"oauth.api.key\":1}}")]
    public async Task A_malformed_instance_body_is_a_bad_request(string json)
    {
        var (status, body) = await SendAsync(HttpMethod.Post, _oc.InstancesEndpoint, json: json);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertError(body);
    }

    [Fact]
    public async Task An_unknown_element_is_not_found()
    {
        var (status, body) = await SendAsync(HttpMethod.Post, _oc.InstancesEndpoint, json: InstanceBody("nosuchelement", "c", FullConfiguration()));
        Assert.Equal(HttpStatusCode.NotFound, status);
        AssertError(body);
    }
}

public sealed class OpenConnectorsInstanceCallTests : IAsyncLifetime
{
    private const string Platform = "User u-secret, Organization o-secret";
    private KeapAuthorizationServer _keap = null!;
    private OpenConnectorsStandIn _oc = null!;
    private readonly HttpClient _http = KeapFlow.NewHttpClient();

    public async Task InitializeAsync()
    {
        _keap = await KeapAuthorizationServer.StartAsync(KeapFlow.Options());
        _oc = await OpenConnectorsStandIn.StartAsync(new OpenConnectorsStandInOptions
        {
            UserSecret = "u-secret",
            OrganizationSecret = "o-secret",
            ProviderAuthorizationEndpoint = _keap.AuthorizationEndpoint,
            ProviderTokenEndpoint = _keap.TokenEndpoint,
        });
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _oc.DisposeAsync();
        await _keap.DisposeAsync();
    }

    private async Task<HttpStatusCode> GetAsync(Uri uri, string header)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.TryAddWithoutValidation("Authorization", header);
        using var response = await _http.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task Instance_calls_need_the_element_token_of_an_existing_instance()
    {
        var code = await KeapFlow.GetCodeAsync(_http, _keap);
        var body = JsonSerializer.Serialize(new
        {
            element = new { key = "infusionsoftrest" },
            providerData = new { code },
            configuration = new Dictionary<string, string>
            {
                ["oauth.api.key"] = KeapFlow.ClientId,
                ["oauth.api.secret"] = KeapFlow.ClientSecret,
                ["oauth.callback.url"] = KeapFlow.RedirectUri.AbsoluteUri,
            },
            name = "i",
        });
        using var create = new HttpRequestMessage(HttpMethod.Post, _oc.InstancesEndpoint) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        create.Headers.TryAddWithoutValidation("Authorization", Platform);
        using var created = await _http.SendAsync(create);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var instance = Assert.Single(_oc.CreatedInstances);

        Assert.Equal(HttpStatusCode.OK, await GetAsync(_oc.PingEndpoint, Platform + ", Element " + instance.Token));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync(_oc.PingEndpoint, Platform));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync(_oc.PingEndpoint, Platform + ", Element not-a-token"));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync(_oc.PingEndpoint, "User u-secret, Organization wrong, Element " + instance.Token));

        Assert.Equal(HttpStatusCode.OK, await GetAsync(new Uri(_oc.BaseUri + "/instances/" + instance.Id), Platform));
        Assert.Equal(HttpStatusCode.NotFound, await GetAsync(new Uri(_oc.BaseUri + "/instances/999"), Platform));
    }
}
