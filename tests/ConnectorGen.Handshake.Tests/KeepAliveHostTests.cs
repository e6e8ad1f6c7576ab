#pragma warning disable CS1591
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ConnectorGen.Generated;
using ConnectorGen.Handshake.Tests.TestSupport;
using ConnectorGen.StandIns;
using Contoso.Connectors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ConnectorGen.Handshake.Tests;

/// <summary>
/// The hosted keep-alive (<c>services.AddInfusionsoftTokenKeepAlive</c>) in a real host, on a fake clock, against the Keap
/// stand-in in its strict default over loopback. Keap's refresh tokens die after 45 idle days and Keap advises refreshing
/// grants older than about 30 (docs/handshake.md, "Keep-alive").
/// </summary>
public sealed class KeepAliveHostTests : IAsyncLifetime
{
    private readonly HttpClient _http = Canary.NewHttpClient();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly CapturingLoggerProvider _logs = new();
    private readonly InMemoryTokenStore _store = new();
    private KeapAuthorizationServer _keap = null!;
    private InfusionsoftOAuthClient _client = null!;
    private InfusionsoftAccessTokenManager _manager = null!;

    public async Task InitializeAsync()
    {
        _keap = await KeapAuthorizationServer.StartAsync(Canary.KeapOptions());
        _client = new InfusionsoftOAuthClient(_http, Canary.Credentials(), new InfusionsoftOAuthClientOptions
        {
            AuthorizationEndpoint = _keap.AuthorizationEndpoint,
            TokenEndpoint = _keap.TokenEndpoint,
            TimeProvider = _clock,
        });
        _manager = new InfusionsoftAccessTokenManager(_client, _store, new AccessTokenManagerOptions { TimeProvider = _clock });
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

    private IHost BuildHost(Func<IServiceProvider, CancellationToken, Task<IEnumerable<string>>> grantKeys)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddProvider(_logs);
        builder.Services.AddSingleton(_manager);
        builder.Services.AddInfusionsoftTokenKeepAlive(options =>
        {
            options.GrantKeys = grantKeys;
            options.TimeProvider = _clock;
            options.FirstPassJitter = TimeSpan.Zero;
        });
        return builder.Build();
    }

    private static TokenKeepAliveService<InfusionsoftAccessTokenManager> KeepAlive(IHost host) =>
        host.Services.GetRequiredService<TokenKeepAliveService<InfusionsoftAccessTokenManager>>();

    /// <summary>Moves the fake clock on and waits until the keep-alive has finished the pass that this started.</summary>
    private async Task<TokenKeepAlivePass> AdvanceToPassAsync(IHost host, TimeSpan by)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (KeepAlive(host).NextPassAt is null)
        {
            // The host runs the service in the background: its first wait may not have started yet.
            Assert.True(DateTime.UtcNow < deadline, "the keep-alive did not start its schedule");
            await Task.Delay(20);
        }

        var before = KeepAlive(host).LastPass;
        Assert.Equal(_clock.GetUtcNow() + by, KeepAlive(host).NextPassAt);
        _clock.Advance(by);
        while (ReferenceEquals(KeepAlive(host).LastPass, before))
        {
            Assert.True(DateTime.UtcNow < deadline, "no keep-alive pass ended");
            await Task.Delay(20);
        }

