#pragma warning disable CS1591
using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using ConnectorGen.Handshake.Tests.TestSupport;
using ConnectorGen.StandIns;
using ConnectorGen.Generated;
using Contoso.Connectors;
using Xunit;

namespace ConnectorGen.Handshake.Tests;

public sealed class ManagedFlowTests : IAsyncLifetime
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

    private InfusionsoftOpenConnectorsClient Client(InfusionsoftOpenConnectorsClientOptions? options = null)
    {
        options ??= new InfusionsoftOpenConnectorsClientOptions();
        options.AuthorizationEndpoint = _keap.AuthorizationEndpoint;
        return new InfusionsoftOpenConnectorsClient(_http, _oc.BaseUri, Canary.UserSecret, Canary.OrganizationSecret, Canary.Credentials(), options);
    }

    [Fact]
    public async Task Local_authorization_url_then_instance_creation_and_open_connectors_redeems_the_code()
    {
        var client = Client();
        var request = client.CreateAuthorizationRequest();
        Assert.Null(request.CodeVerifier);
        var code = client.HandleCallback(await Canary.FollowAuthorizeAsync(_http, request.AuthorizationUrl), request);

        var instance = await client.CreateInstanceAsync(code, "acme-crm", ["acme", "prod"]);

        Assert.True(instance.Id > 0);
        Assert.Equal("acme-crm", instance.Name);
        Assert.Equal("infusionsoftcrm", instance.ElementKey);
        Assert.Equal("Infusionsoft CRM", instance.ElementName);
        Assert.True(instance.Valid);
        Assert.False(instance.Disabled);
        Assert.NotNull(instance.CreatedDate);
        Assert.Equal(["acme", "prod"], instance.Tags);

        // The token is handed over (it authorizes later calls) but the secrets in the echoed configuration are not.
        var recorded = Assert.Single(_oc.CreatedInstances);
        Assert.Equal(recorded.Token, instance.Token);
        Assert.Equal(Canary.ClientSecret, recorded.Configuration["oauth.api.secret"]);
        Assert.Equal(Canary.EncryptedKey, recorded.Configuration["infusionsoft.private.key"]);
        Assert.Equal("ab123.infusionsoft.com", recorded.Configuration["infusionsoft.server"]);
        Assert.Equal("/elements/api-v2/instances", recorded.Path);

        // The platform masks what it echoes (verified against row 8); the client keeps the mask for plain keys.
        Assert.Equal(OpenConnectorsStandIn.ConfigurationMask, instance.Configuration["oauth.api.key"]);
        Assert.Equal(OpenConnectorsStandIn.ConfigurationMask, instance.Configuration["infusionsoft.server"]);
        foreach (var key in new[] { "oauth.api.secret", "infusionsoft.private.key", "oauth.user.token", "oauth.user.refresh_token" })
        {
            Assert.Equal(OpenConnectorsInstance.RedactionMarker, instance.Configuration[key]);
        }

        var everything = string.Join("\n", instance.Configuration.Select(kv => kv.Key + "=" + kv.Value)) + instance;
        Canary.AssertClean(everything, instance.Token, code.Code, recorded.Configuration["oauth.user.token"], recorded.Configuration["oauth.user.refresh_token"]);

        // Only Open Connectors redeemed the code: exactly one token request, an authorization_code grant.
        Assert.Equal(["authorization_code"], _keap.GrantTypes);

        // The surfaced token authorizes instance calls.
        using var ping = new HttpRequestMessage(HttpMethod.Get, _oc.PingEndpoint);
        ping.Headers.TryAddWithoutValidation("Authorization", "User " + Canary.UserSecret + ", Organization " + Canary.OrganizationSecret + ", Element " + instance.Token);
        using var pong = await _http.SendAsync(ping);
        Assert.Equal(System.Net.HttpStatusCode.OK, pong.StatusCode);
    }

    [Fact]
    public async Task Authorization_url_from_oauth_url_then_element_scoped_instance_creation()
    {
        // The mapping's endpoint, as a user has it: the stand-in answers on signin.infusionsoft.com as the platform does.
        var client = new InfusionsoftOpenConnectorsClient(_http, _oc.BaseUri, Canary.UserSecret, Canary.OrganizationSecret, Canary.Credentials(),
            new InfusionsoftOpenConnectorsClientOptions { UseElementInstancesEndpoint = true });
        var request = await client.FetchAuthorizationRequestAsync();
        Assert.Equal("https://signin.infusionsoft.com/app/oauth/authorize", request.AuthorizationUrl.GetLeftPart(UriPartial.Path));
        Assert.Equal(request.State, DirectFlowTests.KeapQuery(request.AuthorizationUrl)["state"]);

        var callback = (await Canary.FollowAuthorizeAsync(_http, OpenConnectorsStandIn.RouteToProvider(request.AuthorizationUrl, _keap.AuthorizationEndpoint))).AbsoluteUri;
        var code = client.HandleCallback(callback, request);
        var instance = await client.CreateInstanceAsync(code.Code, "acme-2");

        Assert.Equal("infusionsoftcrm", instance.ElementKey);
        Assert.Equal("/elements/api-v2/elements/infusionsoftcrm/instances", Assert.Single(_oc.CreatedInstances).Path);
        // Created without tags: the platform tags the instance with its name (verified against row 5).
        Assert.Equal(["acme-2"], instance.Tags);
    }

    [Fact]
    public async Task A_replayed_code_surfaces_the_provider_message_without_secrets()
    {
        var client = Client();
        var request = client.CreateAuthorizationRequest();
        var code = client.HandleCallback(await Canary.FollowAuthorizeAsync(_http, request.AuthorizationUrl), request);
        await client.CreateInstanceAsync(code, "first");

        var ex = await Assert.ThrowsAsync<OpenConnectorsException>(() => client.CreateInstanceAsync(code, "second"));
        Assert.Equal(HandshakeErrorKind.ProtocolError, ex.Kind);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.False(string.IsNullOrEmpty(ex.RequestId));
        Assert.Contains("invalid_grant", ex.ProviderMessage);
        Canary.AssertClean(ex.ToString(), code.Code);
    }

    [Fact]
    public async Task A_missing_configuration_key_is_named_in_the_exception()
    {
        // The generated credentials cover the mapping; this element also requires a key the mapping lacks, so the
        // stand-in refuses the instance and names the key, as Open Connectors does.
        await using var oc = await OpenConnectorsStandIn.StartAsync(new OpenConnectorsStandInOptions
        {
            UserSecret = Canary.UserSecret,
            OrganizationSecret = Canary.OrganizationSecret,
            ProviderAuthorizationEndpoint = _keap.AuthorizationEndpoint,
            ProviderTokenEndpoint = _keap.TokenEndpoint,
            Elements = [new OpenConnectorsElement(3001, "infusionsoftcrm", "Infusionsoft CRM", ["oauth.api.key", "oauth.api.secret", "oauth.callback.url", "infusionsoft.private.key", "infusionsoft.account.id"], [])],
        });
        var client = new InfusionsoftOpenConnectorsClient(_http, oc.BaseUri, Canary.UserSecret, Canary.OrganizationSecret, Canary.Credentials(),
            new InfusionsoftOpenConnectorsClientOptions { AuthorizationEndpoint = _keap.AuthorizationEndpoint });

        var ex = await Assert.ThrowsAsync<OpenConnectorsException>(() => client.CreateInstanceAsync("some-code-123", "x"));
        Assert.Equal(HandshakeErrorKind.ProtocolError, ex.Kind);
        Assert.Contains("'infusionsoft.account.id'", ex.ServiceMessage);
        Assert.Contains("'infusionsoft.account.id'", ex.Message);
        Canary.AssertClean(ex.ToString(), "some-code-123");
        Assert.Equal(0, _keap.TokenRequests);
    }

    [Fact]
    public async Task Invalid_credentials_are_refused_before_any_request_is_sent()
    {
        var credentials = Canary.Credentials();
        credentials.ClientId = null;
        var client = new InfusionsoftOpenConnectorsClient(_http, _oc.BaseUri, Canary.UserSecret, Canary.OrganizationSecret, credentials,
            new InfusionsoftOpenConnectorsClientOptions { AuthorizationEndpoint = _keap.AuthorizationEndpoint });

        var ex = await Assert.ThrowsAsync<OpenConnectorsException>(() => client.CreateInstanceAsync("some-code-123", "x"));
        Assert.Equal(HandshakeErrorKind.InvalidConfiguration, ex.Kind);
        Assert.Contains("client_id (oauth.api.key) is required.", ex.Message);
        Canary.AssertClean(ex.ToString(), "some-code-123");
        Assert.Empty(_oc.CreatedInstances);
        Assert.Equal(0, _keap.TokenRequests);
    }

    [Fact]
    public void The_retired_Encrypted_Key_no_longer_blocks_a_user_who_has_none()
    {
        var credentials = Canary.Credentials();
        credentials.EncryptedKey = null;
        Assert.Empty(credentials.Validate());
        var client = new InfusionsoftOpenConnectorsClient(_http, _oc.BaseUri, Canary.UserSecret, Canary.OrganizationSecret, credentials,
            new InfusionsoftOpenConnectorsClientOptions { AuthorizationEndpoint = _keap.AuthorizationEndpoint });

        Assert.NotNull(client.CreateAuthorizationRequest().AuthorizationUrl);
        Assert.DoesNotContain("infusionsoft.private.key", credentials.ToOpenConnectorsConfiguration().Keys);
    }

    [Fact]
    public async Task Wrong_platform_secrets_get_a_typed_401()
    {
        var client = new InfusionsoftOpenConnectorsClient(_http, _oc.BaseUri, "CANARY-wrong-user-secret", Canary.OrganizationSecret, Canary.Credentials());
        var ex = await Assert.ThrowsAsync<OpenConnectorsException>(() => client.CreateInstanceAsync("code-xyz-987", "x"));
        Assert.Equal(HandshakeErrorKind.ProtocolError, ex.Kind);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.False(string.IsNullOrEmpty(ex.RequestId));
        Canary.AssertClean(ex.ToString(), "CANARY-wrong-user-secret", "code-xyz-987");
    }

    [Fact]
    public async Task Access_denied_at_the_provider_is_typed_in_managed_mode_too()
    {
        _keap.DenyConsent = true;
        var client = Client();
        var request = client.CreateAuthorizationRequest();
        var callback = await Canary.FollowAuthorizeAsync(_http, request.AuthorizationUrl);
        var ex = Assert.Throws<OAuthException>(() => client.HandleCallback(callback, request));
        Assert.Equal(HandshakeErrorKind.AccessDenied, ex.Kind);
        Assert.Equal("access_denied", ex.Error);
        Assert.Empty(_oc.CreatedInstances);
    }
}
