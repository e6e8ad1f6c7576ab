#pragma warning disable CS1591
using System;
using System.Net.Http;
using System.Threading.Tasks;
using ConnectorGen.Handshake.Tests.TestSupport;
using ConnectorGen.StandIns;
using ConnectorGen.Generated;
using Contoso.Connectors;
using Xunit;
using Xunit.Abstractions;

namespace ConnectorGen.Handshake.Tests;

public sealed class CallbackFaultTests(ITestOutputHelper output)
{
    private readonly CapturedOutput _output = new(output);

    private static InfusionsoftOAuthClient NewClient(HttpClient http, KeapAuthorizationServer? keap = null) =>
        new(http, Canary.Credentials(), keap is null
            ? new InfusionsoftOAuthClientOptions { UsePkce = true }
            : new InfusionsoftOAuthClientOptions { AuthorizationEndpoint = keap.AuthorizationEndpoint, TokenEndpoint = keap.TokenEndpoint, UsePkce = true });

    private void Check(OAuthException ex, HandshakeErrorKind kind, AuthorizationRequest request, params string?[] more)
    {
        _output.WriteLine(ex.ToString());
        Assert.Equal(kind, ex.Kind);
        Canary.AssertClean(ex.ToString(), [request.State, request.CodeVerifier, .. more]);
        Canary.AssertClean(_output.Text, [request.State, request.CodeVerifier, .. more]);
    }

    [Fact]
    public async Task State_mismatch_is_refused()
    {
        await using var keap = await KeapAuthorizationServer.StartAsync(Canary.KeapOptions());
        using var http = Canary.NewHttpClient();
        var client = NewClient(http, keap);
        var mine = client.CreateAuthorizationRequest();
        var theirs = client.CreateAuthorizationRequest();

        // A real callback, but for another authorization request (a forged or crossed callback).
        var callback = await Canary.FollowAuthorizeAsync(http, theirs.AuthorizationUrl);
        var code = DirectFlowTests.KeapQuery(callback)["code"];
        var ex = Assert.Throws<OAuthException>(() => client.HandleCallback(callback, mine));
        Check(ex, HandshakeErrorKind.StateMismatch, mine, theirs.State, code);
    }

    [Theory]
    [InlineData("code=CANARY-code-1")]
    [InlineData("code=CANARY-code-1&state=")]
    [InlineData("?code=CANARY-code-1&state=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("error=access_denied")]
    public void Missing_or_wrong_state_is_refused_even_with_an_error(string query)
    {
        using var http = Canary.NewHttpClient();
        var client = NewClient(http);
        var request = client.CreateAuthorizationRequest();
        var ex = Assert.Throws<OAuthException>(() => client.HandleCallback(query, request));
        Check(ex, HandshakeErrorKind.StateMismatch, request, "CANARY-code-1");
    }

    [Fact]
    public void A_repeated_parameter_is_refused()
    {
        using var http = Canary.NewHttpClient();
        var client = NewClient(http);
        var request = client.CreateAuthorizationRequest();
        var ex = Assert.Throws<OAuthException>(() =>
            client.HandleCallback("code=CANARY-code-1&state=" + request.State + "&code=CANARY-code-2", request));
        Check(ex, HandshakeErrorKind.InvalidResponse, request, "CANARY-code-1", "CANARY-code-2");
    }

    [Fact]
    public void Missing_code_is_refused()
    {
        using var http = Canary.NewHttpClient();
        var client = NewClient(http);
        var request = client.CreateAuthorizationRequest();
        var ex = Assert.Throws<OAuthException>(() => client.HandleCallback("https://app.example.test/cb?state=" + request.State, request));
        Check(ex, HandshakeErrorKind.MissingCode, request);
    }

    [Fact]
    public void Another_error_is_an_authorization_error_with_a_scrubbed_description()
    {
        using var http = Canary.NewHttpClient();
        var client = NewClient(http);
        var request = client.CreateAuthorizationRequest();
        var ex = Assert.Throws<OAuthException>(() =>
            client.HandleCallback("state=" + request.State + "&error=invalid_scope&error_description=scope+bad+" + request.State, request));
        Check(ex, HandshakeErrorKind.AuthorizationError, request);
        Assert.Equal("invalid_scope", ex.Error);
        Assert.Equal("scope bad [redacted]", ex.ErrorDescription);
    }

    [Fact]
    public async Task Access_denied_from_the_real_server_is_typed()
    {
        await using var keap = await KeapAuthorizationServer.StartAsync(Canary.KeapOptions());
        keap.DenyConsent = true;
        using var http = Canary.NewHttpClient();
        var client = NewClient(http, keap);
        var request = client.CreateAuthorizationRequest();
        var callback = await Canary.FollowAuthorizeAsync(http, request.AuthorizationUrl);

        var ex = Assert.Throws<OAuthException>(() => client.HandleCallback(callback, request));
        Check(ex, HandshakeErrorKind.AccessDenied, request);
        Assert.Equal("access_denied", ex.Error);
        Assert.Null(ex.StatusCode);
        Assert.Equal(0, keap.TokenRequests);
    }

    [Fact]
    public async Task A_replayed_code_is_invalid_grant_from_the_real_server()
    {
        await using var keap = await KeapAuthorizationServer.StartAsync(Canary.KeapOptions());
        using var http = Canary.NewHttpClient();
        var client = NewClient(http, keap);
        var request = client.CreateAuthorizationRequest();
        var code = client.HandleCallback(await Canary.FollowAuthorizeAsync(http, request.AuthorizationUrl), request);
        var tokens = await client.ExchangeCodeAsync(code);

        var ex = await Assert.ThrowsAsync<OAuthException>(() => client.ExchangeCodeAsync(code));
        Check(ex, HandshakeErrorKind.ProtocolError, request, code.Code, tokens.AccessToken, tokens.RefreshToken);
        Assert.Equal("invalid_grant", ex.Error);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, ex.StatusCode);
    }
}
