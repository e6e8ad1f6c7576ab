using System.Net;
using System.Text.Json;
using static ConnectorGen.StandIns.Tests.KeapFlow;

namespace ConnectorGen.StandIns.Tests;

public sealed class KeapAuthorizationServerTests
{
    [Fact]
    public async Task Authorization_code_flow_without_pkce_issues_keap_shaped_tokens()
    {
        await using var server = await KeapAuthorizationServer.StartAsync(Options());
        using var http = NewHttpClient();

        Assert.Equal("/app/oauth/authorize", server.AuthorizationEndpoint.AbsolutePath);
        Assert.Equal("/token", server.TokenEndpoint.AbsolutePath);
        Assert.Equal("127.0.0.1", server.BaseUri.Host);

        var code = await GetCodeAsync(http, server);
        var (status, body) = await TokenAsync(http, server, CodeForm(code));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(string.IsNullOrEmpty(body.GetProperty("access_token").GetString()));
        Assert.False(string.IsNullOrEmpty(body.GetProperty("refresh_token").GetString()));
        Assert.Equal("bearer", body.GetProperty("token_type").GetString(), ignoreCase: true);
        Assert.Equal("full|ab123.infusionsoft.com", body.GetProperty("scope").GetString()); // Keap names the tenant host (contract row 9)
        var expiresIn = body.GetProperty("expires_in").GetInt64();
        Assert.InRange(expiresIn, 86_000, 86_400);
        Assert.Equal(1, server.AuthorizationRequests);
        Assert.Equal(1, server.TokenRequests);
        Assert.Equal(1, server.TokenRequestsSucceeded);
        Assert.Equal(["authorization_code"], server.GrantTypes);
    }

    [Fact]
    public async Task Pkce_code_needs_the_matching_verifier()
    {
        await using var server = await KeapAuthorizationServer.StartAsync(Options());
        using var http = NewHttpClient();

        var (verifier, challenge) = NewPkce();
        var code = await GetCodeAsync(http, server, challenge);
        var (wrongStatus, wrongBody) = await TokenAsync(http, server, CodeForm(code, NewPkce().Verifier));
        Assert.Equal(HttpStatusCode.BadRequest, wrongStatus);
        Assert.Equal("invalid_grant", wrongBody.GetProperty("error").GetString());

        var code2 = await GetCodeAsync(http, server, challenge);
        var (missingStatus, missingBody) = await TokenAsync(http, server, CodeForm(code2));
        Assert.Equal(HttpStatusCode.BadRequest, missingStatus);
        Assert.Equal("invalid_request", missingBody.GetProperty("error").GetString());

        var code3 = await GetCodeAsync(http, server, challenge);
        var (okStatus, okBody) = await TokenAsync(http, server, CodeForm(code3, verifier));
        Assert.Equal(HttpStatusCode.OK, okStatus);
        Assert.True(okBody.TryGetProperty("access_token", out _));
    }

