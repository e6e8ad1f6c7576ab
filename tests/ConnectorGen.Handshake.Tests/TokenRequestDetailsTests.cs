#pragma warning disable CS1591
using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ConnectorGen.Handshake.Tests.TestSupport;
using ConnectorGen.StandIns;
using Contoso.Connectors;
using Xunit;

namespace ConnectorGen.Handshake.Tests;

public sealed class TokenRequestDetailsTests
{
    private static InfusionsoftOAuthClient Client(HttpClient http, Uri tokenEndpoint, InfusionsoftCredentials credentials, TimeProvider? clock = null) =>
        new(http, credentials, new InfusionsoftOAuthClientOptions { TokenEndpoint = tokenEndpoint, TimeProvider = clock ?? TimeProvider.System });

    [Fact]
    public async Task Basic_client_credentials_are_form_encoded_before_base64()
    {
        await using var server = await ScriptedHttpServer.StartAsync(ScriptedResponse.Json(200, "{\"access_token\":\"a\",\"token_type\":\"bearer\",\"refresh_token\":\"r2\"}"));
        using var http = Canary.NewHttpClient();
        var credentials = Canary.Credentials();
        credentials.ClientId = "id:with space";
        credentials.ClientSecret = "s%+/é";
        await Client(http, server.Endpoint("/token"), credentials).RefreshAsync("r1");

        var request = Assert.Single(server.Requests);
        var header = request.Headers["Authorization"];
        Assert.StartsWith("Basic ", header);
        var decoded = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(header.Substring(6)));
        Assert.Equal("id%3Awith%20space:s%25%2B%2F%C3%A9", decoded);
        Assert.DoesNotContain("client_secret", request.Body);
        Assert.Equal("grant_type=refresh_token&refresh_token=r1", request.Body);
    }

    [Theory]
    [InlineData("{\"access_token\":\"a\",\"token_type\":\"bearer\",\"expires_in\":\"3600\"}", 3600)]
    [InlineData("{\"access_token\":\"a\",\"token_type\":\"bearer\",\"expires_in\":60}", 60)]
    [InlineData("{\"access_token\":\"a\",\"token_type\":\"bearer\"}", null)]
    [InlineData("{\"access_token\":\"a\",\"token_type\":\"bearer\",\"expires_in\":null}", null)]
    public async Task Expiry_is_absolute_from_the_clock(string body, int? seconds)
    {
        await using var server = await ScriptedHttpServer.StartAsync(ScriptedResponse.Json(200, body));
        using var http = Canary.NewHttpClient();
        var now = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var result = await Client(http, server.Endpoint("/token"), Canary.Credentials(), new ManualTimeProvider(now)).RefreshAsync("r1");

        Assert.Equal(seconds is int s ? now.AddSeconds(s) : null, result.ExpiresAt);
        Assert.Equal("bearer", result.TokenType);
        // No new refresh token in the answer: the presented one stays current (RFC 6749 section 6).
        Assert.False(result.RefreshTokenRotated);
        Assert.Equal("r1", result.RefreshToken);
    }

    [Theory]
    [InlineData("com.example.app://oauth/callback?code=the-code&state={state}")]
    [InlineData("https://app.example.test/cb?state={state}&code=the-code&scope=full")]
    [InlineData("?code=the-code&state={state}")]
    [InlineData("code=the-code&state={state}")]
    public void A_callback_is_accepted_as_any_url_or_as_a_query_string(string callback)
    {
        using var http = Canary.NewHttpClient();
        var client = new InfusionsoftOAuthClient(http, Canary.Credentials());
        var request = client.CreateAuthorizationRequest();
        var code = client.HandleCallback(callback.Replace("{state}", Uri.EscapeDataString(request.State)), request);
        Assert.Equal("the-code", code.Code);
        Assert.Equal(Canary.CallbackUrl.AbsoluteUri, code.RedirectUri);
    }
}
