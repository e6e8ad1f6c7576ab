#pragma warning disable CS1591
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using ConnectorGen.Handshake.Tests.TestSupport;
using ConnectorGen.StandIns;
using ConnectorGen.Generated;
using Contoso.Connectors;
using Xunit;
using Xunit.Abstractions;

namespace ConnectorGen.Handshake.Tests.Hardening;

/// <summary>
/// Regression tests for the Open Connectors client's defects of the 2026-12-02 security review (issue 10), over loopback
/// against the stand-ins. Each test name starts with the defect's class; each failed on the templates from before the fixes.
/// </summary>
public sealed class ManagedHardeningTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly Uri OtherCallback = new("https://app.example.test/infusionsoft/other-callback");
    private readonly CapturedOutput _output = new(output);
    private readonly HttpClient _http = Canary.NewHttpClient();
    private KeapAuthorizationServer _keap = null!;
    private OpenConnectorsStandIn _oc = null!;

    public async Task InitializeAsync()
    {
        var keap = new KeapAuthorizationServerOptions();
        keap.Clients.Add(new KeapClientRegistration(Canary.ClientId, Canary.ClientSecret, [Canary.CallbackUrl, OtherCallback]));
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

    private T Clean<T>(T exception, params string?[] more)
        where T : Exception
    {
        _output.WriteLine(exception.ToString());
        Canary.AssertClean(exception.ToString(), more);
        Canary.AssertClean(_output.Text, more);
        return exception;
    }

    // Defect 2: the platform secrets went into the Authorization header unchecked (CR/LF, trailing newline, ", Element x").
    [Theory]
    [InlineData("CANARY-oc-user-secret-31c\r\nX-Injected: 1", true)]
    [InlineData("CANARY-oc-user-secret-31c\n", true)]
    [InlineData("CANARY-oc-user-secret-31c, Element CANARY-stolen-token", true)]
    [InlineData("CANARY-oc-user secret-31c", true)]
    [InlineData("CANARY-oc-org-secret-8e2\r\n", false)]
    [InlineData("CANARY-oc-org-secret-8e2,Element x", false)]
    public async Task Header_injection__platform_secrets_that_cannot_go_into_the_header_are_refused_before_sending(string secret, bool isUserSecret)
    {
        var counting = new CountingHandler(new SocketsHttpHandler { AllowAutoRedirect = false });
        using var http = new HttpClient(counting);
        var ex = await HardeningSupport.AtConstructionOrCall(
            () => new InfusionsoftOpenConnectorsClient(http, _oc.BaseUri, isUserSecret ? secret : Canary.UserSecret, isUserSecret ? Canary.OrganizationSecret : secret, Canary.Credentials()),
            client => client.CreateInstanceAsync("CANARY-code-hdr-1", "x"));
        var typed = Assert.IsType<OpenConnectorsException>(ex);
        Assert.Equal(HandshakeErrorKind.InvalidConfiguration, Clean(typed, secret, secret.Trim(), "CANARY-stolen-token", "CANARY-code-hdr-1").Kind);
        Assert.Contains(isUserSecret ? "user secret" : "organization secret", typed.Message);
        Assert.Equal(0, counting.Count);
    }

    // Defect 3: a custom RedirectUri was used in the authorize URL but the instance was created with the credentials'
    // oauth.callback.url, so Open Connectors redeemed the code with another redirect_uri (invalid_grant).
    [Fact]
    public async Task Redirect_uri_consistency__a_custom_redirect_uri_is_the_one_open_connectors_redeems_with()
    {
        var client = new InfusionsoftOpenConnectorsClient(_http, _oc.BaseUri, Canary.UserSecret, Canary.OrganizationSecret, Canary.Credentials(),
            new InfusionsoftOpenConnectorsClientOptions { AuthorizationEndpoint = _keap.AuthorizationEndpoint, RedirectUri = OtherCallback.AbsoluteUri });
        var request = client.CreateAuthorizationRequest();
        using var consent = await _http.GetAsync(request.AuthorizationUrl);
        Assert.Equal(HttpStatusCode.Found, consent.StatusCode);
        var callback = consent.Headers.Location!;
        Assert.StartsWith(OtherCallback.AbsoluteUri, callback.AbsoluteUri, StringComparison.Ordinal);
        var code = client.HandleCallback(callback, request);

        var instance = await client.CreateInstanceAsync(code, "custom-redirect");

        Assert.True(instance.Valid);
        Assert.Equal(OtherCallback.AbsoluteUri, Assert.Single(_oc.CreatedInstances).Configuration["oauth.callback.url"]);
        Assert.Equal(["authorization_code"], _keap.GrantTypes);
    }

    // Defect 10: the oauthUrl from Open Connectors was checked only for HTTPS and state.
    public static TheoryData<string> ForeignOAuthUrls() =>
    [
        "https://evil.example.test/app/oauth/authorize?client_id={client}&redirect_uri={redirect}&response_type=code&state={state}",
        "https://accounts.infusionsoft.com/elsewhere?client_id={client}&redirect_uri={redirect}&response_type=code&state={state}",
        "https://accounts.infusionsoft.com/app/oauth/authorize?client_id=attacker-client&redirect_uri={redirect}&response_type=code&state={state}",
        "https://accounts.infusionsoft.com/app/oauth/authorize?client_id={client}&redirect_uri=https%3A%2F%2Fevil.example.test%2Fcb&response_type=code&state={state}",
        "https://accounts.infusionsoft.com/app/oauth/authorize?redirect_uri={redirect}&response_type=code&state={state}",
        "https://accounts.infusionsoft.com/app/oauth/authorize?client_id={client}&response_type=code&state={state}",
        // Review 2026-12-03 L7: the implicit flow, and a scope beyond the requested "full", were accepted.
        "https://accounts.infusionsoft.com/app/oauth/authorize?client_id={client}&redirect_uri={redirect}&response_type=token&scope=full&state={state}",
        "https://accounts.infusionsoft.com/app/oauth/authorize?client_id={client}&redirect_uri={redirect}&response_type=code&scope=full+admin&state={state}",
    ];

    [Theory]
    [MemberData(nameof(ForeignOAuthUrls))]
    public async Task Oauth_url_validation__another_host_path_client_or_redirect_uri_is_refused(string template)
    {
        await using var server = await ScriptedHttpServer.StartAsync(new ScriptedHttpServerOptions
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
        var client = new InfusionsoftOpenConnectorsClient(_http, server.Endpoint("/elements/api-v2"), Canary.UserSecret, Canary.OrganizationSecret, Canary.Credentials());
        var ex = await Assert.ThrowsAsync<OpenConnectorsException>(() => client.FetchAuthorizationRequestAsync());
        Assert.Equal(HandshakeErrorKind.InvalidResponse, Clean(ex).Kind);
        Assert.DoesNotContain("evil.example.test", ex.Message);
    }

    // Defect 11: invalid credentials threw InvalidOperationException, and only after the user had consented.
    [Fact]
    public async Task Typed_failures__invalid_credentials_are_refused_before_consent_and_at_instance_creation_with_a_typed_error()
    {
        var credentials = Canary.Credentials();
        credentials.ClientId = null;
        var client = new InfusionsoftOpenConnectorsClient(_http, _oc.BaseUri, Canary.UserSecret, Canary.OrganizationSecret, credentials,
            new InfusionsoftOpenConnectorsClientOptions { AuthorizationEndpoint = _keap.AuthorizationEndpoint });

        var before = Assert.Throws<OAuthException>(() => client.CreateAuthorizationRequest());
        Assert.Equal(HandshakeErrorKind.InvalidConfiguration, Clean(before).Kind);
        Assert.Contains("client_id (oauth.api.key) is required.", before.Message);

        var fetch = await Assert.ThrowsAsync<OpenConnectorsException>(() => client.FetchAuthorizationRequestAsync());
        Assert.Equal(HandshakeErrorKind.InvalidConfiguration, Clean(fetch).Kind);

        var create = await Assert.ThrowsAsync<OpenConnectorsException>(() => client.CreateInstanceAsync("CANARY-code-cred-2", "x"));
        Assert.Equal(HandshakeErrorKind.InvalidConfiguration, Clean(create, "CANARY-code-cred-2").Kind);
        Assert.Contains("client_id (oauth.api.key) is required.", create.Message);
        Assert.Empty(_oc.CreatedInstances);
        Assert.Equal(0, _keap.TokenRequests);
    }

    public static TheoryData<string> BadManagedOptions() => ["null authorization endpoint", "negative timeout", "zero cap", "null scopes", "null element key"];

    [Theory]
    [MemberData(nameof(BadManagedOptions))]
    public async Task Typed_failures__unusable_managed_options_are_a_typed_error(string what)
    {
        var options = new InfusionsoftOpenConnectorsClientOptions();
        switch (what)
        {
            case "null authorization endpoint": options.AuthorizationEndpoint = null!; break;
            case "negative timeout": options.Timeout = TimeSpan.FromMilliseconds(-5); break;
            case "zero cap": options.MaxResponseBytes = 0; break;
            case "null scopes": options.Scopes = null!; break;
            case "null element key": options.ElementKey = null!; break;
        }

        var ex = await HardeningSupport.AtConstructionOrCall(
            () => new InfusionsoftOpenConnectorsClient(_http, _oc.BaseUri, Canary.UserSecret, Canary.OrganizationSecret, Canary.Credentials(), options),
            async client =>
            {
                client.CreateAuthorizationRequest();
                await client.FetchAuthorizationRequestAsync();
                await client.CreateInstanceAsync("CANARY-code-opt-3", "x");
            });
        var typed = Assert.IsAssignableFrom<HandshakeException>(ex);
        Assert.Contains(typed.Kind, new[] { HandshakeErrorKind.InvalidConfiguration, HandshakeErrorKind.InsecureEndpoint });
        Clean(typed, "CANARY-code-opt-3");
        Assert.Empty(_oc.CreatedInstances);
    }
}
