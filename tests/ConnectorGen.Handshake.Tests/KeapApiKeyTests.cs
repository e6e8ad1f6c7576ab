#pragma warning disable CS1591
using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Threading.Tasks;
using ConnectorGen.Generated;
using ConnectorGen.Handshake.Tests.TestSupport;
using ConnectorGen.StandIns;
using Contoso.Connectors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;
using Xunit;

namespace ConnectorGen.Handshake.Tests;

/// <summary>
/// The apiKey mapping samples/Keap/keap.connector.json (a Service Account Key in X-Keap-API-Key), its generated handler
/// and Add&lt;C&gt;Authentication, against the Keap stand-in's REST resource: quota headers, Apigee faults, typed errors.
/// </summary>
public sealed class KeapApiKeyTests : IAsyncLifetime
{
    // Built at run time: a KeapAK- literal in source is what the project's own analyzers flag (CG2002).
    private static readonly string Key = "KeapAK-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(25)).ToLowerInvariant();
    private static readonly string OtherKey = "KeapAK-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(25)).ToLowerInvariant();
    private KeapAuthorizationServer _keap = null!;

    public async Task InitializeAsync()
    {
        var options = Canary.KeapOptions();
        options.ApiKeys.Add(Key);
        options.QuotaLimit = 3;
        options.RetryAfterSeconds = 42;
        _keap = await KeapAuthorizationServer.StartAsync(options);
    }

    public async Task DisposeAsync() => await _keap.DisposeAsync();

    private HttpClient Api(string key, ProviderQuotaMonitor? monitor = null, Uri? apiBaseUrl = null)
    {
        var handler = KeapApiAuthentication.CreateHandler(new KeapCredentials { ApiKey = key }, new ProviderCredentialHandlerOptions
        {
            ApiBaseUrl = apiBaseUrl ?? _keap.BaseUri,
            QuotaMonitor = monitor,
        });
        handler.InnerHandler = new SocketsHttpHandler { AllowAutoRedirect = false };
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
    }

    [Fact]
    public void The_mapping_states_the_header_and_the_api_base_url()
    {
        Assert.Equal("X-Keap-API-Key", KeapApiAuthentication.ApiKeyName);
        Assert.False(KeapApiAuthentication.ApiKeyInQuery);
        Assert.Equal("https://api.infusionsoft.com/crm/rest", KeapApiAuthentication.ApiBaseUrl);
    }

