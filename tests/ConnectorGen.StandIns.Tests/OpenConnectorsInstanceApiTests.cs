using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using static ConnectorGen.StandIns.Tests.KeapFlow;

namespace ConnectorGen.StandIns.Tests;

/// <summary>The instance API's contract: get, list/find, PATCH/PUT, re-authorize, delete, over raw HTTP.</summary>
public sealed class OpenConnectorsInstanceApiTests : IAsyncLifetime
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

    private async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string pathAndQuery, object? body = null, string header = Platform)
    {
        using var request = new HttpRequestMessage(method, new Uri(_oc.BaseUri + pathAndQuery));
        request.Headers.TryAddWithoutValidation("Authorization", header);
        if (body is not null)
        {
            request.Content = new StringContent(body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private static Dictionary<string, string> Configuration() => new()
    {
        ["oauth.api.key"] = ClientId,
        ["oauth.api.secret"] = ClientSecret,
        ["oauth.callback.url"] = RedirectUri.AbsoluteUri,
        ["infusionsoft.private.key"] = "47d9d5aabbccddeeff00112233445566",
    };

    private async Task<long> CreateAsync(string name, params string[] tags)
    {
        var code = await GetCodeAsync(_http, _keap);
        var (status, body) = await SendAsync(HttpMethod.Post, "/instances", new
        {
            element = new { key = "infusionsoftcrm" },
            providerData = new { code },
            configuration = Configuration(),
            tags,
            name,
        });
        Assert.Equal(HttpStatusCode.OK, status);
        return body.GetProperty("id").GetInt64();
    }

    private static string[] Tags(JsonElement instance) => instance.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToArray();

    [Fact]
    public async Task Get_returns_the_instance_and_404_for_unknown_ids()
    {
        var id = await CreateAsync("crm-1", "attempt-a");
        var (status, body) = await SendAsync(HttpMethod.Get, "/instances/" + id);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(id, body.GetProperty("id").GetInt64());
        Assert.Equal("crm-1", body.GetProperty("name").GetString());
        Assert.Equal("infusionsoftcrm", body.GetProperty("element").GetProperty("key").GetString());
        Assert.Equal(["attempt-a"], Tags(body));
        Assert.Equal(Assert.Single(_oc.Instances).Token, body.GetProperty("token").GetString());

        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, "/instances/424242")).Status);
    }

    [Fact]
    public async Task List_finds_by_name_text_and_by_every_given_tag()
    {
        var a = await CreateAsync("Crm Contoso", "tenant-1", "attempt-x");
        var b = await CreateAsync("crm fabrikam", "tenant-2");
        await CreateAsync("other", "tenant-1");

        static long[] Ids(JsonElement list) => list.EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToArray();
        Assert.Equal([a, b], Ids((await SendAsync(HttpMethod.Get, "/instances?searchText=CRM%20")).Body));
        Assert.Equal([a], Ids((await SendAsync(HttpMethod.Get, "/instances?tags[]=attempt-x")).Body));
        Assert.Equal([a], Ids((await SendAsync(HttpMethod.Get, "/instances?tags[]=tenant-1&tags[]=attempt-x")).Body));
        Assert.Equal(3, Ids((await SendAsync(HttpMethod.Get, "/instances")).Body).Length);
        // Verified against row 9: searchText matches the element key too.
        Assert.Equal(3, Ids((await SendAsync(HttpMethod.Get, "/instances?searchText=infusionsoft")).Body).Length);
        // Verified against row 11: nothing found is 404 "No instances found".
        var (status, body) = await SendAsync(HttpMethod.Get, "/instances?tags[]=nope");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("No instances found", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Patch_merges_configuration_replaces_tags_and_keeps_the_rest()
    {
        var id = await CreateAsync("crm-1", "t1", "t2");
        var (status, body) = await SendAsync(HttpMethod.Patch, "/instances/" + id, new
        {
            id,
            tags = new[] { "t3" },
            configuration = new Dictionary<string, string> { ["infusionsoft.server"] = "xy987.infusionsoft.com" },
        });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["t3"], Tags(body));
        Assert.Equal("crm-1", body.GetProperty("name").GetString());

        var now = Assert.Single(_oc.Instances);
        Assert.Equal("xy987.infusionsoft.com", now.Configuration["infusionsoft.server"]);
        Assert.Equal(ClientSecret, now.Configuration["oauth.api.secret"]);
        Assert.True(now.Configuration.ContainsKey("oauth.user.token"));
    }

    [Theory]
    [InlineData("{\"id\": 1}", HttpStatusCode.BadRequest)]
    [InlineData("{\"tags\": \"t\"}", HttpStatusCode.BadRequest)]
    [InlineData("{\"tags\": [1]}", HttpStatusCode.BadRequest)]
    [InlineData("{\"configuration\": []}", HttpStatusCode.BadRequest)]
    [InlineData("{\"configuration\": {\"infusionsoft.server\": [5]}}", HttpStatusCode.BadRequest)]
    [InlineData("{\"configuration\": {\"oauth.user.token\": \"x\"}}", HttpStatusCode.BadRequest)]
    [InlineData("{\"configuration\": {\"oauth.api.secret\": \"\"}}", HttpStatusCode.BadRequest)]
    [InlineData("{\"name\": \"\"}", HttpStatusCode.BadRequest)]
    [InlineData("{\"providerData\": {\"code\": \"c\"}}", HttpStatusCode.BadRequest)]
    [InlineData("[]", HttpStatusCode.BadRequest)]
    [InlineData("not json", HttpStatusCode.BadRequest)]
    public async Task Patch_refuses_what_the_contract_does_not_allow_and_changes_nothing(string json, HttpStatusCode expected)
    {
        var id = await CreateAsync("crm-1", "t1");
        var before = Assert.Single(_oc.Instances);
        var (status, body) = await SendAsync(HttpMethod.Patch, "/instances/" + id, json);
        Assert.Equal(expected, status);
        Assert.False(string.IsNullOrEmpty(body.GetProperty("message").GetString()));
        var after = Assert.Single(_oc.Instances);
        Assert.Equal(before.Name, after.Name);
        Assert.Equal(before.Tags, after.Tags);
        Assert.Equal(before.Configuration, after.Configuration);
    }

    [Fact]
    public async Task Put_replaces_name_and_tags_and_needs_a_name()
    {
        var id = await CreateAsync("crm-1", "t1");
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(HttpMethod.Put, "/instances/" + id, new { tags = new[] { "x" } })).Status);

        var (status, body) = await SendAsync(HttpMethod.Put, "/instances/" + id, new { name = "crm-renamed" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("crm-renamed", body.GetProperty("name").GetString());
        Assert.Empty(Tags(body));
    }

    [Fact]
    public async Task Reauthorize_redeems_the_new_code_and_keeps_the_instance_token()
    {
        var id = await CreateAsync("crm-1");
        var before = Assert.Single(_oc.Instances);

        var code = await GetCodeAsync(_http, _keap);
        var (status, _) = await SendAsync(HttpMethod.Put, "/instances/" + id, new { name = "crm-1", providerData = new { code } });
        Assert.Equal(HttpStatusCode.OK, status);
        var after = Assert.Single(_oc.Instances);
        Assert.Equal(1, after.Reauthorizations);
        Assert.Equal(before.Token, after.Token);
        Assert.NotEqual(before.Configuration["oauth.user.token"], after.Configuration["oauth.user.token"]);

        // The same code again is refused by the provider: the instance keeps the tokens of the good re-authorization.
        var (replay, body) = await SendAsync(HttpMethod.Put, "/instances/" + id, new { name = "crm-2", providerData = new { code } });
        Assert.Equal(HttpStatusCode.BadRequest, replay);
        Assert.Contains("invalid_grant", body.GetProperty("providerMessage").GetString(), StringComparison.Ordinal);
        Assert.Equal(after, Assert.Single(_oc.Instances) with { Configuration = after.Configuration });
        Assert.Equal(after.Configuration["oauth.user.token"], Assert.Single(_oc.Instances).Configuration["oauth.user.token"]);
    }

    [Fact]
    public async Task Delete_removes_the_instance_and_kills_its_element_token()
    {
        var id = await CreateAsync("crm-1");
        var token = Assert.Single(_oc.Instances).Token;
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "/ping", header: Platform + ", Element " + token)).Status);

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Delete, "/instances/" + id)).Status);
        Assert.Empty(_oc.Instances);
        Assert.Equal([id], _oc.DeletedInstanceIds);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, "/instances/" + id)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Delete, "/instances/" + id)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Patch, "/instances/" + id, new { name = "x" })).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(HttpMethod.Get, "/ping", header: Platform + ", Element " + token)).Status);
    }

    [Fact]
    public async Task Every_instance_call_needs_the_platform_header()
    {
        var id = await CreateAsync("crm-1");
        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Patch, HttpMethod.Put, HttpMethod.Delete })
        {
            var (status, _) = await SendAsync(method, "/instances/" + id, method == HttpMethod.Get || method == HttpMethod.Delete ? null : new { name = "x" }, header: "User oc-user-secret-1, Organization wrong");
            Assert.Equal(HttpStatusCode.Unauthorized, status);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(HttpMethod.Get, "/instances", header: "User oc-user-secret-1")).Status);
        Assert.Equal("crm-1", Assert.Single(_oc.Instances).Name);
    }

    [Fact]
    public async Task A_create_that_answers_late_has_still_created_the_instance()
    {
        _oc.CreateResponseDelay = TimeSpan.FromSeconds(30);
        var code = await GetCodeAsync(_http, _keap);
        using var request = new HttpRequestMessage(HttpMethod.Post, _oc.InstancesEndpoint)
        {
            Content = new StringContent(JsonSerializer.Serialize(new
            {
                element = new { key = "infusionsoftcrm" }, providerData = new { code }, configuration = Configuration(), tags = new[] { "attempt-7" }, name = "late",
            }), Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", Platform);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _http.SendAsync(request, timeout.Token));

        _oc.CreateResponseDelay = TimeSpan.Zero;
        var (_, list) = await SendAsync(HttpMethod.Get, "/instances?tags[]=attempt-7");
        Assert.Equal("late", Assert.Single(list.EnumerateArray().ToArray()).GetProperty("name").GetString());
    }
}
