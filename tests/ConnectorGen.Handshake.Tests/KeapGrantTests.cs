#pragma warning disable CS1591
using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ConnectorGen.Generated;
using ConnectorGen.Handshake.Tests.TestSupport;
using ConnectorGen.StandIns;
using Contoso.Connectors;
using Xunit;

namespace ConnectorGen.Handshake.Tests;

/// <summary>
/// Keap's grants as Keap answers them (the stand-in in its strict default): the dead-refresh answer invalid_request,
/// the tenant host in the scope, the refresh token's age and the keep-alive.
/// </summary>
public sealed class KeapGrantTests : IAsyncLifetime
{
    private const string User = "user-1";
    private readonly HttpClient _http = Canary.NewHttpClient();
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private KeapAuthorizationServer _keap = null!;
    private InfusionsoftOAuthClient _client = null!;

    public async Task InitializeAsync()
    {
        _keap = await KeapAuthorizationServer.StartAsync(Canary.KeapOptions());
        _client = new InfusionsoftOAuthClient(_http, Canary.Credentials(), new InfusionsoftOAuthClientOptions
        {
            AuthorizationEndpoint = _keap.AuthorizationEndpoint,
            TokenEndpoint = _keap.TokenEndpoint,
            TimeProvider = _clock,
        });
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _keap.DisposeAsync();
    }

    private async Task<TokenResult> AuthorizeAsync()
    {
        var request = _client.CreateAuthorizationRequest();
        return await _client.ExchangeCodeAsync(_client.HandleCallback(await Canary.FollowAuthorizeAsync(_http, request.AuthorizationUrl), request));
    }

    [Fact]
    public async Task The_tenant_host_comes_with_the_token_and_is_stored_with_the_refresh_token_age()
    {
        var first = await AuthorizeAsync();
        Assert.Equal("full|ab123.infusionsoft.com", first.Scope);
        Assert.Equal("ab123.infusionsoft.com", first.TenantHost);

        var store = new InMemoryTokenStore();
        var manager = new InfusionsoftAccessTokenManager(_client, store, new AccessTokenManagerOptions { TimeProvider = _clock });
        await manager.SaveGrantAsync(User, first);
        var stored = await store.GetAsync("Infusionsoft:" + User, CancellationToken.None);
        Assert.Equal("ab123.infusionsoft.com", stored!.TenantHost);
        Assert.Equal(_clock.GetUtcNow(), stored.RefreshTokenIssuedAt);
        Canary.AssertClean(stored.ToString(), first.AccessToken, first.RefreshToken);
    }

    [Theory]
    [InlineData("full|ab123.infusionsoft.com", "ab123.infusionsoft.com")]
    [InlineData("full", null)]
    [InlineData("full|", null)]
    [InlineData("full|ab123.infusionsoft.com/x", null)]
    [InlineData(null, null)]
    public void The_tenant_host_is_read_only_from_a_host_name_after_the_pipe(string? scope, string? host) =>
        Assert.Equal(host, TokenResult.ParseTenantHost(scope));

    [Fact]
    public async Task Keaps_dead_refresh_answer_requires_reauthorization_and_the_dead_token_is_not_sent_again()
    {
        var first = await AuthorizeAsync();
        var rotated = await _client.RefreshAsync(first.RefreshToken!);
        Assert.NotEqual(first.RefreshToken, rotated.RefreshToken);

        // The stand-in answers the retired token as Keap is reported to: 400 invalid_request "Invalid Refresh Token".
        var raw = await Assert.ThrowsAsync<OAuthException>(() => _client.RefreshAsync(first.RefreshToken!));
        Assert.Equal("invalid_request", raw.Error);
        Assert.Equal("Invalid Refresh Token", raw.ErrorDescription);

        var store = new InMemoryTokenStore();
        await store.SetAsync("Infusionsoft:" + User, new StoredGrant(first.AccessToken, first.RefreshToken, _clock.GetUtcNow().AddSeconds(-1)), CancellationToken.None);
        var manager = new InfusionsoftAccessTokenManager(_client, store, new AccessTokenManagerOptions { TimeProvider = _clock });
        var refreshes = _keap.RefreshRequests;

        var dead = await Assert.ThrowsAsync<ReauthorizationRequiredException>(async () => await manager.GetAccessTokenAsync(User));
        Assert.Equal(ReauthorizationReason.InvalidGrant, dead.Reason);
        Assert.Contains("invalid_request", dead.Message, StringComparison.Ordinal);
        Assert.Equal(refreshes + 1, _keap.RefreshRequests);

        await Assert.ThrowsAsync<ReauthorizationRequiredException>(async () => await manager.GetAccessTokenAsync(User));
        Assert.Equal(refreshes + 1, _keap.RefreshRequests);
        Canary.AssertClean(dead.ToString(), first.RefreshToken, first.AccessToken, rotated.RefreshToken);
    }

