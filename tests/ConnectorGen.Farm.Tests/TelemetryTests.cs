using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using ConnectorGen.Generated;
using ConnectorGen.StandIns;
using Contoso.Connectors;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Xunit;

namespace ConnectorGen.Farm.Tests;

/// <summary>Sequential: the telemetry is process-wide, so no other test of this assembly may refresh meanwhile.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FarmCollection
{
    public const string Name = "farm";
}

/// <summary>Issue 19 item 4: the shared core's Meter and ActivitySource, read with the OpenTelemetry in-memory exporter.</summary>
[Collection(FarmCollection.Name)]
public sealed class TelemetryTests : IAsyncLifetime
{
    private const string GrantKey = "tenant-CANARY-grant-key-55";
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };
    private readonly List<Metric> _metrics = new();
    private readonly List<Activity> _activities = new();
    private KeapAuthorizationServer _keap = null!;
    private MeterProvider _meters = null!;
    private TracerProvider _traces = null!;

    public async Task InitializeAsync()
    {
        var options = new KeapAuthorizationServerOptions();
        options.Clients.Add(new KeapClientRegistration(FarmWorker.ClientId, FarmWorker.ClientSecret, new[] { new Uri("https://app.example.test/infusionsoft/callback") }));
        _keap = await KeapAuthorizationServer.StartAsync(options);
        _meters = Sdk.CreateMeterProviderBuilder().AddMeter(ConnectorGenTelemetry.Name).AddInMemoryExporter(_metrics).Build()!;
        _traces = Sdk.CreateTracerProviderBuilder().AddSource(ConnectorGenTelemetry.Name).AddInMemoryExporter(_activities).Build()!;
    }

    public async Task DisposeAsync()
    {
        _meters.Dispose();
        _traces.Dispose();
        _http.Dispose();
        await _keap.DisposeAsync();
    }

    private sealed class Clock : TimeProvider
    {
        public TimeSpan Offset { get; set; }

        public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow + Offset;
    }

    private long Sum(string metric, string? outcome = null)
    {
        // Cumulative temporality: each flush exports the totals so far, so only the latest export counts.
        _metrics.Clear();
        _meters.ForceFlush();
        long total = 0;
        foreach (var m in _metrics.Where(m => m.Name == metric))
        {
            foreach (ref readonly var point in m.GetMetricPoints())
            {
                var tags = new Dictionary<string, object?>();
                foreach (var tag in point.Tags)
                {
                    tags[tag.Key] = tag.Value;
                }

                if (outcome is null || Equals(tags.GetValueOrDefault("outcome"), outcome))
                {
                    total += m.MetricType == MetricType.Histogram ? point.GetHistogramCount() : point.GetSumLong();
                }
            }
        }

        return total;
    }

    private IEnumerable<string> AllTagValues()
    {
        _meters.ForceFlush();
        _traces.ForceFlush();
        foreach (var m in _metrics)
        {
            foreach (ref readonly var point in m.GetMetricPoints())
            {
                foreach (var tag in point.Tags)
                {
                    yield return tag.Key + "=" + tag.Value;
                }
            }
        }

        foreach (var activity in _activities)
        {
            yield return activity.DisplayName + " " + activity.StatusDescription;
            foreach (var tag in activity.TagObjects)
            {
                yield return tag.Key + "=" + tag.Value;
            }
        }
    }

    [Fact]
    public async Task Refreshes_and_refused_refresh_tokens_are_counted_timed_and_traced_and_no_tag_carries_a_secret()
    {
        var clock = new Clock();
        var client = new InfusionsoftOAuthClient(_http, new InfusionsoftCredentials
        {
            ClientId = FarmWorker.ClientId,
            ClientSecret = FarmWorker.ClientSecret,
            EncryptedKey = "c0ffeec0ffee7f3a9cafecafe7f3a901",
            CallbackUrl = new Uri("https://app.example.test/infusionsoft/callback"),
            Server = "ab123.infusionsoft.com",
        }, new InfusionsoftOAuthClientOptions { AuthorizationEndpoint = _keap.AuthorizationEndpoint, TokenEndpoint = _keap.TokenEndpoint, TimeProvider = clock });
        var request = client.CreateAuthorizationRequest();
        using var authorize = await _http.GetAsync(request.AuthorizationUrl);
        var first = await client.ExchangeCodeAsync(client.HandleCallback(authorize.Headers.Location!, request));
        var store = new InMemoryTokenStore();
        var manager = new InfusionsoftAccessTokenManager(client, store, new AccessTokenManagerOptions { TimeProvider = clock });
        await manager.SaveGrantAsync(GrantKey, first);

        clock.Offset = TimeSpan.FromHours(25);
        var second = await manager.GetAccessTokenAsync(GrantKey);
        Assert.Equal(second, await manager.GetAccessTokenAsync(GrantKey)); // fresh: no second refresh

        // Someone else redeems the live refresh token: the manager's next refresh is refused.
        await client.RefreshAsync((await store.GetAsync("Infusionsoft:" + GrantKey, default))!.RefreshToken!);
        clock.Offset = TimeSpan.FromHours(50);
        await Assert.ThrowsAsync<ReauthorizationRequiredException>(() => manager.GetAccessTokenAsync(GrantKey).AsTask());

        Assert.Equal(1, Sum("connectorgen.token.refreshes", "success"));
        Assert.Equal(1, Sum("connectorgen.token.refreshes", "invalid_grant"));
        Assert.Equal(2, Sum("connectorgen.token.refresh.duration"));
        _traces.ForceFlush();
        var refreshes = _activities.Where(a => a.OperationName == "connectorgen.token.refresh").ToArray();
        Assert.Equal(2, refreshes.Length);
        Assert.Equal(new[] { "success", "invalid_grant" }, refreshes.Select(a => (string?)a.GetTagItem("outcome")).ToArray());
        Assert.All(refreshes, a => Assert.Equal("Infusionsoft", a.GetTagItem("connector")));

        var text = string.Join("\n", AllTagValues());
        foreach (var secret in new[] { first.AccessToken, first.RefreshToken!, second, FarmWorker.ClientSecret, GrantKey, "CANARY" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public async Task A_wait_for_another_process_lease_and_its_takeover_are_counted()
    {
        await using var redis = await RedisServer.StartOrSkipAsync();
        using var connection = await redis.ConnectAsync();
        var store = new RedisTokenStore(connection, TokenProtector.StoreInClearForTestsOnly, "telemetry:");
        var clock = new Clock();
        var client = new InfusionsoftOAuthClient(_http, new InfusionsoftCredentials
        {
            ClientId = FarmWorker.ClientId,
            ClientSecret = FarmWorker.ClientSecret,
            EncryptedKey = "c0ffeec0ffee7f3a9cafecafe7f3a901",
            CallbackUrl = new Uri("https://app.example.test/infusionsoft/callback"),
            Server = "ab123.infusionsoft.com",
        }, new InfusionsoftOAuthClientOptions { AuthorizationEndpoint = _keap.AuthorizationEndpoint, TokenEndpoint = _keap.TokenEndpoint, TimeProvider = clock });
        var request = client.CreateAuthorizationRequest();
        using var authorize = await _http.GetAsync(request.AuthorizationUrl);
        var manager = new InfusionsoftAccessTokenManager(client, store, new AccessTokenManagerOptions { TimeProvider = clock, RefreshLeaseDuration = TimeSpan.FromSeconds(5) });
        await manager.SaveGrantAsync(GrantKey, await client.ExchangeCodeAsync(client.HandleCallback(authorize.Headers.Location!, request)));

        // Another process holds the lease and never saves (it died): this one waits, then takes over and refreshes.
        Assert.True(await store.TryAcquireLeaseAsync("Infusionsoft:" + GrantKey, "other", TimeSpan.FromMilliseconds(600), default));
        clock.Offset = TimeSpan.FromHours(25);
        Assert.False(string.IsNullOrEmpty(await manager.GetAccessTokenAsync(GrantKey)));

        Assert.Equal(1, Sum("connectorgen.token.lease.waits"));
        Assert.Equal(1, Sum("connectorgen.token.lease.takeovers"));
        Assert.Equal(1, Sum("connectorgen.token.refreshes", "success"));
        Assert.DoesNotContain(GrantKey, string.Join("\n", AllTagValues()), StringComparison.Ordinal);
    }
}
