using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Threading.Tasks;
using ConnectorGen.Generated;
using ConnectorGen.StandIns;
using Contoso.Connectors;
using StackExchange.Redis;
using Xunit;
using Xunit.Abstractions;

namespace ConnectorGen.Farm.Tests;

/// <summary>
/// Issue 19: one Keap grant shared by several OS processes through the generated RedisTokenStore, against the Keap
/// stand-in, which rotates refresh tokens with no reuse leeway (a presented refresh token is dead at once, as Keap's
/// "getting-started-oauth-keys" page says: every refresh returns a new refresh token and retires the old one).
/// </summary>
[Collection(FarmCollection.Name)]
public sealed class FarmTests : IAsyncLifetime
{
    private const string User = "user-1";
    private const string Prefix = "farm:";
    private static readonly TimeSpan Expiry = TimeSpan.FromHours(25); // past the stand-in's 24 h access tokens

    private readonly ITestOutputHelper _output;
    private readonly string _protectionKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };
    private readonly List<FarmWorker> _workers = new();
    private RedisServer? _redis;
    private KeapAuthorizationServer _keap = null!;

    public FarmTests(ITestOutputHelper output) => _output = output;

    public async Task InitializeAsync()
    {
        var options = new KeapAuthorizationServerOptions();
        options.Clients.Add(new KeapClientRegistration(FarmWorker.ClientId, FarmWorker.ClientSecret, new[] { new Uri("https://app.example.test/infusionsoft/callback") }));
        _keap = await KeapAuthorizationServer.StartAsync(options);
    }

    public async Task DisposeAsync()
    {
        foreach (var worker in _workers)
        {
            await worker.DisposeAsync();
        }

        _http.Dispose();
        await _keap.DisposeAsync();
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    private InfusionsoftOAuthClient Client(TimeProvider? clock = null) => new(_http, new InfusionsoftCredentials
    {
        ClientId = FarmWorker.ClientId,
        ClientSecret = FarmWorker.ClientSecret,
        EncryptedKey = "c0ffeec0ffee7f3a9cafecafe7f3a901",
        CallbackUrl = new Uri("https://app.example.test/infusionsoft/callback"),
        Server = "ab123.infusionsoft.com",
    }, new InfusionsoftOAuthClientOptions
    {
        AuthorizationEndpoint = _keap.AuthorizationEndpoint,
        TokenEndpoint = _keap.TokenEndpoint,
        TimeProvider = clock ?? TimeProvider.System,
    });

    private TokenProtector Protector => FarmProtector.Create(_protectionKey);

    // The user connects once: the code exchange, saved through the same store the farm uses.
    private async Task<(ConnectionMultiplexer Redis, RedisTokenStore Store, TokenResult First)> ConnectAsync()
    {
        _redis = await RedisServer.StartOrSkipAsync();
        var redis = await _redis.ConnectAsync();
        var store = new RedisTokenStore(redis, Protector, Prefix);
        var client = Client();
        var request = client.CreateAuthorizationRequest();
        using var authorize = await _http.GetAsync(request.AuthorizationUrl);
        var first = await client.ExchangeCodeAsync(client.HandleCallback(authorize.Headers.Location!, request));
        await new InfusionsoftAccessTokenManager(client, store).SaveGrantAsync(User, first);
        return (redis, store, first);
    }

    private async Task StartWorkersAsync(int processes, bool coordinate = true, int leaseMs = 5000)
    {
        var starting = Enumerable.Range(0, processes).Select(_ => FarmWorker.StartAsync(_redis!.Endpoint, _keap.BaseUri, _protectionKey, Prefix, 50, coordinate, leaseMs)).ToArray();
        _workers.AddRange(await Task.WhenAll(starting));
    }

    private async Task<RoundResult[]> RoundAsync(TimeSpan offset, IEnumerable<FarmWorker>? workers = null)
    {
        var these = (workers ?? _workers).ToArray();
        await Task.WhenAll(these.Select(w => w.SendRoundAsync(offset)));
        var results = await Task.WhenAll(these.Select(w => w.ReadResultAsync()));
        foreach (var result in results)
        {
            _output.WriteLine($"offset {offset.TotalHours}h: {result}");
        }

        return results;
    }

    private int FailedTokenRequests => _keap.TokenRequests - _keap.TokenRequestsSucceeded;

    private static async Task<long> CommandsProcessedAsync(ConnectionMultiplexer redis)
    {
        var info = await redis.GetServer(redis.GetEndPoints()[0]).InfoAsync("stats");
        return long.Parse(info.SelectMany(g => g).Single(p => p.Key == "total_commands_processed").Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [SkippableFact]
    public async Task Four_processes_of_50_callers_at_each_expiry_share_exactly_one_refresh_and_every_caller_gets_a_working_token()
    {
        var (redis, store, first) = await ConnectAsync();
        // docs/benchmarks.md runs this with CONNECTORGEN_FARM_PROCESSES=8 for the 8-process figures.
        var processes = int.TryParse(Environment.GetEnvironmentVariable("CONNECTORGEN_FARM_PROCESSES"), out var n) && n >= 4 ? n : 4;
        await StartWorkersAsync(processes);

        for (var expiry = 1; expiry <= 3; expiry++)
        {
            var offset = Expiry * expiry;
            var results = await RoundAsync(offset);
            Assert.Equal(expiry, _keap.RefreshRequests); // exactly one refresh per expiry, across all processes
            Assert.Equal(0, FailedTokenRequests); // no retired refresh token was ever presented (no invalid_grant)
            Assert.All(results, r => Assert.Equal(50, r.Count("ok"))); // every caller: a token the resource accepted

            // The same instant again: every process serves from memory, no refresh and no Redis round trip.
            var before = await CommandsProcessedAsync(redis);
            var fresh = await RoundAsync(offset);
            var after = await CommandsProcessedAsync(redis);
            Assert.All(fresh, r => Assert.Equal(50, r.Count("ok")));
            Assert.Equal(expiry, _keap.RefreshRequests);
            Assert.Equal(1, after - before); // the first INFO itself only
            _output.WriteLine($"expiry {expiry}: refreshes {_keap.RefreshRequests}, Redis commands on the fresh round {after - before - 1}");
        }

        // At rest the grant is ciphertext, and no key names a token.
        var stored = (await store.GetAsync("Infusionsoft:" + User, default))!;
        var keys = redis.GetServer(redis.GetEndPoints()[0]).Keys(pattern: "*").Select(k => k.ToString()).ToArray();
        Assert.Equal(new[] { Prefix + "Infusionsoft:" + User }, keys);
        var raw = (byte[])(await redis.GetDatabase().HashGetAsync(keys[0], "g"))!;
        foreach (var token in new[] { stored.AccessToken, stored.RefreshToken!, first.AccessToken, first.RefreshToken! })
        {
            Assert.DoesNotContain(token, System.Text.Encoding.Latin1.GetString(raw), StringComparison.Ordinal);
            Assert.DoesNotContain(token, string.Join(" ", keys), StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public async Task Without_coordination_the_same_farm_presents_retired_refresh_tokens()
    {
        await ConnectAsync();
        await StartWorkersAsync(4, coordinate: false);
        // Long enough that every process has read the store and sent its refresh before the first answer, however the
        // processes are scheduled on a loaded machine (300 ms was not, once in CI): the later ones then present a retired token.
        _keap.TokenResponseDelay = TimeSpan.FromMilliseconds(2000);

        var results = await RoundAsync(Expiry);

        Assert.True(_keap.RefreshRequests > 1, "refreshes: " + _keap.RefreshRequests);
        Assert.True(FailedTokenRequests >= 1 || results.Sum(r => r.Count("reauthorization")) >= 1,
            "the failure coordination prevents did not show: " + string.Join(" | ", results.Select(r => r.ToString())));
    }

    [SkippableFact]
    public async Task A_lease_holder_killed_during_its_refresh_delays_the_others_by_the_lease_and_loses_nothing()
    {
        await ConnectAsync();
        const int leaseMs = 1500;
        await StartWorkersAsync(4, leaseMs: leaseMs);
        _keap.TokenResponseDelay = TimeSpan.FromMilliseconds(3000);

        // Only the first process is at the expiry: it takes the lease and its refresh request reaches the provider.
        var holder = _workers[0];
        await holder.SendRoundAsync(Expiry);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (_keap.RefreshRequests == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.Equal(1, _keap.RefreshRequests);
        holder.Kill(); // before the provider answered: the request is aborted, nothing rotated
        _keap.TokenResponseDelay = TimeSpan.Zero;

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var results = await RoundAsync(Expiry, _workers.Skip(1));
        Assert.All(results, r => Assert.Equal(50, r.Count("ok")));
        Assert.Equal(2, _keap.RefreshRequests); // one more, by whoever took the lease after it expired
        Assert.Equal(0, _keap.TokenRequests - _keap.TokenRequestsSucceeded - 1); // the aborted one is the only failure
        _output.WriteLine($"others served after {watch.ElapsedMilliseconds} ms (lease {leaseMs} ms)");
    }

    [SkippableFact]
    public async Task A_holder_that_died_after_the_provider_rotated_costs_the_grant_and_the_farm_says_so_with_a_typed_error()
    {
        var (_, store, first) = await ConnectAsync();
        const int leaseMs = 1000;
        await StartWorkersAsync(2, leaseMs: leaseMs);

        // The dead holder: it took the lease and redeemed the refresh token at the provider, then vanished unsaved.
        Assert.True(await store.TryAcquireLeaseAsync("Infusionsoft:" + User, "dead-holder", TimeSpan.FromMilliseconds(leaseMs), default));
        await Client().RefreshAsync(first.RefreshToken!);

        var results = await RoundAsync(Expiry);
        Assert.All(results, r => Assert.Equal(50, r.Count("reauthorization")));
        // The dead holder's, then at most one per process (each remembers the refused token): no retry storm.
        Assert.InRange(_keap.RefreshRequests, 2, 1 + _workers.Count);
    }

    [SkippableFact]
    public async Task Redis_stopped_during_a_refresh_gives_typed_errors_keeps_the_grant_in_memory_and_saves_it_first_when_Redis_returns()
    {
        var (redis, store, first) = await ConnectAsync();
        var clock = new OffsetClock { Offset = Expiry };
        var manager = new InfusionsoftAccessTokenManager(Client(clock), store, new AccessTokenManagerOptions { TimeProvider = clock });
        _keap.TokenResponseDelay = TimeSpan.FromMilliseconds(1000);

        var caller = manager.GetAccessTokenAsync(User).AsTask();
        while (_keap.RefreshRequests == 0)
        {
            await Task.Delay(10);
        }

        _redis!.Stop(); // after the lease and the read, before the save
        var failure = await Assert.ThrowsAsync<TokenStoreException>(() => caller);
        Assert.True(failure.GrantKeptInMemory);
        var down = await Assert.ThrowsAsync<TokenStoreException>(() => manager.GetAccessTokenAsync(User).AsTask());
        Assert.Equal(HandshakeErrorKind.TokenStoreFailure, down.Kind);

        await _redis.StartAsync();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        string? access = null;
        while (access is null)
        {
            try
            {
                access = await manager.GetAccessTokenAsync(User);
            }
            catch (TokenStoreException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100); // the multiplexer reconnects
            }
        }

        Assert.Equal(1, _keap.RefreshRequests); // saved, not refreshed again with the retired token
        var stored = (await store.GetAsync("Infusionsoft:" + User, default))!;
        Assert.Equal(access, stored.AccessToken);
        Assert.NotEqual(first.RefreshToken, stored.RefreshToken);
        foreach (var text in new[] { failure.ToString(), down.ToString() })
        {
            Assert.DoesNotContain(first.RefreshToken!, text, StringComparison.Ordinal);
            Assert.DoesNotContain(stored.RefreshToken!, text, StringComparison.Ordinal);
            Assert.DoesNotContain(access, text, StringComparison.Ordinal);
        }
    }

    private sealed class OffsetClock : TimeProvider
    {
        public TimeSpan Offset { get; set; }

        public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow + Offset;
    }
}
