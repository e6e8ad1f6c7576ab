using System.Net;
using System.Net.Http.Headers;
using BenchmarkDotNet.Attributes;
using ConnectorGen.Generated;
using Contoso.Connectors;

namespace ConnectorGen.Benchmarks.Handshake;

// Made-up token values that never leave this process (an in-memory handler answers every request): test data.
#pragma warning disable CG2003

/// <summary>
/// Per-request cost of the generated <see cref="AccessTokenHandler"/> with a fresh token, against setting the same
/// <c>Authorization: Bearer</c> header by hand. Both go through an <see cref="HttpClient"/> over the same in-memory
/// terminal handler, so the difference is the handler: the grant lookup, the expiry check and one more pipeline stage.
/// </summary>
[MemoryDiagnoser]
public class TokenHandlerBenchmarks
{
    private const string Grant = "user-1";
    private const string AccessToken = "at-0123456789abcdef0123456789abcdef";
    private static readonly Uri Resource = new("https://api.example.test/crm/rest/v1/account/profile");
    private HttpClient _handSet = null!;
    private HttpClient _managed = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _handSet = new HttpClient(new TerminalHandler());
        var manager = new InfusionsoftAccessTokenManager(
            static (_, _) => throw new InvalidOperationException("A fresh token must not be refreshed."));
        await manager.Tokens.SaveGrantAsync(Grant, TokenResults.Fresh(AccessToken, TimeSpan.FromHours(24)));
        var handler = manager.CreateHandler(Grant);
        handler.InnerHandler = new TerminalHandler();
        _managed = new HttpClient(handler);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _handSet.Dispose();
        _managed.Dispose();
    }

    [Benchmark(Baseline = true, Description = "hand-set Bearer header")]
    public async Task<HttpStatusCode> HandSet()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Resource);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
        using var response = await _handSet.SendAsync(request);
        return response.StatusCode;
    }

    [Benchmark(Description = "generated AccessTokenHandler (fresh token)")]
    public async Task<HttpStatusCode> Handler()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Resource);
        using var response = await _managed.SendAsync(request);
        return response.StatusCode;
    }

    private sealed class TerminalHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(request.Headers.Authorization is null ? HttpStatusCode.Unauthorized : HttpStatusCode.OK));
    }
}

/// <summary>
/// 100 callers ask for the token of one grant at the moment it expires. Each invocation starts from an expired grant;
/// the refresh (an in-memory stand-in for the token endpoint that takes 1 ms) is counted, and an invocation that sees
/// anything but exactly one refresh, or a caller with a token other than the new one, fails the run.
/// </summary>
[MemoryDiagnoser]
public class ConcurrentExpiryBenchmarks
{
    private const int Callers = 100;
    private InfusionsoftAccessTokenManager _manager = null!;
    private int _refreshes;
    private int _generation;

    [Params(Callers)]
    public int N { get; set; }

    [IterationSetup]
    public void ExpireTheGrant()
    {
        _refreshes = 0;
        _manager = new InfusionsoftAccessTokenManager(RefreshAsync);
        _manager.Tokens.SaveGrantAsync("user-1", TokenResults.Fresh("at-expired", TimeSpan.FromSeconds(-1), "rt-0")).GetAwaiter().GetResult();
    }

    [Benchmark(Description = "100 concurrent callers at expiry")]
    public async Task<int> ConcurrentCallers()
    {
        var tasks = new Task<string>[N];
        for (var i = 0; i < tasks.Length; i++)
        {
            tasks[i] = Task.Run(async () => await _manager.GetAccessTokenAsync("user-1"));
        }

        var tokens = await Task.WhenAll(tasks);
        var expected = tokens[0];
        if (_refreshes != 1 || expected == "at-expired" || Array.Exists(tokens, t => t != expected))
        {
            throw new InvalidOperationException("Expected exactly one refresh and one new token for every caller; saw " + _refreshes + " refreshes.");
        }

        return _refreshes;
    }

    private async Task<TokenResult> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _refreshes);
        await Task.Delay(1, cancellationToken);
        var next = Interlocked.Increment(ref _generation);
        return TokenResults.Fresh("at-" + next, TimeSpan.FromHours(1), "rt-" + next);
    }
}

/// <summary>Token results as the token endpoint client builds them (its constructor is internal to this assembly).</summary>
internal static class TokenResults
{
    public static TokenResult Fresh(string accessToken, TimeSpan lifetime, string? refreshToken = "rt-0")
    {
        var now = DateTimeOffset.UtcNow;
        return new TokenResult(accessToken, refreshToken, refreshToken is not null, "bearer", "full", now, now + lifetime);
    }
}
