using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using static ConnectorGen.StandIns.Tests.KeapFlow;

namespace ConnectorGen.StandIns.Tests;

/// <summary>
/// The stand-in is as strict and as lenient as the platform's public record, each behaviour on by default (these tests
/// use the default options). "Row N" names the row of docs/handshake.md "Verified against" that gives the evidence.
/// </summary>
public sealed class OpenConnectorsPlatformBehaviourTests : IAsyncLifetime
{
    private const string Platform = "User oc-user-secret-1, Organization oc-org-secret-2";

    private KeapAuthorizationServer _keap = null!;
    private OpenConnectorsStandIn _oc = null!;
    private readonly HttpClient _http = NewHttpClient();

    public async Task InitializeAsync()
    {
        _keap = await KeapAuthorizationServer.StartAsync(Options());
        _oc = await OpenConnectorsStandIn.StartAsync(new OpenConnectorsStandInOptions
        {
            UserSecret = "oc-user-secret-1",
            OrganizationSecret = "oc-org-secret-2",
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

    private async Task<(HttpStatusCode Status, JsonElement Body, string Text)> SendAsync(HttpMethod method, string path, string? json = null, string header = Platform)
    {
        using var request = new HttpRequestMessage(method, new Uri(_oc.BaseUri + path));
        request.Headers.TryAddWithoutValidation("Authorization", header);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), text);
    }

    private static string Configuration(string extra = "") =>
        "{\"oauth.api.key\":\"" + ClientId + "\",\"oauth.api.secret\":\"" + ClientSecret + "\",\"oauth.callback.url\":\"" + RedirectUri.AbsoluteUri +
        "\",\"infusionsoft.private.key\":\"47d9d5aabbccddeeff00112233445566\"" + extra + "}";

    private async Task<JsonElement> CreateAsync(string name, string tagsJson = "[]", string extra = "")
    {
        var code = await GetCodeAsync(_http, _keap);
        var (status, body, text) = await SendAsync(HttpMethod.Post, "/instances",
            "{\"element\":{\"key\":\"infusionsoftcrm\"},\"providerData\":{\"code\":\"" + code + "\"},\"configuration\":" + Configuration(extra) +
            ",\"tags\":" + tagsJson + ",\"name\":\"" + name + "\"}");
        Assert.True(status == HttpStatusCode.OK, text);
        return body;
    }

    [Fact]
    public async Task Row_13_a_patch_with_provider_data_re_provisions_and_keeps_everything_else()
    {
        var created = await CreateAsync("crm-1", "[\"tenant-1\"]");
        var id = created.GetProperty("id").GetInt64();
        var before = Assert.Single(_oc.Instances);

        var code = await GetCodeAsync(_http, _keap);
        var (status, body, _) = await SendAsync(HttpMethod.Patch, "/instances/" + id, "{\"providerData\":{\"code\":\"" + code + "\"}}");

        Assert.Equal(HttpStatusCode.OK, status);
        var after = Assert.Single(_oc.Instances);
        Assert.Equal(1, after.Reauthorizations);
        Assert.Equal(before.Token, after.Token);
        Assert.Equal(["tenant-1"], after.Tags);
        Assert.Equal("crm-1", after.Name);
        Assert.NotEqual(before.Configuration["oauth.user.token"], after.Configuration["oauth.user.token"]);
        Assert.Equal(["tenant-1"], body.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task Row_8_configuration_values_may_be_booleans_objects_or_null_and_come_back_masked()
    {
        var created = await CreateAsync("crm-1", extra: ",\"document.tagging\":false,\"event.poller.configuration\":{\"contacts\":{\"url\":\"/hubs/crm/contacts\"}},\"event.notification.callback.url\":null");
        var configuration = created.GetProperty("configuration");
        Assert.Equal(OpenConnectorsStandIn.ConfigurationMask, configuration.GetProperty("document.tagging").GetString());
        Assert.Equal(OpenConnectorsStandIn.ConfigurationMask, configuration.GetProperty("event.poller.configuration").GetString());
        Assert.Equal(JsonValueKind.Null, configuration.GetProperty("event.notification.callback.url").ValueKind);
        Assert.Equal(OpenConnectorsStandIn.ConfigurationMask, configuration.GetProperty("oauth.user.token").GetString());
        Assert.DoesNotContain(ClientSecret, created.GetRawText(), StringComparison.Ordinal);

        var state = Assert.Single(_oc.Instances).Configuration;
        Assert.Equal("false", state["document.tagging"]);
        Assert.Equal("{\"contacts\":{\"url\":\"/hubs/crm/contacts\"}}", state["event.poller.configuration"]);

        var id = created.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Patch, "/instances/" + id, "{\"configuration\":{\"event.notification.enabled\":true}}")).Status);
        Assert.Equal("true", Assert.Single(_oc.Instances).Configuration["event.notification.enabled"]);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(HttpMethod.Patch, "/instances/" + id, "{\"configuration\":{\"event.notification.enabled\":[true]}}")).Status);
    }

    [Fact]
    public async Task Row_8_the_older_clear_text_echo_is_an_option()
    {
        await using var clear = await OpenConnectorsStandIn.StartAsync(new OpenConnectorsStandInOptions
        {
            UserSecret = "oc-user-secret-1",
            OrganizationSecret = "oc-org-secret-2",
            ProviderAuthorizationEndpoint = _keap.AuthorizationEndpoint,
            ProviderTokenEndpoint = _keap.TokenEndpoint,
            EchoConfigurationInClear = true,
        });
        var code = await GetCodeAsync(_http, _keap);
        using var request = new HttpRequestMessage(HttpMethod.Post, clear.InstancesEndpoint)
        {
            Content = new StringContent("{\"element\":{\"key\":\"infusionsoftcrm\"},\"providerData\":{\"code\":\"" + code + "\"},\"configuration\":" + Configuration() + ",\"name\":\"n\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", Platform);
        using var response = await _http.SendAsync(request);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(ClientSecret, body.GetProperty("configuration").GetProperty("oauth.api.secret").GetString());
    }

    [Fact]
    public async Task Row_2_the_two_part_user_element_header_is_accepted_on_instance_calls_only()
    {
        await CreateAsync("crm-1");
        var token = Assert.Single(_oc.Instances).Token;
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "/ping", header: "User oc-user-secret-1, Element " + token)).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "/ping", header: Platform + ", Element " + token)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(HttpMethod.Get, "/ping", header: "User wrong, Element " + token)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(HttpMethod.Get, "/instances", header: "User oc-user-secret-1")).Status);
    }

    [Fact]
    public async Task Row_5_an_instance_created_without_tags_is_tagged_with_its_name()
    {
        var created = await CreateAsync("crm-untagged");
        Assert.Equal(["crm-untagged"], created.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        var tagged = await CreateAsync("crm-tagged", "[\"t1\"]");
        Assert.Equal(["t1"], tagged.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task Row_9_search_text_matches_the_element_key_too_and_row_11_nothing_found_is_404()
    {
        await CreateAsync("acme");
        Assert.Equal(1, (await SendAsync(HttpMethod.Get, "/instances?searchText=SOFTCRM")).Body.GetArrayLength());
        Assert.Equal(1, (await SendAsync(HttpMethod.Get, "/instances?searchText=acm")).Body.GetArrayLength());
        var (status, body, _) = await SendAsync(HttpMethod.Get, "/instances?searchText=nothing-like-it");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("No instances found", body.GetProperty("message").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("requestId").GetString()));
    }

    [Fact]
    public async Task Row_7_instances_embed_a_realistic_element_unless_hydrate_is_false()
    {
        await CreateAsync("a");
        await CreateAsync("b");
        var (_, hydrated, hydratedText) = await SendAsync(HttpMethod.Get, "/instances");
        var element = hydrated[0].GetProperty("element");
        Assert.True(element.GetProperty("resources").GetArrayLength() > 10);
        Assert.True(element.GetProperty("configuration").GetArrayLength() > 5);
        Assert.Equal("infusionsoftcrm", element.GetProperty("key").GetString());
        Assert.True(hydratedText.Length > 2 * 20_000, "two hydrated instances: " + hydratedText.Length);

        var (_, slim, slimText) = await SendAsync(HttpMethod.Get, "/instances?hydrate=false");
        Assert.Equal(["id", "key", "name"], slim[0].GetProperty("element").EnumerateObject().Select(p => p.Name));
        Assert.True(slimText.Length < 4_000, "two instances with hydrate=false: " + slimText.Length);
        Assert.True(slim[0].TryGetProperty("user", out _));
    }

    [Fact]
    public async Task Row_18_disable_and_enable_by_id_or_by_element_token_and_a_disabled_instance_answers_403()
    {
        var id = (await CreateAsync("crm-1")).GetProperty("id").GetInt64();
        var token = Assert.Single(_oc.Instances).Token;
        var element = Platform + ", Element " + token;

        var (status, body, _) = await SendAsync(HttpMethod.Delete, "/instances/" + id + "/enabled");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body.GetProperty("disabled").GetBoolean());
        var (refused, error, _) = await SendAsync(HttpMethod.Get, "/ping", header: element);
        Assert.Equal(HttpStatusCode.Forbidden, refused);
        Assert.Contains("disabled", error.GetProperty("message").GetString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Put, "/instances/enabled", header: element)).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "/ping", header: element)).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Delete, "/instances/enabled", header: element)).Status);
        Assert.True(Assert.Single(_oc.Instances).Disabled);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Put, "/instances/" + id + "/enabled")).Status);
        Assert.False(Assert.Single(_oc.Instances).Disabled);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Put, "/instances/999/enabled")).Status);
    }

    [Fact]
    public async Task Row_19_after_failed_refreshes_a_re_authorization_makes_the_instance_valid_but_leaves_it_disabled()
    {
        var id = (await CreateAsync("crm-1")).GetProperty("id").GetInt64();
        _oc.DisableAfterFailedRefreshes(id);
        var code = await GetCodeAsync(_http, _keap);
        var (status, body, _) = await SendAsync(HttpMethod.Patch, "/instances/" + id, "{\"providerData\":{\"code\":\"" + code + "\"}}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body.GetProperty("valid").GetBoolean());
        Assert.True(body.GetProperty("disabled").GetBoolean());
    }

    [Fact]
    public async Task Row_22_external_authentication_creates_an_instance_from_given_tokens_without_a_code()
    {
        var json = "{\"element\":{\"key\":\"infusionsoftcrm\"},\"configuration\":" +
                   Configuration(",\"oauth.user.token\":\"given-access\",\"oauth.user.refresh_token\":\"given-refresh\"") +
                   ",\"name\":\"handed-over\",\"externalAuthentication\":\"initial\"}";
        var (status, _, text) = await SendAsync(HttpMethod.Post, "/instances", json);
        Assert.True(status == HttpStatusCode.OK, text);
        Assert.Equal("given-refresh", Assert.Single(_oc.Instances).Configuration["oauth.user.refresh_token"]);
        Assert.Equal(0, _keap.TokenRequests);

        var none = "{\"element\":{\"key\":\"infusionsoftcrm\"},\"configuration\":" + Configuration() + ",\"name\":\"n\",\"externalAuthentication\":\"initial\"}";
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(HttpMethod.Post, "/instances", none)).Status);
    }

    [Fact]
    public async Task Row_4_the_oauth_url_is_on_the_host_the_platform_uses_and_works_at_the_provider_when_routed_there()
    {
        var (_, body, _) = await SendAsync(HttpMethod.Get, "/elements/infusionsoftmarketing/oauth/url?apiKey=" + ClientId + "&apiSecret=" + ClientSecret +
            "&callbackUrl=" + Uri.EscapeDataString(RedirectUri.AbsoluteUri) + "&state=s1");
        var oauthUrl = new Uri(body.GetProperty("oauthUrl").GetString()!);
        Assert.Equal("signin.infusionsoft.com", oauthUrl.Host);
        Assert.Equal("s1", (await AuthorizeAsync(_http, OpenConnectorsStandIn.RouteToProvider(oauthUrl, _keap.AuthorizationEndpoint)))["state"]);
    }

    [Fact]
    public async Task Every_request_is_recorded_with_its_body_for_contract_tests()
    {
        await SendAsync(HttpMethod.Get, "/instances?tags%5B%5D=a&hydrate=false");
        await SendAsync(HttpMethod.Patch, "/instances/1", "{\"id\":1}");
        Assert.Equal(
            [("GET", "/elements/api-v2/instances?tags%5B%5D=a&hydrate=false", ""), ("PATCH", "/elements/api-v2/instances/1", "{\"id\":1}")],
            _oc.RecordedRequests.Select(r => (r.Method, r.PathAndQuery, r.Body)));
    }
}