    [Fact]
    public async Task Without_the_mappings_dead_grant_errors_Keaps_answer_would_stay_a_retryable_protocol_error()
    {
        var first = await AuthorizeAsync();
        await _client.RefreshAsync(first.RefreshToken!);
        var store = new InMemoryTokenStore();
        await store.SetAsync("Infusionsoft:" + User, new StoredGrant(first.AccessToken, first.RefreshToken, _clock.GetUtcNow().AddSeconds(-1)), CancellationToken.None);
        var manager = new AccessTokenManager("Infusionsoft", store, _client.RefreshAsync, new AccessTokenManagerOptions { TimeProvider = _clock });

        var error = await Assert.ThrowsAsync<OAuthException>(async () => await manager.GetAccessTokenAsync(User));
        Assert.Equal(HandshakeErrorKind.ProtocolError, error.Kind);
        Assert.Equal(["invalid_grant", "invalid_request"], InfusionsoftOAuthMetadata.DeadGrantErrors);
    }

    [Fact]
    public async Task Keep_alive_refreshes_grants_older_than_the_age_and_leaves_younger_ones()
    {
        var store = new InMemoryTokenStore();
        var manager = new InfusionsoftAccessTokenManager(_client, store, new AccessTokenManagerOptions { TimeProvider = _clock });
        var old = await AuthorizeAsync();
        await manager.SaveGrantAsync("old", old);
        _clock.Now = _clock.Now.AddDays(20);
        var young = await AuthorizeAsync();
        await manager.SaveGrantAsync("young", young);
        _clock.Now = _clock.Now.AddDays(11);
        var refreshes = _keap.RefreshRequests;

        var outcomes = await manager.Tokens.KeepAliveAsync(["old", "young", "missing"], TimeSpan.FromDays(30));

        Assert.Equal([true, false, false], Array.ConvertAll([.. outcomes], o => o.Refreshed));
        Assert.All(outcomes, o => Assert.Null(o.Error));
        Assert.Equal(refreshes + 1, _keap.RefreshRequests);
        var renewed = await store.GetAsync("Infusionsoft:old", CancellationToken.None);
        Assert.NotEqual(old.RefreshToken, renewed!.RefreshToken);
        Assert.Equal(_clock.GetUtcNow(), renewed.RefreshTokenIssuedAt);
        Assert.Equal("ab123.infusionsoft.com", renewed.TenantHost);
    }

    [Fact]
    public async Task A_429_from_the_token_endpoint_is_a_typed_rate_limit_with_its_readings_and_the_grant_stays_alive()
    {
        await using var token = await ScriptedHttpServer.StartAsync(new ScriptedResponse
        {
            StatusCode = 429,
            ContentType = "application/json",
            Body = """{"fault":{"faultstring":"Rate limit quota violation","detail":{"errorcode":"policies.ratelimit.QuotaViolation"}}}""",
            Headers = new System.Collections.Generic.Dictionary<string, string>
            {
                ["Retry-After"] = "7",
                ["x-keap-product-throttle-limit"] = "25",
                ["x-keap-product-throttle-available"] = "0",
                ["x-keap-product-throttle-time-unit"] = "second",
            },
        });
        var client = new InfusionsoftOAuthClient(_http, Canary.Credentials(), new InfusionsoftOAuthClientOptions { TokenEndpoint = token.Endpoint("/token"), TimeProvider = _clock });
        var store = new InMemoryTokenStore();
        const string Refresh = "CANARY-refresh-429";
        await store.SetAsync("Infusionsoft:" + User, new StoredGrant("CANARY-access-429", Refresh, _clock.GetUtcNow().AddSeconds(-1)), CancellationToken.None);
        var manager = new InfusionsoftAccessTokenManager(client, store, new AccessTokenManagerOptions { TimeProvider = _clock });

        var error = await Assert.ThrowsAsync<OAuthException>(async () => await manager.GetAccessTokenAsync(User));

        Assert.Equal(HandshakeErrorKind.RateLimited, error.Kind);
        Assert.Equal(TimeSpan.FromSeconds(7), error.Quota!.RetryAfter);
        var throttle = error.Quota.Find("x-keap-product-throttle")!.Windows[0];
        Assert.Equal((25L, 0L, "second"), (throttle.Limit, throttle.Available, throttle.TimeUnit));
        Canary.AssertClean(error.ToString(), Refresh, "CANARY-access-429");

        // Not a dead grant: the next call presents the same refresh token again.
        await Assert.ThrowsAsync<OAuthException>(async () => await manager.GetAccessTokenAsync(User));
        Assert.Equal(2, token.Requests.Count);
    }

    [Fact]
    public async Task Keep_alive_reports_a_dead_grant_and_goes_on()
    {
        var store = new InMemoryTokenStore();
        var manager = new InfusionsoftAccessTokenManager(_client, store, new AccessTokenManagerOptions { TimeProvider = _clock });
        var first = await AuthorizeAsync();
        await _client.RefreshAsync(first.RefreshToken!);
        await manager.SaveGrantAsync("dead", first);
        await manager.SaveGrantAsync("alive", await AuthorizeAsync());
        _clock.Now = _clock.Now.AddDays(31);

        var outcomes = await manager.Tokens.KeepAliveAsync(["dead", "alive"], TimeSpan.FromDays(30));

        Assert.IsType<ReauthorizationRequiredException>(outcomes[0].Error);
        Assert.True(outcomes[1].Refreshed);
    }
}
