#pragma warning disable CS1591
using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ConnectorGen.Generated;
using ConnectorGen.Handshake.Tests.TestSupport;
using ConnectorGen.StandIns;
using Contoso.Connectors;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace ConnectorGen.Handshake.Tests;

/// <summary>The optional lifecycle parts this project makes the generator emit: DI registration and the IDistributedCache store.</summary>
public sealed class LifecycleDependencyInjectionTests : IAsyncLifetime
{
    private const string User = "user-1";
    private readonly HttpClient _http = Canary.NewHttpClient();
    private KeapAuthorizationServer _keap = null!;

    public async Task InitializeAsync() => _keap = await KeapAuthorizationServer.StartAsync(Canary.KeapOptions());

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _keap.DisposeAsync();
    }

    private InfusionsoftOAuthClientOptions ClientOptions() => new()
    {
        AuthorizationEndpoint = _keap.AuthorizationEndpoint,
        TokenEndpoint = _keap.TokenEndpoint,
    };

    private async Task<TokenResult> AuthorizeAsync(InfusionsoftOAuthClient client)
    {
        var request = client.CreateAuthorizationRequest();
        return await client.ExchangeCodeAsync(client.HandleCallback(await Canary.FollowAuthorizeAsync(_http, request.AuthorizationUrl), request));
    }

    [Fact]
    public async Task AddHttpClient_with_the_access_token_handler_refreshes_once_on_401_and_logs_no_token()
    {
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddHttpClient("oauth").AddTypedClient<InfusionsoftOAuthClient>((HttpClient http, IServiceProvider _) => new InfusionsoftOAuthClient(http, Canary.Credentials(), ClientOptions()));
        services.AddHttpClient("keap-api").AddInfusionsoftAccessToken(User, [_keap.ResourceEndpoint]);
        await using var provider = services.BuildServiceProvider();

        var manager = provider.GetRequiredService<InfusionsoftAccessTokenManager>();
        Assert.Same(manager, provider.GetRequiredService<InfusionsoftAccessTokenManager>());
        Assert.IsType<InMemoryTokenStore>(provider.GetRequiredService<ITokenStore>());
        var first = await AuthorizeAsync(provider.GetRequiredService<InfusionsoftOAuthClient>());
        await manager.SaveGrantAsync(User, first);

        var api = provider.GetRequiredService<IHttpClientFactory>().CreateClient("keap-api");
        using (var ok = await api.GetAsync(_keap.ResourceEndpoint))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        _keap.ExpireAccessTokens();
        using (var retried = await api.GetAsync(_keap.ResourceEndpoint))
        {
            Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        }

        Assert.Equal(1, _keap.RefreshRequests);
        var renewed = await manager.GetAccessTokenAsync(User);
        Assert.Contains("Authorization", logs.Text, StringComparison.Ordinal); // the header was logged, redacted
        Canary.AssertClean(logs.Text, first.AccessToken, first.RefreshToken, renewed);
    }

    [Fact]
    public async Task A_registered_store_is_used_and_the_distributed_cache_store_round_trips_a_rotation_encrypted()
    {
        var cache = new MemoryDistributedCache(Microsoft.Extensions.Options.Options.Create(new MemoryDistributedCacheOptions()));
        var dataProtector = new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider().CreateProtector("ConnectorGen.Tokens");
        var protector = new TokenProtector(dataProtector.Protect, dataProtector.Unprotect);
        var services = new ServiceCollection();
        services.AddSingleton<ITokenStore>(new DistributedCacheTokenStore(cache, "cg:", protector));
        services.AddHttpClient("oauth").AddTypedClient<InfusionsoftOAuthClient>((HttpClient http, IServiceProvider _) => new InfusionsoftOAuthClient(http, Canary.Credentials(), ClientOptions()));
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        services.AddInfusionsoftTokenManagement(o => o.TimeProvider = clock);
        await using var provider = services.BuildServiceProvider();

        var manager = provider.GetRequiredService<InfusionsoftAccessTokenManager>();
        var first = await AuthorizeAsync(provider.GetRequiredService<InfusionsoftOAuthClient>());
        await manager.SaveGrantAsync(User, first);
        clock.Now = first.ExpiresAt!.Value; // the manager's clock: due for a refresh
        TokenStoreCanary.AssertNoTokenAtRest(cache.Get("cg:Infusionsoft:" + User)!, first.AccessToken, first.RefreshToken);

        var access = await manager.GetAccessTokenAsync(User);
        Assert.NotEqual(first.AccessToken, access);
        var raw = cache.Get("cg:Infusionsoft:" + User)!;
        var saved = protector.Unprotect(raw);
        Assert.Equal(access, saved.AccessToken);
        Assert.NotEqual(first.RefreshToken, saved.RefreshToken);
        TokenStoreCanary.AssertNoTokenAtRest(raw, saved.AccessToken, saved.RefreshToken);

        // An entry that cannot be read is a store failure, never "no grant" (which would ask the user again).
        cache.Set("cg:Infusionsoft:" + User, Encoding.UTF8.GetBytes("{\"v\":2}"));
        var fresh = new InfusionsoftAccessTokenManager(provider.GetRequiredService<InfusionsoftOAuthClient>(), provider.GetRequiredService<ITokenStore>());
        var failure = await Assert.ThrowsAsync<TokenStoreException>(() => fresh.GetAccessTokenAsync(User).AsTask());
        Assert.False(failure.GrantKeptInMemory);
        Canary.AssertClean(failure.ToString(), access, saved.RefreshToken);
    }
}