    [Fact]
    public async Task Required_pkce_refuses_an_authorization_request_without_a_challenge()
    {
        await using var server = await KeapAuthorizationServer.StartAsync(Options(requirePkce: true));
        using var http = NewHttpClient();

        // OpenIddict answers this one itself (400, no redirect): no code is ever issued.
        using var response = await http.GetAsync(AuthorizeUrl(server.AuthorizationEndpoint, "st-2"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);

        var (_, challenge) = NewPkce();
        var parameters = await AuthorizeAsync(http, AuthorizeUrl(server.AuthorizationEndpoint, "st-3", challenge));
        Assert.True(parameters.ContainsKey("code"));
    }

    [Fact]
    public async Task Refresh_rotates_and_the_old_refresh_token_is_rejected_at_once()
    {
        await using var server = await KeapAuthorizationServer.StartAsync(Options());
        using var http = NewHttpClient();

        var code = await GetCodeAsync(http, server);
        var (_, first) = await TokenAsync(http, server, CodeForm(code));
        var refresh1 = first.GetProperty("refresh_token").GetString()!;

        // Keap's refresh: HTTP Basic client authentication.
        var (status2, second) = await TokenAsync(http, server, RefreshForm(refresh1), basic: true);
        Assert.Equal(HttpStatusCode.OK, status2);
        var refresh2 = second.GetProperty("refresh_token").GetString()!;
        Assert.NotEqual(refresh1, refresh2);
        Assert.NotEqual(first.GetProperty("access_token").GetString(), second.GetProperty("access_token").GetString());
        Assert.Equal("full|ab123.infusionsoft.com", second.GetProperty("scope").GetString()); // contract row 9
        Assert.Equal(1, server.TokenRequestsWithBasicAuthentication);

        // Keap's reported answer to a dead refresh token (contract row 10), not RFC 6749's invalid_grant.
        var (status3, third) = await TokenAsync(http, server, RefreshForm(refresh1), basic: true);
        Assert.Equal(HttpStatusCode.BadRequest, status3);
        Assert.Equal("invalid_request", third.GetProperty("error").GetString());
        Assert.Equal("Invalid Refresh Token", third.GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task Strict_by_default_Basic_on_the_code_exchange_and_the_secret_in_the_body_on_refresh_are_refused()
    {
        // Contract rows 4 and 5: Keap's SDKs send the client in the body for the code and in Basic only for refresh.
        await using var server = await KeapAuthorizationServer.StartAsync(Options());
        using var http = NewHttpClient();

        var (basicExchange, refused) = await TokenAsync(http, server, CodeForm(await GetCodeAsync(http, server)), basic: true);
        Assert.Equal(HttpStatusCode.Unauthorized, basicExchange);
        Assert.Equal("invalid_client", refused.GetProperty("error").GetString());

        var (_, first) = await TokenAsync(http, server, CodeForm(await GetCodeAsync(http, server)));
        var (bodyRefresh, refusedRefresh) = await TokenAsync(http, server, RefreshForm(first.GetProperty("refresh_token").GetString()!));
        Assert.Equal(HttpStatusCode.Unauthorized, bodyRefresh);
        Assert.Equal("invalid_client", refusedRefresh.GetProperty("error").GetString());
        Assert.Equal(2, server.ClientAuthenticationRefused);
        Assert.Equal(1, server.TokenRequestsSucceeded);
    }

    [Fact]
    public async Task Lenient_mode_accepts_either_client_authentication_and_answers_invalid_grant()
    {
        var options = Options();
        options.StrictClientAuthentication = false;
        options.KeapRefreshErrors = false;
        options.TenantHost = null;
        await using var server = await KeapAuthorizationServer.StartAsync(options);
        using var http = NewHttpClient();

        var code = await GetCodeAsync(http, server);
        var (_, first) = await TokenAsync(http, server, CodeForm(code), basic: true);
        var refresh = first.GetProperty("refresh_token").GetString()!;
        var (status, second) = await TokenAsync(http, server, RefreshForm(refresh));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("full", second.GetProperty("scope").GetString());
        var (_, dead) = await TokenAsync(http, server, RefreshForm(refresh));
        Assert.Equal("invalid_grant", dead.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_replayed_code_gets_invalid_grant()
    {
        await using var server = await KeapAuthorizationServer.StartAsync(Options());
        using var http = NewHttpClient();

        var code = await GetCodeAsync(http, server);
        var (first, _) = await TokenAsync(http, server, CodeForm(code));
        Assert.Equal(HttpStatusCode.OK, first);

        var (second, body) = await TokenAsync(http, server, CodeForm(code));
        Assert.Equal(HttpStatusCode.BadRequest, second);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_wrong_client_secret_gets_invalid_client()
    {
        await using var server = await KeapAuthorizationServer.StartAsync(Options());
        using var http = NewHttpClient();

        var code = await GetCodeAsync(http, server);
        var (status, body) = await TokenAsync(http, server, CodeForm(code), secret: "wrong");
        Assert.True(status is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized, status.ToString());
        Assert.Equal("invalid_client", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Denied_consent_redirects_with_access_denied_and_the_state()
    {
        await using var server = await KeapAuthorizationServer.StartAsync(Options());
        using var http = NewHttpClient();

        server.DenyConsent = true;
        var parameters = await AuthorizeAsync(http, AuthorizeUrl(server.AuthorizationEndpoint, "st-deny"));
        Assert.Equal("access_denied", parameters["error"]);
        Assert.Equal("st-deny", parameters["state"]);
        Assert.False(parameters.ContainsKey("code"));

        server.DenyConsent = false;
        var allowed = await AuthorizeAsync(http, AuthorizeUrl(server.AuthorizationEndpoint, "st-ok"));
        Assert.True(allowed.ContainsKey("code"));
    }

    [Fact]
    public async Task An_unregistered_redirect_uri_is_refused_without_redirecting()
    {
        await using var server = await KeapAuthorizationServer.StartAsync(Options());
        using var http = NewHttpClient();

        var url = new Uri(server.AuthorizationEndpoint + "?client_id=" + ClientId +
            "&redirect_uri=" + Uri.EscapeDataString("https://evil.example.test/cb") + "&response_type=code&scope=full&state=x");
        using var response = await http.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Token_errors_are_rfc6749_json()
    {
        await using var server = await KeapAuthorizationServer.StartAsync(Options());
        using var http = NewHttpClient();

        var (status, body) = await TokenAsync(http, server, new Dictionary<string, string> { ["grant_type"] = "password", ["username"] = "u", ["password"] = "p" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("unsupported_grant_type", body.GetProperty("error").GetString());
        Assert.Equal(JsonValueKind.String, body.GetProperty("error_description").ValueKind);
    }
}
