#pragma warning disable CS1591
using System;
using System.Linq;
using System.Threading.Tasks;
using ConnectorGen.Handshake.Tests.TestSupport;
using ConnectorGen.StandIns;
using ConnectorGen.Generated;
using Contoso.Connectors;
using Xunit;

namespace ConnectorGen.Handshake.Tests;

public sealed class DirectFlowTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static InfusionsoftOAuthClientOptions Options(KeapAuthorizationServer keap, bool usePkce, ManualTimeProvider clock) => new()
    {
        AuthorizationEndpoint = keap.AuthorizationEndpoint,
        TokenEndpoint = keap.TokenEndpoint,
        UsePkce = usePkce,
        TimeProvider = clock,
    };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Authorize_callback_exchange_refresh_and_the_old_refresh_token_is_dead(bool usePkce)
    {
        // With PKCE the server requires it, so a client that forgot the challenge or verifier fails here.
        await using var keap = await KeapAuthorizationServer.StartAsync(Canary.KeapOptions(requirePkce: usePkce));
        using var http = Canary.NewHttpClient();
        var clock = new ManualTimeProvider(Now);
        var client = new InfusionsoftOAuthClient(http, Canary.Credentials(), Options(keap, usePkce, clock));

        var request = client.CreateAuthorizationRequest();
        var query = KeapQuery(request.AuthorizationUrl);
        Assert.Equal(Canary.ClientId, query["client_id"]);
        Assert.Equal(Canary.CallbackUrl.AbsoluteUri, query["redirect_uri"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("full", query["scope"]);
        Assert.Equal(request.State, query["state"]);
        Assert.Equal(usePkce, query.ContainsKey("code_challenge"));
        Assert.Equal(usePkce, request.CodeVerifier is not null);
        if (usePkce)
        {
            Assert.Equal("S256", query["code_challenge_method"]);
        }

        var callback = await Canary.FollowAuthorizeAsync(http, request.AuthorizationUrl);
        var code = client.HandleCallback(callback, request);

        var tokens = await client.ExchangeCodeAsync(code);
        Assert.False(string.IsNullOrEmpty(tokens.AccessToken));
        Assert.False(string.IsNullOrEmpty(tokens.RefreshToken));
        Assert.Equal("bearer", tokens.TokenType, ignoreCase: true);
        Assert.Equal("full|ab123.infusionsoft.com", tokens.Scope);
        Assert.Equal(Now, tokens.IssuedAt);
        Assert.InRange(tokens.ExpiresAt!.Value, Now.AddHours(24).AddMinutes(-5), Now.AddHours(24));

        clock.Now = Now.AddHours(23);
        var refreshed = await client.RefreshAsync(tokens.RefreshToken!);
        Assert.True(refreshed.RefreshTokenRotated);
        Assert.NotEqual(tokens.RefreshToken, refreshed.RefreshToken);
        Assert.NotEqual(tokens.AccessToken, refreshed.AccessToken);
        Assert.InRange(refreshed.ExpiresAt!.Value, clock.Now.AddHours(24).AddMinutes(-5), clock.Now.AddHours(24));

        var ex = await Assert.ThrowsAsync<OAuthException>(() => client.RefreshAsync(tokens.RefreshToken!));
        Assert.Equal(HandshakeErrorKind.ProtocolError, ex.Kind);
        Assert.Equal("invalid_request", ex.Error); // Keap's answer to a dead refresh token (docs/handshake.md)
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, ex.StatusCode);
        Canary.AssertClean(ex.ToString(), code.Code, tokens.AccessToken, tokens.RefreshToken, refreshed.RefreshToken, request.State, request.CodeVerifier);

        // Keap's defaults: client credentials in the body for the exchange, HTTP Basic for the refreshes.
        Assert.Equal(["authorization_code", "refresh_token", "refresh_token"], keap.GrantTypes);
        Assert.Equal(2, keap.TokenRequestsWithBasicAuthentication);
        Assert.Equal(2, keap.TokenRequestsSucceeded);
    }

    [Fact]
    public async Task Client_authentication_methods_follow_the_options()
    {
        // Keap itself takes only body/Basic (the stand-in's strict default refuses this): the lenient stand-in shows the options.
        var keapOptions = Canary.KeapOptions();
        keapOptions.StrictClientAuthentication = false;
        await using var keap = await KeapAuthorizationServer.StartAsync(keapOptions);
        using var http = Canary.NewHttpClient();
        var options = Options(keap, false, new ManualTimeProvider(Now));
        options.CodeExchangeUsesBasicAuthentication = true;
        options.RefreshUsesBasicAuthentication = false;
        var client = new InfusionsoftOAuthClient(http, Canary.Credentials(), options);

        var request = client.CreateAuthorizationRequest();
        var code = client.HandleCallback((await Canary.FollowAuthorizeAsync(http, request.AuthorizationUrl)).Query, request);
        var tokens = await client.ExchangeCodeAsync(code);
        await client.RefreshAsync(tokens.RefreshToken!);

        Assert.Equal(1, keap.TokenRequestsWithBasicAuthentication);
        Assert.Equal(2, keap.TokenRequestsSucceeded);
    }

    [Fact]
    public void Each_request_has_a_fresh_256_bit_state_and_verifier_and_prints_neither()
    {
        using var http = Canary.NewHttpClient();
        var client = new InfusionsoftOAuthClient(http, Canary.Credentials(), new InfusionsoftOAuthClientOptions { UsePkce = true });

        var requests = Enumerable.Range(0, 50).Select(_ => client.CreateAuthorizationRequest()).ToList();
        Assert.Equal(50, requests.Select(r => r.State).Distinct().Count());
        Assert.All(requests, r =>
        {
            Assert.Equal(43, r.State.Length); // 32 bytes, base64url without padding
            Assert.Equal(43, r.CodeVerifier!.Length);
            Assert.Matches("^[A-Za-z0-9_-]+$", r.State);
            Assert.Equal("https://signin.infusionsoft.com/app/oauth/authorize", r.AuthorizationUrl.GetLeftPart(UriPartial.Path));
            Canary.AssertClean(r.ToString(), r.State, r.CodeVerifier);
        });
    }

    [Fact]
    public async Task Token_results_and_codes_print_no_secret()
    {
        await using var keap = await KeapAuthorizationServer.StartAsync(Canary.KeapOptions());
        using var http = Canary.NewHttpClient();
        var client = new InfusionsoftOAuthClient(http, Canary.Credentials(), Options(keap, true, new ManualTimeProvider(Now)));

        var request = client.CreateAuthorizationRequest();
        var code = client.HandleCallback(await Canary.FollowAuthorizeAsync(http, request.AuthorizationUrl), request);
        var tokens = await client.ExchangeCodeAsync(code);

        Canary.AssertClean(code.ToString(), code.Code, code.CodeVerifier);
        Canary.AssertClean(tokens.ToString(), tokens.AccessToken, tokens.RefreshToken);
        Assert.Contains("[redacted]", tokens.ToString());
    }

    internal static System.Collections.Generic.Dictionary<string, string> KeapQuery(Uri uri) =>
        uri.Query.TrimStart('?').Split('&')
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p[1]));
}
