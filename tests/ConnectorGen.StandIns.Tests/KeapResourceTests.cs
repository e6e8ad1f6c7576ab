using System.Net;
using System.Net.Http.Headers;
using static ConnectorGen.StandIns.Tests.KeapFlow;

namespace ConnectorGen.StandIns.Tests;

/// <summary>The protected resource and the test controls for expiry: what the token lifecycle tests stand on.</summary>
public sealed class KeapResourceTests
{
    private static async Task<HttpStatusCode> GetProfileAsync(HttpClient http, KeapAuthorizationServer keap, string? bearer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, keap.ResourceEndpoint);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        using var response = await http.SendAsync(request);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        }

        return response.StatusCode;
    }

    [Fact]
    public async Task Resource_accepts_live_tokens_only_and_expiry_can_be_driven()
    {
        await using var keap = await KeapAuthorizationServer.StartAsync(Options());
        using var http = NewHttpClient();
        var (_, tokens) = await TokenAsync(http, keap, CodeForm(await GetCodeAsync(http, keap)));
        var access = tokens.GetProperty("access_token").GetString()!;

        Assert.Equal(HttpStatusCode.OK, await GetProfileAsync(http, keap, access));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetProfileAsync(http, keap, null));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetProfileAsync(http, keap, access + "x"));

        keap.ExpireAccessTokens();
        Assert.Equal(HttpStatusCode.Unauthorized, await GetProfileAsync(http, keap, access));

        // The refresh token survives; its rotation gives a live access token, and the old refresh token is dead.
        var refresh = tokens.GetProperty("refresh_token").GetString()!;
        var (status, refreshed) = await TokenAsync(http, keap, RefreshForm(refresh), basic: true);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.OK, await GetProfileAsync(http, keap, refreshed.GetProperty("access_token").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, (await TokenAsync(http, keap, RefreshForm(refresh), basic: true)).Status);
        Assert.Equal(2, keap.RefreshRequests);
        Assert.Equal(5, keap.ResourceRequests);
        Assert.Equal(3, keap.ResourceRequestsRejected);
    }

    [Fact]
    public async Task A_short_access_token_lifetime_expires_on_the_server()
    {
        var options = Options();
        options.AccessTokenLifetime = TimeSpan.FromSeconds(1);
        await using var keap = await KeapAuthorizationServer.StartAsync(options);
        using var http = NewHttpClient();
        var (_, tokens) = await TokenAsync(http, keap, CodeForm(await GetCodeAsync(http, keap)));
        Assert.InRange(tokens.GetProperty("expires_in").GetInt32(), 0, 1);
        var access = tokens.GetProperty("access_token").GetString()!;
        Assert.Equal(HttpStatusCode.OK, await GetProfileAsync(http, keap, access));
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetProfileAsync(http, keap, access));
    }
}
