using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ConnectorGen.Farm;
using ConnectorGen.Generated;
using Contoso.Connectors;
using StackExchange.Redis;

// Arguments: redis-endpoint keap-base-url client-id callers coordinate(true|false) lease-ms key-prefix
// Environment: FARM_CLIENT_SECRET, FARM_PROTECTION_KEY (hex). Stdin: "round <clock offset seconds>" | "quit".
// Stdout: "ready", then one JSON line per round.
var redisEndpoint = args[0];
var keap = new Uri(args[1]);
var callers = int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture);
var coordinate = bool.Parse(args[4]);
var leaseMs = int.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture);
var keyPrefix = args[6];

var redis = await ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions
{
    EndPoints = { redisEndpoint },
    AbortOnConnectFail = false,
    ConnectTimeout = 5000,
    SyncTimeout = 5000,
    AsyncTimeout = 5000,
    ConnectRetry = 1,
});
var clock = new OffsetClock();
using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, MaxConnectionsPerServer = 64 }) { Timeout = TimeSpan.FromSeconds(30) };
var client = new InfusionsoftOAuthClient(http, new InfusionsoftCredentials
{
    ClientId = args[2],
    ClientSecret = Environment.GetEnvironmentVariable("FARM_CLIENT_SECRET")!,
    EncryptedKey = "c0ffeec0ffee7f3a9cafecafe7f3a901",
    CallbackUrl = new Uri("https://app.example.test/infusionsoft/callback"),
    Server = "ab123.infusionsoft.com",
}, new InfusionsoftOAuthClientOptions
{
    AuthorizationEndpoint = new Uri(keap, "app/oauth/authorize"),
    TokenEndpoint = new Uri(keap, "token"),
    TimeProvider = clock,
});
var store = new RedisTokenStore(redis, FarmProtector.Create(Environment.GetEnvironmentVariable("FARM_PROTECTION_KEY")!), keyPrefix);
var manager = new InfusionsoftAccessTokenManager(client, store, new AccessTokenManagerOptions
{
    TimeProvider = clock,
    CoordinateRefreshes = coordinate,
    RefreshLeaseDuration = TimeSpan.FromMilliseconds(leaseMs),
    LeasePollInterval = TimeSpan.FromMilliseconds(20),
});
var resource = new Uri(keap, "crm/rest/v1/account/profile");

Console.WriteLine("ready");
string? line;
while ((line = Console.ReadLine()) is not null)
{
    var parts = line.Split(' ');
    if (parts[0] == "quit")
    {
        break;
    }

    clock.Offset = TimeSpan.FromSeconds(long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    var tasks = Enumerable.Range(0, callers).Select(_ => Task.Run<(string Outcome, double Waited)>(async () =>
    {
        await go.Task;
        var watch = Stopwatch.StartNew();
        try
        {
            var token = await manager.GetAccessTokenAsync("user-1");
            var waited = watch.Elapsed.TotalMilliseconds;
            using var request = new HttpRequestMessage(HttpMethod.Get, resource);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);
            return (Outcome: response.IsSuccessStatusCode ? "ok" : "rejected", Waited: waited);
        }
        catch (ReauthorizationRequiredException)
        {
            return ("reauthorization", watch.Elapsed.TotalMilliseconds);
        }
        catch (TokenStoreException)
        {
            return ("store", watch.Elapsed.TotalMilliseconds);
        }
        catch (OAuthException ex)
        {
            return (ex.Error == "invalid_grant" ? "invalid_grant" : "oauth-" + ex.Kind, watch.Elapsed.TotalMilliseconds);
        }
        catch (Exception ex)
        {
            return ("other-" + ex.GetType().Name, watch.Elapsed.TotalMilliseconds);
        }
    })).ToArray();
    go.SetResult();
    var results = await Task.WhenAll(tasks);
    var waits = results.Select(r => r.Waited).OrderBy(w => w).ToArray();
    Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["outcomes"] = results.GroupBy(r => r.Outcome).ToDictionary(g => g.Key, g => g.Count()),
        ["p50"] = waits[waits.Length / 2],
        ["p99"] = waits[Math.Min(waits.Length - 1, (int)Math.Ceiling(waits.Length * 0.99) - 1)],
        ["max"] = waits[^1],
    }));
}

/// <summary>The system clock moved by the offset the test gives per round: every process reaches the same expiry at once.</summary>
internal sealed class OffsetClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset { get => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks)); set => Interlocked.Exchange(ref _offsetTicks, value.Ticks); }

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow + Offset;
}