    [Fact]
    public async Task The_key_goes_in_X_Keap_API_Key_and_the_quota_readings_are_kept()
    {
        var monitor = new ProviderQuotaMonitor();
        using var api = Api(Key, monitor);
        using var response = await api.GetAsync(_keap.ResourceEndpoint);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, _keap.ResourceRequestsRejected);
        var quota = monitor.Last!;
        var product = quota.Find("x-keap-product-quota")!;
        Assert.Equal(3, product.Windows[0].Limit);
        Assert.Equal(1, product.Windows[0].Used);
        Assert.Equal(2, product.Windows[0].Available);
        Assert.Equal("minute", product.Windows[0].TimeUnit);
        Assert.NotNull(product.Windows[0].ExpiresAt);
        var tenant = quota.Find("x-keap-tenant-throttle")!;
        Assert.Equal(["minute", "day"], tenant.Windows.Select(w => w.TimeUnit));
        Assert.Equal([10000L, 250000L], tenant.Windows.Select(w => w.Limit!.Value));
        Canary.AssertClean(quota.ToString(), Key);
    }

    [Fact]
    public async Task A_refused_key_is_a_typed_401_with_the_apigee_fault_code_and_no_key_in_it()
    {
        using var api = Api(OtherKey);
        var error = await Assert.ThrowsAsync<ProviderApiException>(() => api.GetAsync(_keap.ResourceEndpoint));

        Assert.Equal(HandshakeErrorKind.Unauthorized, error.Kind);
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal("oauth.v2.InvalidApiKey", error.FaultCode);
        Assert.Equal(1, _keap.ResourceRequestsRejected);
        Canary.AssertClean(error.ToString(), OtherKey, Key);
    }

    [Fact]
    public async Task A_429_is_a_typed_error_with_the_readings_and_retry_after_and_is_not_retried()
    {
        var monitor = new ProviderQuotaMonitor();
        using var api = Api(Key, monitor);
        for (var i = 0; i < 3; i++)
        {
            (await api.GetAsync(_keap.ResourceEndpoint)).Dispose();
        }

        var error = await Assert.ThrowsAsync<ProviderApiException>(() => api.GetAsync(_keap.ResourceEndpoint));
        Assert.Equal(HandshakeErrorKind.RateLimited, error.Kind);
        Assert.Equal("policies.ratelimit.QuotaViolation", error.FaultCode);
        Assert.Equal(TimeSpan.FromSeconds(42), error.RetryAfter);
        Assert.Equal(0, error.Quota!.Find("x-keap-product-quota")!.Windows[0].Available);
        Assert.Same(error.Quota, monitor.Last);
        Assert.Equal(4, _keap.ResourceRequests);
        Canary.AssertClean(error.ToString(), Key);
    }

    [Fact]
    public async Task The_key_is_never_sent_to_another_origin()
    {
        using var api = Api(Key, apiBaseUrl: new Uri("https://api.infusionsoft.com/crm/rest"));
        var error = await Assert.ThrowsAsync<ProviderApiException>(() => api.GetAsync(_keap.ResourceEndpoint));

        Assert.Equal(HandshakeErrorKind.InsecureEndpoint, error.Kind);
        Assert.Equal(0, _keap.ResourceRequests);
        Canary.AssertClean(error.ToString(), Key);
    }

    [Fact]
    public void A_plain_http_api_base_url_off_loopback_is_refused()
    {
        var error = Assert.Throws<ProviderApiException>(() => Api(Key, apiBaseUrl: new Uri("http://api.example.test/")));
        Assert.Equal(HandshakeErrorKind.InsecureEndpoint, error.Kind);
    }

    [Fact]
    public void A_missing_or_header_breaking_key_is_refused_without_naming_it()
    {
        Assert.Equal(HandshakeErrorKind.InvalidConfiguration, Assert.Throws<ProviderApiException>(() => Api(null!)).Kind);
        var broken = Key + "\r\nX-Injected: 1";
        var error = Assert.Throws<ProviderApiException>(() => Api(broken));
        Canary.AssertClean(error.ToString(), Key);
    }

    [Fact]
    public void The_handler_ToString_shows_no_key()
    {
        var handler = KeapApiAuthentication.CreateHandler(new KeapCredentials { ApiKey = Key }, new ProviderCredentialHandlerOptions { ApiBaseUrl = _keap.BaseUri });
        Assert.Contains("X-Keap-API-Key", handler.ToString(), StringComparison.Ordinal);
        Canary.AssertClean(handler.ToString()!, Key);
    }

    [Fact]
    public async Task AddKeapAuthentication_calls_the_api_and_redacts_the_header_composed_with_the_application_policy()
    {
        var services = new ServiceCollection();
        services.AddHttpClient("keap")
            .RedactLoggedHeaders(name => name == "X-App-Secret")
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .AddKeapAuthentication(_ => new KeapCredentials { ApiKey = Key }, _keap.BaseUri);
        await using var provider = services.BuildServiceProvider();

        var redact = provider.GetRequiredService<IOptionsMonitor<HttpClientFactoryOptions>>().Get("keap").ShouldRedactHeaderValue;
        Assert.True(redact("X-Keap-API-Key"));
        Assert.True(redact("x-keap-api-key"));
        Assert.True(redact("X-App-Secret"));
        Assert.False(redact("Accept"));

        var api = provider.GetRequiredService<IHttpClientFactory>().CreateClient("keap");
        using var response = await api.GetAsync(_keap.ResourceEndpoint);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(provider.GetRequiredService<ProviderQuotaMonitor<KeapCredentials>>().Last);
    }
}
