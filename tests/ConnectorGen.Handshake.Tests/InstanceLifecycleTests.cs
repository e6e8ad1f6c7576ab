#pragma warning disable CS1591
using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using ConnectorGen.Generated;
using ConnectorGen.Handshake.Tests.TestSupport;
using ConnectorGen.StandIns;
using Contoso.Connectors;
using Xunit;

namespace ConnectorGen.Handshake.Tests;

/// <summary>Managed mode's instance lifecycle, generated for the Infusionsoft mapping, against the Open Connectors stand-in.</summary>
public sealed class InstanceLifecycleTests : IAsyncLifetime
{
    private KeapAuthorizationServer _keap = null!;
    private OpenConnectorsStandIn _oc = null!;
    private readonly HttpClient _http = Canary.NewHttpClient();

    public async Task InitializeAsync()
    {
        _keap = await KeapAuthorizationServer.StartAsync(Canary.KeapOptions());
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

    private InfusionsoftOpenConnectorsClientOptions Options(TimeSpan? timeout = null) =>
        new() { AuthorizationEndpoint = _keap.AuthorizationEndpoint, Timeout = timeout };

    private InfusionsoftOpenConnectorsClient Client(InfusionsoftCredentials? credentials = null, TimeSpan? timeout = null) =>
        new(_http, _oc.BaseUri, Canary.UserSecret, Canary.OrganizationSecret, credentials ?? Canary.Credentials(), Options(timeout));

    private InfusionsoftOpenConnectorsInstances Instances(InfusionsoftCredentials? credentials = null) =>
        new(_http, _oc.BaseUri, Canary.UserSecret, Canary.OrganizationSecret, credentials ?? Canary.Credentials(), Options());

    private async Task<AuthorizationCode> CodeAsync()
    {
        var client = Client();
        var request = client.CreateAuthorizationRequest();
        return client.HandleCallback(await Canary.FollowAuthorizeAsync(_http, request.AuthorizationUrl), request);
    }

    private async Task<OpenConnectorsInstance> CreateAsync(string name, params string[] tags) =>
        await Client().CreateInstanceAsync(await CodeAsync(), name, tags);

    [Fact]
    public async Task Get_find_update_reauthorize_and_delete_over_loopback()
    {
        var instances = Instances();
        var created = await CreateAsync("acme-crm", "tenant-acme");
        await CreateAsync("other-crm", "tenant-other");

        var got = await instances.GetAsync(created.Id);
        Assert.Equal(created.Id, got.Id);
        Assert.Equal("acme-crm", got.Name);
        Assert.Equal(["tenant-acme"], got.Tags);

        Assert.Equal([created.Id], (await instances.FindAsync(tags: ["tenant-acme"])).Select(i => i.Id));
        Assert.Equal(2, (await instances.FindAsync(searchText: "CRM")).Count);
        Assert.Empty(await instances.FindAsync(tags: ["nobody"]));

        // Update: configuration from the credentials as they are now, tags replaced.
        var changed = Canary.Credentials();
        changed.Server = "xy987.infusionsoft.com";
        var updated = await Instances(changed).UpdateConfigurationAsync(created.Id, tags: ["tenant-acme", "moved"]);
        Assert.Equal(["tenant-acme", "moved"], updated.Tags);
        var recorded = _oc.Instances.Single(i => i.Id == created.Id);
        Assert.Equal("xy987.infusionsoft.com", recorded.Configuration["infusionsoft.server"]);
        Assert.Equal("[redacted]", updated.Configuration["oauth.api.secret"]);

        var renamed = await instances.UpdateAsync(created.Id, name: "acme-crm-2");
        Assert.Equal("acme-crm-2", renamed.Name);
        Assert.Equal(["tenant-acme", "moved"], renamed.Tags);

        // Re-authorize: a new code, same id and token, new provider tokens.
        var before = _oc.Instances.Single(i => i.Id == created.Id);
        var reauthorized = await instances.ReauthorizeAsync(created.Id, await CodeAsync());
        Assert.Equal(created.Id, reauthorized.Id);
        Assert.Equal(["tenant-acme", "moved"], reauthorized.Tags);
        Assert.Equal("acme-crm-2", reauthorized.Name);
        Assert.Equal(created.Token, reauthorized.Token);
        Assert.Equal([created.Id], (await instances.FindAsync(tags: ["tenant-acme"])).Select(i => i.Id));
        var after = _oc.Instances.Single(i => i.Id == created.Id);
        Assert.Equal(1, after.Reauthorizations);
        Assert.Equal(before.Token, after.Token);
        Assert.NotEqual(before.Configuration["oauth.user.token"], after.Configuration["oauth.user.token"]);

        await instances.DeleteAsync(created.Id);
        Assert.Equal([created.Id], _oc.DeletedInstanceIds);
        var missing = await Assert.ThrowsAsync<OpenConnectorsException>(() => instances.GetAsync(created.Id));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HandshakeErrorKind.ProtocolError, missing.Kind);
        Canary.AssertClean(missing.ToString() + reauthorized + updated, before.Token, after.Configuration["oauth.user.token"]);
    }