        return KeepAlive(host).LastPass!;
    }

    [Fact]
    public async Task A_host_refreshes_the_old_grant_leaves_the_young_one_survives_a_dead_grant_and_a_throwing_GrantKeys_and_stops_cleanly()
    {
        var old = await AuthorizeAsync();
        await _manager.SaveGrantAsync("old", old);
        var dead = await AuthorizeAsync();
        var successor = await _client.RefreshAsync(dead.RefreshToken!);
        await _manager.SaveGrantAsync("dead", dead);
        _clock.Advance(TimeSpan.FromDays(20));
        var young = await AuthorizeAsync();
        await _manager.SaveGrantAsync("young", young);
        _clock.Advance(TimeSpan.FromDays(11));

        var calls = 0;
        using var host = BuildHost((services, _) =>
        {
            Assert.NotNull(services.GetService<IServiceScopeFactory>());
            if (Interlocked.Increment(ref calls) == 1)
            {
                throw new InvalidOperationException("the grant database is down");
            }

            return Task.FromResult<IEnumerable<string>>(["old", "young", "dead"]);
        });
        await host.StartAsync();
        var refreshes = _keap.RefreshRequests;
        var basic = _keap.TokenRequestsWithBasicAuthentication;

        // First pass after FirstPassDelay (1 minute by default): GrantKeys throws, the schedule goes on.
        var first = await AdvanceToPassAsync(host, TimeSpan.FromMinutes(1));
        Assert.True(first.GrantKeysFailed);
        Assert.Equal(refreshes, _keap.RefreshRequests);

        // The next pass a day later (Interval): the 31-day-old grant is refreshed over HTTP Basic as Keap wants, the
        // 11-day-old one is left alone, and the dead one is reported without stopping the pass.
        var second = await AdvanceToPassAsync(host, TimeSpan.FromDays(1));
        Assert.Equal((3, 1, 1, 0, false), (second.Grants, second.Refreshed, second.Dead, second.Failed, second.GrantKeysFailed));
        Assert.Equal(refreshes + 2, _keap.RefreshRequests);
        Assert.Equal(basic + 2, _keap.TokenRequestsWithBasicAuthentication);

        var renewed = await _store.GetAsync("Infusionsoft:old", CancellationToken.None);
        Assert.NotEqual(old.RefreshToken, renewed!.RefreshToken);
        Assert.Equal(_clock.GetUtcNow(), renewed.RefreshTokenIssuedAt);
        var untouched = await _store.GetAsync("Infusionsoft:young", CancellationToken.None);
        Assert.Equal(young.RefreshToken, untouched!.RefreshToken);
        await Assert.ThrowsAsync<ReauthorizationRequiredException>(async () => await _manager.GetAccessTokenAsync("dead"));

        var log = _logs.Text;
        Assert.Contains("Error: Infusionsoft keep-alive: GrantKeys failed", log, StringComparison.Ordinal);
        Assert.Contains("the grant database is down", log, StringComparison.Ordinal);
        Assert.Contains("Information: Infusionsoft keep-alive: refreshed grant old", log, StringComparison.Ordinal);
        Assert.Contains("Warning: Infusionsoft keep-alive: grant dead is dead, its user must authorize again", log, StringComparison.Ordinal);
        Assert.Contains("Information: Infusionsoft keep-alive: 3 grants, 1 refreshed, 1 dead, 0 failed", log, StringComparison.Ordinal);
        Assert.DoesNotContain("grant young", log, StringComparison.Ordinal);

        // Stops between passes at once, and the loop ends without a fault.
        var stop = host.StopAsync();
        Assert.Same(stop, await Task.WhenAny(stop, Task.Delay(TimeSpan.FromSeconds(10))));
        await stop;
        Assert.True(KeepAlive(host).ExecuteTask!.IsCompletedSuccessfully);

        Canary.AssertClean(log, old.AccessToken, old.RefreshToken, renewed.AccessToken, renewed.RefreshToken, young.AccessToken, young.RefreshToken,
            dead.AccessToken, dead.RefreshToken, successor.AccessToken, successor.RefreshToken);
    }

    [Fact]
    public async Task A_failure_that_is_not_a_dead_grant_is_logged_and_the_other_grants_still_go()
    {
        await _manager.SaveGrantAsync("alive", await AuthorizeAsync());
        _clock.Advance(TimeSpan.FromDays(31));
        using var host = BuildHost((_, _) => Task.FromResult<IEnumerable<string>>(["", "alive"]));
        await host.StartAsync();

        var pass = await AdvanceToPassAsync(host, TimeSpan.FromMinutes(1));

        Assert.Equal((2, 1, 0, 1), (pass.Grants, pass.Refreshed, pass.Dead, pass.Failed));
        Assert.Contains("Warning: Infusionsoft keep-alive: GrantKeys gave an empty grant key; skipped", _logs.Text, StringComparison.Ordinal);
        await host.StopAsync();
    }

    [Fact]
    public async Task Stopping_the_host_before_the_first_pass_sends_nothing()
    {
        await _manager.SaveGrantAsync("old", await AuthorizeAsync());
        _clock.Advance(TimeSpan.FromDays(31));
        var refreshes = _keap.RefreshRequests;
        using var host = BuildHost((_, _) => Task.FromResult<IEnumerable<string>>(["old"]));
        await host.StartAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (KeepAlive(host).NextPassAt is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the keep-alive did not start its schedule");
            await Task.Delay(20);
        }

        await host.StopAsync();
        _clock.Advance(TimeSpan.FromDays(2));

        Assert.True(KeepAlive(host).ExecuteTask!.IsCompletedSuccessfully);
        Assert.Null(KeepAlive(host).LastPass);
        Assert.Equal(refreshes, _keap.RefreshRequests);
    }

    [Fact]
    public void Registration_checks_its_options_and_takes_one_keep_alive_per_connector()
    {
        var services = new ServiceCollection();
        var missing = Assert.Throws<ArgumentException>(() => services.AddInfusionsoftTokenKeepAlive(_ => { }));
        Assert.Contains("GrantKeys", missing.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => services.AddInfusionsoftTokenKeepAlive(o =>
        {
            o.GrantKeys = (_, _) => Task.FromResult<IEnumerable<string>>([]);
            o.Interval = TimeSpan.Zero;
        }));

        services.AddInfusionsoftTokenKeepAlive(o => o.GrantKeys = (_, _) => Task.FromResult<IEnumerable<string>>([]));
        var twice = Assert.Throws<InvalidOperationException>(() => services.AddInfusionsoftTokenKeepAlive(o => o.GrantKeys = (_, _) => Task.FromResult<IEnumerable<string>>([])));
        Assert.Contains("registered already", twice.Message, StringComparison.Ordinal);
        Assert.Single(services, d => d.ServiceType == typeof(IHostedService));
    }

    [Fact]
    public void Without_a_registered_token_manager_the_host_says_which_registration_is_missing()
    {
        var services = new ServiceCollection();
        services.AddInfusionsoftTokenKeepAlive(o => o.GrantKeys = (_, _) => Task.FromResult<IEnumerable<string>>([]));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetServices<IHostedService>().ToList());
        Assert.Contains("AddInfusionsoftTokenManagement", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_defaults_follow_Keaps_refresh_token_lifetime()
    {
        var options = new TokenKeepAliveOptions();
        Assert.Equal(TimeSpan.FromDays(30), options.RefreshOlderThan);
        Assert.Equal(TimeSpan.FromDays(1), options.Interval);
        // A grant refreshed at most RefreshOlderThan + Interval after its last refresh stays within Keap's 45 idle days.
        Assert.True(options.RefreshOlderThan + options.Interval + options.FirstPassDelay + options.FirstPassJitter < TimeSpan.FromDays(45));
    }
}
