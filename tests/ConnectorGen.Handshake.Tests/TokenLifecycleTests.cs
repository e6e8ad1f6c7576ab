#pragma warning disable CS1591
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ConnectorGen.Generated;
using ConnectorGen.Handshake.Tests.TestSupport;
using ConnectorGen.StandIns;
using Contoso.Connectors;
using Xunit;

namespace ConnectorGen.Handshake.Tests;

/// <summary>Direct mode's token lifecycle, generated for the Infusionsoft mapping, against the Keap stand-in.</summary>
public sealed class TokenLifecycleTests : IAsyncLifetime
{
    private const string User = "user-1";
    private const string StoreKey = "Infusionsoft:" + User;
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly HttpClient _http = Canary.NewHttpClient();
    private readonly ManualTimeProvider _clock = new(Now);
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
        var code = _client.HandleCallback(await Canary.FollowAuthorizeAsync(_http, request.AuthorizationUrl), request);
        return await _client.ExchangeCodeAsync(code);
    }

    private async Task<(InfusionsoftAccessTokenManager Manager, TokenResult First)> ConnectedAsync(ITokenStore store)
    {
        var manager = new InfusionsoftAccessTokenManager(_client, store, new AccessTokenManagerOptions { TimeProvider = _clock });
        var first = await AuthorizeAsync();
        await manager.SaveGrantAsync(User, first);
        return (manager, first);
    }

    private static HttpClient Api(AccessTokenHandler handler)
    {
        handler.InnerHandler = new SocketsHttpHandler { AllowAutoRedirect = false };
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
    }

    private void PastRefreshPoint(TokenResult tokens) => _clock.Now = tokens.ExpiresAt!.Value.AddSeconds(-30);

    [Fact]
    public async Task A_fresh_token_comes_from_memory_with_no_store_read_and_no_refresh()
    {
        var store = new RecordingStore();
        var (manager, first) = await ConnectedAsync(store);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(first.AccessToken, await manager.GetAccessTokenAsync(User));
        }

        Assert.Equal(0, store.Reads);
        Assert.Equal(0, _keap.RefreshRequests);
    }

    [Fact]
    public async Task Ahead_of_expiry_the_token_is_refreshed_and_the_rotated_refresh_token_is_saved_before_it_is_returned()
    {
        var store = new RecordingStore();
        var (manager, first) = await ConnectedAsync(store);
        store.OnSet = grant => Assert.Equal(0, store.Returned); // nothing handed out before the save
        PastRefreshPoint(first);

        var access = await manager.GetAccessTokenAsync(User);
        store.Returned++;

        Assert.NotEqual(first.AccessToken, access);
        Assert.Equal(1, _keap.RefreshRequests);
        var saved = store.Current(StoreKey)!;
        Assert.Equal(access, saved.AccessToken);
        Assert.NotEqual(first.RefreshToken, saved.RefreshToken);

        // The presented refresh token is dead (Keap rotates), the saved one is the live one.
        var dead = await Assert.ThrowsAsync<OAuthException>(() => _client.RefreshAsync(first.RefreshToken!));
        Assert.Equal("invalid_request", dead.Error); // Keap's answer (the stand-in is strict by default)
        Assert.Equal(access, await manager.GetAccessTokenAsync(User));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(100)]
    public async Task Concurrent_callers_at_expiry_share_exactly_one_refresh_and_all_get_the_new_token(int callers)
    {
        var (manager, first) = await ConnectedAsync(new RecordingStore());
        _keap.TokenResponseDelay = TimeSpan.FromMilliseconds(300);
        PastRefreshPoint(first);

        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await manager.GetAccessTokenAsync(User);
        })).ToArray();
        start.Set();
        var tokens = await Task.WhenAll(tasks);

        Assert.Equal(1, _keap.RefreshRequests);
        var only = Assert.Single(tokens.Distinct());
        Assert.NotEqual(first.AccessToken, only);
    }

    [Fact]
    public async Task A_store_that_fails_mid_rotation_loses_nothing_and_the_next_call_saves_before_anything_else()
    {
        var store = new RecordingStore();
        var (manager, first) = await ConnectedAsync(store);
        PastRefreshPoint(first);
        store.FailSets = 1;

        var failure = await Assert.ThrowsAsync<TokenStoreException>(() => manager.GetAccessTokenAsync(User).AsTask());
        Assert.True(failure.GrantKeptInMemory);
        Assert.Equal(HandshakeErrorKind.TokenStoreFailure, failure.Kind);
        Assert.Equal(1, _keap.RefreshRequests);
        Assert.Equal(first.RefreshToken, store.Current(StoreKey)!.RefreshToken); // the store still has the dead one

        // Store back: the kept grant is saved first, and served without a second refresh (which would use the dead token).
        var access = await manager.GetAccessTokenAsync(User);
        Assert.Equal(1, _keap.RefreshRequests);
        Assert.Equal(access, store.Current(StoreKey)!.AccessToken);
        Assert.NotEqual(first.RefreshToken, store.Current(StoreKey)!.RefreshToken);

        // And the saved refresh token is the live one: the next refresh succeeds.
        _clock.Now = Now.AddDays(2);
        Assert.NotEqual(access, await manager.GetAccessTokenAsync(User));
        Assert.Equal(2, _keap.RefreshRequests);
        Assert.Equal(3, _keap.TokenRequestsSucceeded);
        Canary.AssertClean(failure.ToString(), first.AccessToken, first.RefreshToken, access);
    }

    [Fact]
    public async Task A_caller_that_cancels_does_not_abandon_the_rotation()
    {
        var store = new RecordingStore();
        var (manager, first) = await ConnectedAsync(store);
        _keap.TokenResponseDelay = TimeSpan.FromMilliseconds(500);
        PastRefreshPoint(first);

        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => manager.GetAccessTokenAsync(User, cancel.Token).AsTask());

        var access = await manager.GetAccessTokenAsync(User);
        Assert.Equal(1, _keap.RefreshRequests);
        Assert.Equal(access, store.Current(StoreKey)!.AccessToken);
    }

    [Fact]
    public async Task Handler_sends_bearer_and_after_a_401_refreshes_once_and_sends_again()
    {
        var (manager, first) = await ConnectedAsync(new RecordingStore());
        using var api = Api(manager.CreateHandler(User, [_keap.ResourceEndpoint]));
        _ = first;

        using (var ok = await api.GetAsync(_keap.ResourceEndpoint))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        _keap.ExpireAccessTokens(); // revoked early on the server: the client's clock still says fresh
        using (var retried = await api.GetAsync(_keap.ResourceEndpoint))
        {
            Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        }

        Assert.Equal(1, _keap.RefreshRequests);
        Assert.Equal(3, _keap.ResourceRequests);
        Assert.Equal(1, _keap.ResourceRequestsRejected);
    }

    [Fact]
    public async Task Handler_uses_the_grant_named_on_the_request()
    {
        var (manager, _) = await ConnectedAsync(new RecordingStore());
        using var api = Api(manager.CreateHandler(allowedOrigins: [_keap.ResourceEndpoint]));
        using var named = new HttpRequestMessage(HttpMethod.Get, _keap.ResourceEndpoint);
        named.Options.Set(AccessTokenHandler.GrantKeyOption, User);
        using (var response = await api.SendAsync(named))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using var unnamed = new HttpRequestMessage(HttpMethod.Get, _keap.ResourceEndpoint);
        await Assert.ThrowsAsync<InvalidOperationException>(() => api.SendAsync(unnamed));
    }

    [Fact]
    public async Task Invalid_grant_is_a_typed_reauthorization_required_and_the_dead_token_is_not_sent_again()
    {
        var (manager, first) = await ConnectedAsync(new RecordingStore());
        await _client.RefreshAsync(first.RefreshToken!); // someone else rotated it: the stored refresh token is dead
        PastRefreshPoint(first);
        var before = _keap.TokenRequests;

        var gone = await Assert.ThrowsAsync<ReauthorizationRequiredException>(() => manager.GetAccessTokenAsync(User).AsTask());
        Assert.Equal(ReauthorizationReason.InvalidGrant, gone.Reason);
        Assert.Equal(HandshakeErrorKind.ReauthorizationRequired, gone.Kind);
        Assert.Equal("invalid_request", Assert.IsType<OAuthException>(gone.InnerException).Error);
        Assert.Equal(before + 1, _keap.TokenRequests);

        await Assert.ThrowsAsync<ReauthorizationRequiredException>(() => manager.GetAccessTokenAsync(User).AsTask());
        Assert.Equal(before + 1, _keap.TokenRequests);
        Canary.AssertClean(gone.ToString(), first.AccessToken, first.RefreshToken);

        // A new authorization brings the grant back.
        await manager.SaveGrantAsync(User, await AuthorizeAsync());
        Assert.False(string.IsNullOrEmpty(await manager.GetAccessTokenAsync(User)));
    }

    [Fact]
    public async Task No_stored_grant_is_reauthorization_required_without_any_request()
    {
        var manager = new InfusionsoftAccessTokenManager(_client);
        var gone = await Assert.ThrowsAsync<ReauthorizationRequiredException>(() => manager.GetAccessTokenAsync("nobody").AsTask());
        Assert.Equal(ReauthorizationReason.NoGrant, gone.Reason);
        Assert.Equal(0, _keap.TokenRequests);
    }

    [Fact]
    public async Task Grants_are_per_key_and_removal_forgets_them()
    {
        var store = new RecordingStore();
        var (manager, first) = await ConnectedAsync(store);
        var second = await AuthorizeAsync();
        await manager.SaveGrantAsync("user-2", second);

        Assert.Equal(first.AccessToken, await manager.GetAccessTokenAsync(User));
        Assert.Equal(second.AccessToken, await manager.GetAccessTokenAsync("user-2"));

        await manager.Tokens.RemoveGrantAsync("user-2");
        Assert.Null(store.Current("Infusionsoft:user-2"));
        await Assert.ThrowsAsync<ReauthorizationRequiredException>(() => manager.GetAccessTokenAsync("user-2").AsTask());
        Assert.Equal(first.AccessToken, await manager.GetAccessTokenAsync(User));
    }

    [Fact]
    public async Task Nothing_prints_a_token()
    {
        var (manager, first) = await ConnectedAsync(new RecordingStore());
        var grant = StoredGrant.From(first);
        Canary.AssertClean(grant.ToString(), first.AccessToken, first.RefreshToken);
        var gone = await Assert.ThrowsAsync<ReauthorizationRequiredException>(() => manager.GetAccessTokenAsync("nobody").AsTask());
        Canary.AssertClean(gone.ToString(), first.AccessToken, first.RefreshToken);
    }

    // Review 2026-12-03 M2: a refresh answer that rotated but is otherwise unusable must not lose the issued token.
    [Fact]
    public async Task A_rotating_answer_that_is_unusable_keeps_the_issued_refresh_token_so_the_next_call_refreshes_with_it()
    {
        var presented = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await using var endpoint = await ScriptedHttpServer.StartAsync(new ScriptedHttpServerOptions
        {
            Respond = request =>
            {
                var token = Uri.UnescapeDataString(request.Body.Split('&').Single(p => p.StartsWith("refresh_token=", StringComparison.Ordinal)).Substring(14));
                presented.Enqueue(token);
                return token switch
                {
                    // Rotates, but expires_in is not a number: the client refuses the answer and reports IssuedRefreshToken.
                    "RT-0" => ScriptedResponse.Json(200, "{\"access_token\":\"AT-1\",\"token_type\":\"Bearer\",\"expires_in\":\"3600s\",\"refresh_token\":\"RT-1\"}"),
                    "RT-1" => ScriptedResponse.Json(200, "{\"access_token\":\"AT-2\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"refresh_token\":\"RT-2\"}"),
                    _ => ScriptedResponse.Json(400, "{\"error\":\"invalid_grant\"}"),
                };
            },
        });
        var client = new InfusionsoftOAuthClient(_http, Canary.Credentials(), new InfusionsoftOAuthClientOptions
        {
            AuthorizationEndpoint = _keap.AuthorizationEndpoint,
            TokenEndpoint = endpoint.Endpoint("/token"),
            TimeProvider = _clock,
        });
        var store = new RecordingStore();
        await store.SetAsync(StoreKey, new StoredGrant("AT-0", "RT-0", Now.AddMinutes(-1)), default);
        var manager = new InfusionsoftAccessTokenManager(client, store, new AccessTokenManagerOptions { TimeProvider = _clock });

        var failure = await Assert.ThrowsAsync<OAuthException>(() => manager.GetAccessTokenAsync(User).AsTask());
        Assert.Equal(HandshakeErrorKind.InvalidResponse, failure.Kind);
        Assert.Equal("RT-1", store.Current(StoreKey)!.RefreshToken);

        Assert.Equal("AT-2", await manager.GetAccessTokenAsync(User));
        Assert.Equal(new[] { "RT-0", "RT-1" }, presented.ToArray());
        Assert.Equal("RT-2", store.Current(StoreKey)!.RefreshToken);
        Canary.AssertClean(failure.ToString(), "RT-1", "AT-1");
    }

    // Review M3: a removal (the user disconnected) during a refresh is not undone by the refresh.
    [Fact]
    public async Task A_grant_removed_during_a_refresh_stays_removed()
    {
        var store = new RecordingStore();
        var (manager, first) = await ConnectedAsync(store);
        _keap.TokenResponseDelay = TimeSpan.FromMilliseconds(800);
        PastRefreshPoint(first);

        var caller = manager.GetAccessTokenAsync(User).AsTask();
        await Task.Delay(200);
        await manager.Tokens.RemoveGrantAsync(User);

        var gone = await Assert.ThrowsAsync<ReauthorizationRequiredException>(() => caller);
        Assert.Equal(ReauthorizationReason.NoGrant, gone.Reason);
        Assert.Equal(1, _keap.RefreshRequests); // the refresh happened: only its result was dropped
        Assert.Null(store.Current(StoreKey));
        await Assert.ThrowsAsync<ReauthorizationRequiredException>(() => manager.GetAccessTokenAsync(User).AsTask());
    }

    // Review M3: a re-authorization saved during a refresh is not overwritten by the refresh.
    [Fact]
    public async Task A_grant_saved_during_a_refresh_wins_over_the_refresh()
    {
        var store = new RecordingStore();
        var (manager, first) = await ConnectedAsync(store);
        var second = await AuthorizeAsync();
        _keap.TokenResponseDelay = TimeSpan.FromMilliseconds(800);
        PastRefreshPoint(first);

        var caller = manager.GetAccessTokenAsync(User).AsTask();
        await Task.Delay(200);
        await manager.SaveGrantAsync(User, second);

        Assert.Equal(second.AccessToken, await caller);
        Assert.Equal(second.RefreshToken, store.Current(StoreKey)!.RefreshToken);
        Assert.Equal(second.AccessToken, await manager.GetAccessTokenAsync(User));
        Assert.Equal(1, _keap.RefreshRequests);
    }

    // Review L1: a token shorter-lived than RefreshBeforeExpiry is not refreshed at every call.
    [Fact]
    public async Task A_lifetime_shorter_than_the_margin_is_refreshed_at_half_its_lifetime_not_at_every_call()
    {
        var options = Canary.KeapOptions();
        options.AccessTokenLifetime = TimeSpan.FromSeconds(30);
        await using var keap = await KeapAuthorizationServer.StartAsync(options);
        var client = new InfusionsoftOAuthClient(_http, Canary.Credentials(), new InfusionsoftOAuthClientOptions
        {
            AuthorizationEndpoint = keap.AuthorizationEndpoint,
            TokenEndpoint = keap.TokenEndpoint,
            TimeProvider = _clock,
        });
        var request = client.CreateAuthorizationRequest();
        var first = await client.ExchangeCodeAsync(client.HandleCallback(await Canary.FollowAuthorizeAsync(_http, request.AuthorizationUrl), request));
        var manager = new InfusionsoftAccessTokenManager(client, new RecordingStore(), new AccessTokenManagerOptions { TimeProvider = _clock }); // margin 60 s
        await manager.SaveGrantAsync(User, first);

        for (var i = 0; i < 10; i++)
        {
            _clock.Now = Now.AddSeconds(i);
            Assert.Equal(first.AccessToken, await manager.GetAccessTokenAsync(User));
        }

        Assert.Equal(0, keap.RefreshRequests);
        _clock.Now = Now.AddSeconds(16); // past half the lifetime
        Assert.NotEqual(first.AccessToken, await manager.GetAccessTokenAsync(User));
        Assert.Equal(1, keap.RefreshRequests);
    }

    // Review L5: no state is kept for grants that do not exist (any more).
    [Fact]
    public async Task State_of_unknown_and_removed_grants_is_dropped()
    {
        var (manager, _) = await ConnectedAsync(new RecordingStore());
        for (var i = 0; i < 1000; i++)
        {
            await Assert.ThrowsAsync<ReauthorizationRequiredException>(() => manager.GetAccessTokenAsync("unknown-" + i).AsTask());
        }

        Assert.Equal(1, TrackedGrants(manager.Tokens));
        await manager.Tokens.RemoveGrantAsync(User);
        Assert.Equal(0, TrackedGrants(manager.Tokens));
    }

    // Review M6, for a store that cannot coordinate: a refresh token refused because another process already rotated it
    // sends the manager back to the store, where that process saved the live grant.
    [Fact]
    public async Task A_refused_refresh_token_that_another_process_rotated_is_replaced_by_the_stored_grant_not_reauthorization()
    {
        var store = new RecordingStore();
        var (manager, first) = await ConnectedAsync(store);
        PastRefreshPoint(first);
        // The other process: it refreshed with the same refresh token and saved the rotation.
        var other = new InfusionsoftAccessTokenManager(_client, store, new AccessTokenManagerOptions { TimeProvider = _clock });
        var theirs = await other.GetAccessTokenAsync(User);
        // This process read the store before that save: its read still sees the first grant.
        store.StaleReads[StoreKey] = StoredGrant.From(first);

        Assert.Equal(theirs, await manager.GetAccessTokenAsync(User));
        Assert.Equal(2, _keap.RefreshRequests); // the second presented the retired token once, and was refused
        Assert.Equal(theirs, store.Current(StoreKey)!.AccessToken);
    }

    [Fact]
    public void Every_durable_store_requires_a_protector()
    {
        Assert.Empty(TokenStoreCanary.DurableStoresWithoutProtector(typeof(InfusionsoftAccessTokenManager).Assembly));
    }

    private static int TrackedGrants(AccessTokenManager manager) =>
        ((System.Collections.ICollection)typeof(AccessTokenManager).GetField("_grants", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(manager)!).Count;

    /// <summary>An in-memory store that counts, can fail, and can observe saves.</summary>
    private sealed class RecordingStore : ITokenStore
    {
        private readonly Dictionary<string, StoredGrant> _grants = new();
        private readonly object _gate = new();

        public int Reads;
        public int Returned;
        public readonly System.Collections.Concurrent.ConcurrentDictionary<string, StoredGrant> StaleReads = new();
        public int FailSets;
        public Action<StoredGrant>? OnSet;

        public StoredGrant? Current(string key)
        {
            lock (_gate)
            {
                return _grants.GetValueOrDefault(key);
            }
        }

        public ValueTask<StoredGrant?> GetAsync(string grantKey, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Reads);
            return StaleReads.TryRemove(grantKey, out var stale) ? new(stale) : new(Current(grantKey));
        }

        public async ValueTask SetAsync(string grantKey, StoredGrant grant, CancellationToken cancellationToken)
        {
            await Task.Yield();
            if (FailSets > 0)
            {
                FailSets--;
                throw new InvalidOperationException("store unavailable");
            }

            OnSet?.Invoke(grant);
            lock (_gate)
            {
                _grants[grantKey] = grant;
            }
        }

        public ValueTask RemoveAsync(string grantKey, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                _grants.Remove(grantKey);
            }

            return default;
        }
    }
}
