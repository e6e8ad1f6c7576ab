using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using ConnectorGen.Generated;
using ConnectorGen.StandIns;
using Contoso.Connectors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using Xunit;

namespace ConnectorGen.Farm.Tests;

/// <summary>
/// The hosted keep-alive in a farm: every process runs it over the one RedisTokenStore, and a grant old enough is still
/// refreshed once (the lease lets one process refresh, the others read the grant it saved; the next pass finds it young).
/// </summary>
[Collection(FarmCollection.Name)]
public sealed class KeepAliveFarmTests : IAsyncLifetime
{
    private const string User = "user-1";
    private readonly string _protectionKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };
    private readonly List<IDisposable> _disposables = new();
    private RedisServer? _redis;
    private KeapAuthorizationServer _keap = null!;

    public async Task InitializeAsync()
    {
        var options = new KeapAuthorizationServerOptions();
        options.Clients.Add(new KeapClientRegistration(FarmWorker.ClientId, FarmWorker.ClientSecret, new[] { new Uri("https://app.example.test/infusionsoft/callback") }));
        _keap = await KeapAuthorizationServer.StartAsync(options);
    }

    public async Task DisposeAsync()
    {
        foreach (var disposable in _disposables)
        {
            disposable.Dispose();
        }

        _http.Dispose();
        await _keap.DisposeAsync();
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    private InfusionsoftOAuthClient Client(TimeProvider clock) => new(_http, new InfusionsoftCredentials
    {
        ClientId = FarmWorker.ClientId,
        ClientSecret = FarmWorker.ClientSecret,
        CallbackUrl = new Uri("https://app.example.test/infusionsoft/callback"),
    }, new InfusionsoftOAuthClientOptions
    {
        AuthorizationEndpoint = _keap.AuthorizationEndpoint,
        TokenEndpoint = _keap.TokenEndpoint,
        TimeProvider = clock,
    });

    /// <summary>One process of the farm: its own Redis connection, manager and keep-alive, as DI builds them.</summary>
    private async Task<TokenKeepAliveService<InfusionsoftAccessTokenManager>> ProcessAsync(TimeProvider clock)
    {
        var redis = await _redis!.ConnectAsync();
        _disposables.Add(redis);
        var store = new RedisTokenStore(redis, FarmProtector.Create(_protectionKey), "farm:");
        var services = new ServiceCollection();
        services.AddSingleton(new InfusionsoftAccessTokenManager(Client(clock), store, new AccessTokenManagerOptions { TimeProvider = clock }));
        services.AddInfusionsoftTokenKeepAlive(options =>
        {
            options.GrantKeys = (_, _) => Task.FromResult<IEnumerable<string>>(new[] { User });
            options.TimeProvider = clock;
        });
        var provider = services.BuildServiceProvider();
        _disposables.Add(provider);
        return provider.GetRequiredService<TokenKeepAliveService<InfusionsoftAccessTokenManager>>();
    }

    [SkippableFact]
    public async Task Four_processes_keeping_the_same_old_grant_alive_refresh_it_once()
    {
        _redis = await RedisServer.StartOrSkipAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var client = Client(clock);
        var request = client.CreateAuthorizationRequest();
        using (var authorize = await _http.GetAsync(request.AuthorizationUrl))
        {
            var first = await client.ExchangeCodeAsync(client.HandleCallback(authorize.Headers.Location!, request));
            var seed = await _redis.ConnectAsync();
            _disposables.Add(seed);
            await new InfusionsoftAccessTokenManager(client, new RedisTokenStore(seed, FarmProtector.Create(_protectionKey), "farm:")).SaveGrantAsync(User, first);
        }

        clock.Advance(TimeSpan.FromDays(31));
        var processes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => ProcessAsync(clock)));
        var refreshes = _keap.RefreshRequests;

        var passes = await Task.WhenAll(processes.Select(p => p.RunPassAsync(CancellationToken.None)));

        Assert.Equal(refreshes + 1, _keap.RefreshRequests);
        Assert.All(passes, pass => Assert.Equal((1, 0, 0), (pass.Grants, pass.Dead, pass.Failed)));
        Assert.Equal(_keap.TokenRequests, _keap.TokenRequestsSucceeded);

        // The saved grant is young now: a day later every process leaves it alone.
        clock.Advance(TimeSpan.FromDays(1));
        passes = await Task.WhenAll(processes.Select(p => p.RunPassAsync(CancellationToken.None)));
        Assert.Equal(refreshes + 1, _keap.RefreshRequests);
        Assert.All(passes, pass => Assert.Equal(0, pass.Refreshed));
    }
}