    [Fact]
    public async Task A_replayed_code_fails_the_reauthorization_and_leaves_the_instance_as_it_was()
    {
        var instances = Instances();
        var created = await CreateAsync("acme-crm");
        var code = await CodeAsync();
        await instances.ReauthorizeAsync(created.Id, code, "acme-crm");
        var good = _oc.Instances.Single();

        var replay = await Assert.ThrowsAsync<OpenConnectorsException>(() => instances.ReauthorizeAsync(created.Id, code, "acme-crm"));
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Contains("invalid_grant", replay.ProviderMessage, StringComparison.Ordinal);
        Assert.Equal(good.Configuration["oauth.user.token"], _oc.Instances.Single().Configuration["oauth.user.token"]);
        Canary.AssertClean(replay.ToString(), code.Code);
    }

    [Fact]
    public async Task Element_handler_authenticates_instance_calls_until_the_instance_is_deleted()
    {
        var instances = Instances();
        var created = await CreateAsync("acme-crm");
        var handler = instances.CreateElementHandler(created.Token);
        handler.InnerHandler = new SocketsHttpHandler { AllowAutoRedirect = false };
        using var hub = new HttpClient(handler);

        using (var ok = await hub.GetAsync(_oc.PingEndpoint))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        await instances.DeleteAsync(created.Id);
        using var gone = await hub.GetAsync(_oc.PingEndpoint);
        Assert.Equal(HttpStatusCode.Unauthorized, gone.StatusCode);
    }

    [Theory]
    [InlineData("elt-7f3a\r\nX-Injected: 1")]
    [InlineData("elt-7f3a, Element other")]
    [InlineData("elt-7f3a\n")]
    [InlineData(" elt-7f3a")]
    [InlineData("elt-7f3a\u00e9")]
    [InlineData("")]
    public void Element_handler_refuses_a_value_that_would_corrupt_the_header_without_naming_it(string token)
    {
        var failure = Assert.Throws<OpenConnectorsException>(() => Instances().CreateElementHandler(token));
        Assert.Equal(HandshakeErrorKind.InvalidConfiguration, failure.Kind);
        if (token.Trim().Length > 0)
        {
            Assert.DoesNotContain(token.Trim(), failure.Message, StringComparison.Ordinal);
        }

        Assert.Throws<OpenConnectorsException>(() =>
            new InfusionsoftOpenConnectorsInstances(_http, _oc.BaseUri, Canary.UserSecret + "\r\n", Canary.OrganizationSecret, Canary.Credentials()).CreateElementHandler("t"));
    }

    [Fact]
    public async Task A_timed_out_create_is_found_by_its_attempt_tag_instead_of_being_retried()
    {
        _oc.CreateResponseDelay = TimeSpan.FromSeconds(20);
        var attempt = InfusionsoftOpenConnectorsInstances.NewAttemptTag();
        var timedOut = await Assert.ThrowsAsync<OpenConnectorsException>(async () =>
            await Client(timeout: TimeSpan.FromSeconds(3)).CreateInstanceAsync(await CodeAsync(), "acme-crm", ["tenant-acme", attempt]));
        Assert.Equal(HandshakeErrorKind.Timeout, timedOut.Kind);
        _oc.CreateResponseDelay = TimeSpan.Zero;

        // Recipe step 3: the create may still be running at the platform; look again after a short wait.
        for (var i = 0; i < 100 && _oc.CreatedInstances.Count == 0; i++)
        {
            await Task.Delay(100);
        }

        var found = Assert.Single(await Instances().FindAsync(tags: [attempt]));
        Assert.Equal("acme-crm", found.Name);
        Assert.Single(_oc.CreatedInstances);
        Assert.NotEqual(InfusionsoftOpenConnectorsInstances.NewAttemptTag(), attempt);
    }
}
