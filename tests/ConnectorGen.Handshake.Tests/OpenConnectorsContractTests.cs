#pragma warning disable CS1591
using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using ConnectorGen.Generated;
using ConnectorGen.Handshake.Tests.TestSupport;
using ConnectorGen.StandIns;
using Contoso.Connectors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace ConnectorGen.Handshake.Tests;

/// <summary>
/// The generated managed-mode clients against the Open Connectors stand-in with every platform behaviour on (its
/// defaults): exact requests and bodies over loopback. "Row N" names the row of docs/handshake.md "Verified against".
/// </summary>
public sealed class OpenConnectorsContractTests : IAsyncLifetime
{
    private const string Base = "/elements/api-v2";
    private static readonly Uri ReauthorizationCallback = new("https://app.example.test/infusionsoft/reauthorized");
    private KeapAuthorizationServer _keap = null!;
    private OpenConnectorsStandIn _oc = null!;
    private readonly HttpClient _http = Canary.NewHttpClient();

    public async Task InitializeAsync()
    {
        var keap = new KeapAuthorizationServerOptions();
        keap.Clients.Add(new KeapClientRegistration(Canary.ClientId, Canary.ClientSecret, [Canary.CallbackUrl, ReauthorizationCallback]));
        _keap = await KeapAuthorizationServer.StartAsync(keap);
        _oc = await OpenConnectorsStandIn.StartAsync(new OpenConnectorsStandInOptions
        {
            UserSecret = Canary.UserSecret,
            OrganizationSecret = Canary.OrganizationSecret,
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

    private InfusionsoftOpenConnectorsClientOptions Options() => new() { AuthorizationEndpoint = _keap.AuthorizationEndpoint };

    private InfusionsoftOpenConnectorsClient Client(InfusionsoftOpenConnectorsClientOptions? options = null) =>
        new(_http, _oc.BaseUri, Canary.UserSecret, Canary.OrganizationSecret, Canary.Credentials(), options ?? Options());

    private InfusionsoftOpenConnectorsInstances Instances(InfusionsoftOpenConnectorsClientOptions? options = null, Uri? baseUri = null) =>
        new(_http, baseUri ?? _oc.BaseUri, Canary.UserSecret, Canary.OrganizationSecret, Canary.Credentials(), options ?? Options());

    private async Task<AuthorizationCode> CodeAsync(InfusionsoftOpenConnectorsClientOptions? options = null)
    {
        var client = Client(options);
        var request = client.CreateAuthorizationRequest();
        using var consent = await _http.GetAsync(request.AuthorizationUrl);
        Assert.Equal(HttpStatusCode.Found, consent.StatusCode);
        return client.HandleCallback(consent.Headers.Location!, request);
    }

    private OpenConnectorsRecordedRequest[] Since(int mark) => _oc.RecordedRequests.Skip(mark).ToArray();

    private static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement.Clone();

    [Fact]
    public async Task Row_11_a_search_that_finds_nothing_is_an_empty_list_and_the_request_is_exact()
    {
        await Client().CreateInstanceAsync(await CodeAsync(), "acme-crm", ["tenant-acme"]);
        var attempt = InfusionsoftOpenConnectorsInstances.NewAttemptTag();
        var mark = _oc.RecordedRequests.Count;

        // The safe-retry recipe, step "not found": the create never happened, so a new authorization is safe.
        Assert.Empty(await Instances().FindAsync(tags: ["tenant-acme", attempt]));

        var sent = Assert.Single(Since(mark));
        Assert.Equal("GET", sent.Method);
        Assert.Equal(Base + "/instances?hydrate=false&tags%5B%5D=tenant-acme&tags%5B%5D=" + attempt, sent.PathAndQuery);
        Assert.Equal("", sent.Body);
    }

    [Fact]
    public async Task Row_11_any_other_404_still_fails_and_says_the_base_url_or_path_is_wrong()
    {
        var wrongBase = new Uri(_oc.ServerUri, "elements/api-v3");
        var failure = await Assert.ThrowsAsync<OpenConnectorsException>(() => Instances(baseUri: wrongBase).FindAsync(tags: ["x"]));
        Assert.Equal(HttpStatusCode.NotFound, failure.StatusCode);
        Assert.Equal(HandshakeErrorKind.ProtocolError, failure.Kind);
        Assert.Contains("base URL", failure.Message, StringComparison.Ordinal);
        Assert.Contains("/elements/api-v2", failure.Message, StringComparison.Ordinal);
        Canary.AssertClean(failure.ToString());
    }

    [Theory]
    [InlineData("{\"message\":\"No instances found\"}", true)]
    [InlineData("{\"message\":\"No element instances found.\"}", true)]
    [InlineData("{\"message\":\"Not found.\"}", false)]
    [InlineData("{\"message\":\"No route found for GET /instance\"}", false)]
    [InlineData("<html>404</html>", false)]
    public async Task Row_11_only_the_platforms_nothing_found_answer_is_an_empty_list(string body, bool empty)
    {
        await using var server = await ScriptedHttpServer.StartAsync(ScriptedResponse.Json(404, body));
        var instances = new InfusionsoftOpenConnectorsInstances(_http, server.Endpoint(Base), Canary.UserSecret, Canary.OrganizationSecret, Canary.Credentials());
        if (empty)
        {
            Assert.Empty(await instances.FindAsync(tags: ["t"]));
        }
        else
        {
            var failure = await Assert.ThrowsAsync<OpenConnectorsException>(() => instances.FindAsync(tags: ["t"]));
            Assert.Equal(HttpStatusCode.NotFound, failure.StatusCode);
            Assert.Contains("base URL", failure.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Row_9_and_10_the_list_is_filtered_again_here_every_tag_the_element_and_the_name()
    {
        // A server that ignores every filter (security review L2): another tenant, another element, tags as {id,name}.
        const string List = "[" +
            "{\"id\":1,\"name\":\"acme-crm\",\"token\":\"t1\",\"element\":{\"id\":3001,\"key\":\"infusionsoftcrm\"},\"tags\":[{\"id\":7,\"name\":\"tenant-acme\"},\"attempt-1\"]}," +
            "{\"id\":2,\"name\":\"other-crm\",\"token\":\"t2\",\"element\":{\"id\":3001,\"key\":\"infusionsoftcrm\"},\"tags\":[]}," +
            "{\"id\":3,\"name\":\"acme-crm\",\"token\":\"t3\",\"element\":{\"id\":9,\"key\":\"salesforce\"},\"tags\":[\"tenant-acme\",\"attempt-1\"]}," +
            "{\"id\":4,\"name\":\"acme-other\",\"token\":\"t4\",\"element\":{\"id\":3001,\"key\":\"infusionsoftcrm\"},\"tags\":[\"tenant-acme\"]}]";
        await using var server = await ScriptedHttpServer.StartAsync(ScriptedResponse.Json(200, List));
        var instances = new InfusionsoftOpenConnectorsInstances(_http, server.Endpoint(Base), Canary.UserSecret, Canary.OrganizationSecret, Canary.Credentials());

        var byTags = await instances.FindAsync(tags: ["tenant-acme", "attempt-1"]);
        Assert.Equal([1L], byTags.Select(i => i.Id));
        Assert.Equal(["tenant-acme", "attempt-1"], byTags[0].Tags);
        Assert.Equal([1L, 2L], (await instances.FindAsync(searchText: "CRM")).Select(i => i.Id));
        Assert.Equal([1L, 2L, 4L], (await instances.FindAsync()).Select(i => i.Id));
        // The platform's searchText also matches the element key: the client keeps its promise (the name contains it).
        Assert.Empty(await instances.FindAsync(searchText: "infusionsoft"));

        // An element id in the ElementKey option (the platform takes keyOrId) finds by id.
        var byId = new InfusionsoftOpenConnectorsInstances(_http, server.Endpoint(Base), Canary.UserSecret, Canary.OrganizationSecret, Canary.Credentials(),
            new InfusionsoftOpenConnectorsClientOptions { ElementKey = "9" });
        Assert.Equal([3L], (await byId.FindAsync()).Select(i => i.Id));
    }

    [Fact]
    public async Task Row_7_and_B4_instances_embed_their_element_and_lists_ask_for_hydrate_false_with_their_own_cap()
    {
        var created = await Client().CreateInstanceAsync(await CodeAsync(), "acme-crm", ["tenant-acme"]);
        using (var get = new HttpRequestMessage(HttpMethod.Get, _oc.InstanceEndpoint(created.Id)))
        {
            get.Headers.TryAddWithoutValidation("Authorization", "User " + Canary.UserSecret + ", Organization " + Canary.OrganizationSecret);
            using var response = await _http.SendAsync(get);
            var whole = await response.Content.ReadAsStringAsync();
            Assert.InRange(whole.Length, 20_000, 64 * 1024);
            Assert.True(Json(whole).GetProperty("element").GetProperty("resources").GetArrayLength() > 10);
        }

        var options = Options();
        options.MaxListResponseBytes = 2_000;
        var small = await Instances(options).FindAsync(tags: ["tenant-acme"]);
        Assert.Equal([created.Id], small.Select(i => i.Id));

        options.MaxListResponseBytes = 200;
        var tooLarge = await Assert.ThrowsAsync<OpenConnectorsException>(() => Instances(options).FindAsync(tags: ["tenant-acme"]));
        Assert.Equal(HandshakeErrorKind.ResponseTooLarge, tooLarge.Kind);
        Assert.Equal(created.Id, (await Instances(options).GetAsync(created.Id)).Id);

        options.MaxListResponseBytes = 0;
        var bad = Assert.Throws<OpenConnectorsException>(() => new InfusionsoftOpenConnectorsClient(_http, _oc.BaseUri, Canary.UserSecret, Canary.OrganizationSecret, Canary.Credentials(), options));
        Assert.Equal(HandshakeErrorKind.InvalidConfiguration, bad.Kind);
    }

    [Fact]
    public async Task Row_13_and_15_reauthorization_is_a_patch_with_the_code_and_its_redirect_uri_and_keeps_id_tags_token_and_name()
    {
        var options = Options();
        options.RedirectUri = ReauthorizationCallback.AbsoluteUri;
        var created = await Client().CreateInstanceAsync(await CodeAsync(), "acme-crm", ["tenant-acme", "attempt-1"]);
        var before = _oc.Instances.Single();

        var code = await CodeAsync(options);
        var mark = _oc.RecordedRequests.Count;
        var after = await Instances(options).ReauthorizeAsync(created.Id, code);

        var sent = Assert.Single(Since(mark));
        Assert.Equal("PATCH", sent.Method);
        Assert.Equal(Base + "/instances/" + created.Id, sent.PathAndQuery);
        var body = Json(sent.Body);
        Assert.Equal(["id", "configuration", "providerData"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(created.Id, body.GetProperty("id").GetInt64());
        Assert.Equal(code.Code, body.GetProperty("providerData").GetProperty("code").GetString());
        Assert.Equal(options.RedirectUri, body.GetProperty("configuration").GetProperty("oauth.callback.url").GetString());

        Assert.Equal(created.Id, after.Id);
        Assert.Equal(created.Token, after.Token);
        Assert.Equal("acme-crm", after.Name);
        Assert.Equal(["tenant-acme", "attempt-1"], after.Tags);
        var now = _oc.Instances.Single();
        Assert.Equal(1, now.Reauthorizations);
        Assert.Equal(before.Tags, now.Tags);
        Assert.NotEqual(before.Configuration["oauth.user.token"], now.Configuration["oauth.user.token"]);
        Assert.Equal([created.Id], (await Instances().FindAsync(tags: ["tenant-acme"])).Select(i => i.Id));
        Canary.AssertClean(after.ToString() + string.Join(",", after.Configuration.Values), code.Code, created.Token, now.Configuration["oauth.user.token"]);
    }

    [Fact]
    public async Task Row_18_and_20_disable_and_enable_with_exact_requests_and_a_call_to_a_disabled_instance_is_a_typed_error()
    {
        var instances = Instances();
        var created = await Client().CreateInstanceAsync(await CodeAsync(), "acme-crm", ["tenant-acme"]);
        var handler = instances.CreateElementHandler(created.Token);
        handler.InnerHandler = new SocketsHttpHandler { AllowAutoRedirect = false };
        using var hub = new HttpClient(handler);

        var mark = _oc.RecordedRequests.Count;
        var disabled = await instances.DisableAsync(created.Id);
        Assert.True(disabled.Disabled);
        Assert.Equal(
            [("DELETE", Base + "/instances/" + created.Id + "/enabled"), ("GET", Base + "/instances/" + created.Id)],
            Since(mark).Select(r => (r.Method, r.PathAndQuery)));

        var refused = await Assert.ThrowsAsync<OpenConnectorsException>(() => hub.GetAsync(_oc.PingEndpoint));
        Assert.Equal(HandshakeErrorKind.InstanceDisabled, refused.Kind);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Canary.AssertClean(refused.ToString(), created.Token);

        mark = _oc.RecordedRequests.Count;
        var enabled = await instances.EnableAsync(created.Id);
        Assert.False(enabled.Disabled);
        Assert.Equal("PUT", Since(mark)[0].Method);
        Assert.Equal(Base + "/instances/" + created.Id + "/enabled", Since(mark)[0].PathAndQuery);
        using var ok = await hub.GetAsync(_oc.PingEndpoint);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task A_provider_403_that_does_not_say_disabled_passes_through_the_element_handler()
    {
        await using var server = await ScriptedHttpServer.StartAsync(ScriptedResponse.Json(403, "{\"message\":\"Insufficient scope for contacts\"}"));
        var handler = Instances().CreateElementHandler("instance-token-1", [server.Endpoint("/")]);
        handler.InnerHandler = new SocketsHttpHandler { AllowAutoRedirect = false };
        using var hub = new HttpClient(handler);
        using var response = await hub.GetAsync(server.Endpoint("/hubs/crm/contacts"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Insufficient scope", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Row_19_reauthorizing_an_instance_the_platform_disabled_after_failed_refreshes_enables_it_again()
    {
        var instances = Instances();
        var created = await Client().CreateInstanceAsync(await CodeAsync(), "acme-crm", ["tenant-acme"]);
        _oc.DisableAfterFailedRefreshes(created.Id);
        var stale = await instances.GetAsync(created.Id);
        Assert.True(stale.Disabled);
        Assert.False(stale.Valid);

        var mark = _oc.RecordedRequests.Count;
        var again = await instances.ReauthorizeAsync(created.Id, await CodeAsync());

        Assert.False(again.Disabled);
        Assert.True(again.Valid);
        Assert.Equal(["tenant-acme"], again.Tags);
        Assert.Equal(["PATCH", "PUT", "GET"], Since(mark).Select(r => r.Method));
        Assert.False(_oc.Instances.Single().Disabled);
    }

    [Fact]
    public async Task Row_21_event_settings_on_create_and_update_with_typed_keys_booleans_and_an_object_and_the_signature_key_kept_secret()
    {
        const string SignatureKey = "CANARY-event-signature-5d1";
        var events = new OpenConnectorsEventSettings
        {
            NotificationsEnabled = true,
            CallbackUrl = new Uri("https://app.example.test/events"),
            SignatureKey = SignatureKey,
            VendorType = "polling",
            PollerRefreshIntervalMinutes = 15,
            PollerConfigurationJson = "{\"contacts\":{\"url\":\"/hubs/crm/contacts\",\"idField\":\"id\"}}",
        };
        var mark = _oc.RecordedRequests.Count;
        var created = await Client().CreateInstanceAsync(await CodeAsync(), "acme-crm", ["tenant-acme"], events);

        var configuration = Json(Since(mark).Single(r => r.Method == "POST").Body).GetProperty("configuration");
        Assert.Equal("true", configuration.GetProperty("event.notification.enabled").GetString());
        Assert.Equal("https://app.example.test/events", configuration.GetProperty("event.notification.callback.url").GetString());
        Assert.Equal("polling", configuration.GetProperty("event.vendor.type").GetString());
        Assert.Equal("15", configuration.GetProperty("event.poller.refresh_interval").GetString());
        Assert.Equal(JsonValueKind.Object, configuration.GetProperty("event.poller.configuration").ValueKind);
        Assert.Equal("id", configuration.GetProperty("event.poller.configuration").GetProperty("contacts").GetProperty("idField").GetString());
        Assert.Equal(Canary.ClientSecret, configuration.GetProperty("oauth.api.secret").GetString());
        Assert.Equal(OpenConnectorsInstance.RedactionMarker, created.Configuration["event.notification.signature.key"]);
        Assert.Equal("id", JsonDocument.Parse(_oc.Instances.Single().Configuration["event.poller.configuration"]).RootElement.GetProperty("contacts").GetProperty("idField").GetString());

        mark = _oc.RecordedRequests.Count;
        var updated = await Instances().UpdateEventsAsync(created.Id, new OpenConnectorsEventSettings { NotificationsEnabled = false });
        var patch = Assert.Single(Since(mark));
        Assert.Equal("PATCH", patch.Method);
        Assert.Equal("{\"id\":" + created.Id + ",\"configuration\":{\"event.notification.enabled\":\"false\"}}", patch.Body);
        Assert.Equal("false", _oc.Instances.Single().Configuration["event.notification.enabled"]);
        Assert.Equal("polling", _oc.Instances.Single().Configuration["event.vendor.type"]);

        Assert.DoesNotContain(SignatureKey, events.ToString(), StringComparison.Ordinal);
        var invalid = Assert.Throws<ArgumentException>(() => new OpenConnectorsEventSettings { VendorType = "CANARY-vendor" }.Entries());
        Assert.DoesNotContain("CANARY-vendor", invalid.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new OpenConnectorsEventSettings { PollerConfigurationJson = "[1]" }.Entries());
        Assert.Throws<ArgumentException>(() => new OpenConnectorsEventSettings { CallbackUrl = new Uri("http://events.example.test/") }.Entries());
        Canary.AssertClean(created.ToString() + updated + string.Join(",", created.Configuration.Values) + events, SignatureKey);
    }

    [Fact]
    public async Task Row_22_an_instance_from_tokens_the_application_holds_is_created_with_external_authentication_and_no_code()
    {
        var direct = new InfusionsoftOAuthClient(_http, Canary.Credentials(), new InfusionsoftOAuthClientOptions
        {
            AuthorizationEndpoint = _keap.AuthorizationEndpoint,
            TokenEndpoint = _keap.TokenEndpoint,
        });
        var request = direct.CreateAuthorizationRequest();
        var tokens = await direct.ExchangeCodeAsync(direct.HandleCallback(await Canary.FollowAuthorizeAsync(_http, request.AuthorizationUrl), request));
        var tokenRequests = _keap.TokenRequests;

        var mark = _oc.RecordedRequests.Count;
        var instance = await Instances().CreateFromTokensAsync(tokens, "handed-over", ["tenant-acme"]);

        var post = Assert.Single(Since(mark));
        Assert.Equal(Base + "/instances", post.PathAndQuery);
        var body = Json(post.Body);
        Assert.Equal("initial", body.GetProperty("externalAuthentication").GetString());
        Assert.False(body.TryGetProperty("providerData", out _));
        Assert.Equal(tokens.AccessToken, body.GetProperty("configuration").GetProperty("oauth.user.token").GetString());
        Assert.Equal(tokens.RefreshToken, body.GetProperty("configuration").GetProperty("oauth.user.refresh_token").GetString());
        Assert.Equal("infusionsoftcrm", body.GetProperty("element").GetProperty("key").GetString());
        Assert.Equal(tokenRequests, _keap.TokenRequests); // Open Connectors redeemed nothing.
        Assert.Equal(["tenant-acme"], instance.Tags);
        Assert.Equal(tokens.RefreshToken, _oc.Instances.Single().Configuration["oauth.user.refresh_token"]);
        Assert.Equal(OpenConnectorsInstance.RedactionMarker, instance.Configuration["oauth.user.refresh_token"]);
        Canary.AssertClean(instance.ToString() + string.Join(",", instance.Configuration.Values), tokens.AccessToken, tokens.RefreshToken);

        // A refused hand-over names no token.
        await using var server = await ScriptedHttpServer.StartAsync(ScriptedResponse.Json(400, "{\"message\":\"Invalid token " + tokens.RefreshToken + "\",\"requestId\":\"r-1\"}"));
        var refused = await Assert.ThrowsAsync<OpenConnectorsException>(() =>
            new InfusionsoftOpenConnectorsInstances(_http, server.Endpoint(Base), Canary.UserSecret, Canary.OrganizationSecret, Canary.Credentials()).CreateFromTokensAsync(tokens, "x"));
        Assert.Equal(HandshakeErrorKind.ProtocolError, refused.Kind);
        Canary.AssertClean(refused.ToString(), tokens.AccessToken, tokens.RefreshToken);
    }

    [Fact]
    public async Task Canary_the_new_lifecycle_calls_log_no_secret_code_or_token_through_the_http_client_factory()
    {
        const string SignatureKey = "CANARY-event-signature-9b4";
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddHttpClient("oc").ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        await using var provider = services.BuildServiceProvider();
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient("oc");
        var instances = new InfusionsoftOpenConnectorsInstances(http, _oc.BaseUri, Canary.UserSecret, Canary.OrganizationSecret, Canary.Credentials(), Options());

        var created = await Client().CreateInstanceAsync(await CodeAsync(), "acme-crm", ["tenant-acme"]);
        var code = await CodeAsync();
        await instances.ReauthorizeAsync(created.Id, code);
        await instances.FindAsync(tags: ["tenant-acme"]);
        await instances.FindAsync(tags: ["nobody"]);
        await instances.UpdateEventsAsync(created.Id, new OpenConnectorsEventSettings { SignatureKey = SignatureKey });
        await instances.DisableAsync(created.Id);
        await instances.EnableAsync(created.Id);
        var tokens = new TokenResult("CANARY-handed-access-1", "CANARY-handed-refresh-2", false, "bearer", null, DateTimeOffset.UtcNow, null);
        var handed = await instances.CreateFromTokensAsync(tokens, "handed-over");

        Assert.Contains("/instances", logs.Text, StringComparison.Ordinal);
        var state = _oc.Instances.First(i => i.Id == created.Id);
        Canary.AssertClean(logs.Text, code.Code, created.Token, handed.Token, state.Configuration["oauth.user.token"], state.Configuration["oauth.user.refresh_token"],
            SignatureKey, tokens.AccessToken, tokens.RefreshToken);
    }

    private static async Task<ScriptedHttpServer> OAuthUrlServerAsync(string template) =>
        await ScriptedHttpServer.StartAsync(new ScriptedHttpServerOptions
        {
            Respond = request =>
            {
                var query = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + request.PathAndQuery).Query);
                var url = template.Replace("{client}", Uri.EscapeDataString(query["apiKey"]!))
                                  .Replace("{redirect}", Uri.EscapeDataString(query["callbackUrl"]!))
                                  .Replace("{state}", Uri.EscapeDataString(query["state"]!));
                return ScriptedResponse.Json(200, "{\"element\":\"infusionsoftcrm\",\"oauthUrl\":\"" + url + "\"}");
            },
        });

    private const string Query = "?client_id={client}&redirect_uri={redirect}&response_type=code&scope=full&state={state}";

    [Theory]
    [InlineData("https://signin.infusionsoft.com/app/oauth/authorize")]
    [InlineData("https://accounts.infusionsoft.com/app/oauth/authorize")]
    [InlineData("https://ACCOUNTS.infusionsoft.com/app/oauth/authorize")]
    public async Task Row_4_the_oauth_url_on_an_equivalent_host_of_the_mapping_is_accepted(string page)
    {
        await using var server = await OAuthUrlServerAsync(page + Query);
        var client = new InfusionsoftOpenConnectorsClient(_http, server.Endpoint(Base), Canary.UserSecret, Canary.OrganizationSecret, Canary.Credentials());
        var request = await client.FetchAuthorizationRequestAsync();
        Assert.Equal(page.ToLowerInvariant(), request.AuthorizationUrl.GetLeftPart(UriPartial.Path).ToLowerInvariant());
        Assert.Equal(["accounts.infusionsoft.com"], new InfusionsoftOpenConnectorsClientOptions().AuthorizationHosts);
    }

    [Theory]
    [InlineData("https://evil.example.test/app/oauth/authorize" + Query)]
    [InlineData("http://signin.infusionsoft.com/app/oauth/authorize" + Query)]
    [InlineData("https://signin.infusionsoft.com:8443/app/oauth/authorize" + Query)]
    [InlineData("https://accounts.infusionsoft.com/app/oauth/authorize/elsewhere" + Query)]
    [InlineData("https://accounts.infusionsoft.com.evil.example.test/app/oauth/authorize" + Query)]
    [InlineData("https://accounts.infusionsoft.com/app/oauth/authorize?client_id=attacker&redirect_uri={redirect}&state={state}")]
    [InlineData("https://accounts.infusionsoft.com/app/oauth/authorize?client_id={client}&redirect_uri=https%3A%2F%2Fevil.example.test%2F&state={state}")]
    [InlineData("https://accounts.infusionsoft.com/app/oauth/authorize?client_id={client}&redirect_uri={redirect}&state=other")]
    public async Task Row_4_every_other_check_stays_scheme_port_path_host_client_redirect_and_state(string template)
    {
        await using var server = await OAuthUrlServerAsync(template);
        var client = new InfusionsoftOpenConnectorsClient(_http, server.Endpoint(Base), Canary.UserSecret, Canary.OrganizationSecret, Canary.Credentials());
        var failure = await Assert.ThrowsAsync<OpenConnectorsException>(() => client.FetchAuthorizationRequestAsync());
        Assert.Equal(HandshakeErrorKind.InvalidResponse, failure.Kind);
        Assert.DoesNotContain("evil.example.test", failure.Message, StringComparison.Ordinal);
        Canary.AssertClean(failure.ToString());
    }

    [Fact]
    public async Task Row_4_without_equivalent_hosts_only_the_endpoints_own_host_is_accepted()
    {
        await using var server = await OAuthUrlServerAsync("https://signin.infusionsoft.com/app/oauth/authorize" + Query);
        var options = new InfusionsoftOpenConnectorsClientOptions
        {
            AuthorizationEndpoint = new Uri("https://accounts.infusionsoft.com/app/oauth/authorize"),
            AuthorizationHosts = [],
        };
        var client = new InfusionsoftOpenConnectorsClient(_http, server.Endpoint(Base), Canary.UserSecret, Canary.OrganizationSecret, Canary.Credentials(), options);
        Assert.Equal(HandshakeErrorKind.InvalidResponse, (await Assert.ThrowsAsync<OpenConnectorsException>(() => client.FetchAuthorizationRequestAsync())).Kind);

        options.AuthorizationHosts = ["signin.infusionsoft.com"];
        var accepted = new InfusionsoftOpenConnectorsClient(_http, server.Endpoint(Base), Canary.UserSecret, Canary.OrganizationSecret, Canary.Credentials(), options);
        Assert.Equal("signin.infusionsoft.com", (await accepted.FetchAuthorizationRequestAsync()).AuthorizationUrl.Host);
    }
}
