using BenchmarkDotNet.Attributes;
using ConnectorGen.StandIns;
using Contoso.Connectors;
using Duende.IdentityModel.Client;

namespace ConnectorGen.Benchmarks.Handshake;

/// <summary>
/// The generated direct client against Duende.IdentityModel (the baseline), one refresh per operation against the
/// same loopback OpenIddict server in this process. Codes are single-use, so the code exchange cannot be replayed in
/// a loop; refresh is the equivalent token-endpoint round trip (form body, HTTP Basic client authentication, JSON
/// response). Each client owns its own grant and keeps the rotated refresh token, as the protocol requires.
/// Allocation numbers include the in-process server's work, which is the same for both.
/// </summary>
[MemoryDiagnoser]
public class RefreshBenchmarks
{
    private const string ClientId = "bench-client";
    private static readonly Uri Callback = new("https://127.0.0.1:5001/callback");
    private readonly string _clientSecret = "bench-" + Guid.NewGuid().ToString("N");
    private KeapAuthorizationServer _server = null!;
    private HttpClient _http = null!;
    private InfusionsoftOAuthClient _generated = null!;
    private string _generatedRefreshToken = string.Empty;
    private string _duendeRefreshToken = string.Empty;

    [GlobalSetup]
    public async Task Setup()
    {
        var options = new KeapAuthorizationServerOptions();
        options.Clients.Add(new KeapClientRegistration(ClientId, _clientSecret, [Callback]));
        _server = await KeapAuthorizationServer.StartAsync(options);
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        var credentials = new InfusionsoftCredentials
        {
            ClientId = ClientId,
            ClientSecret = _clientSecret,
            CallbackUrl = Callback,
            EncryptedKey = new string('a', 32),
        };
        _generated = new InfusionsoftOAuthClient(_http, credentials, new InfusionsoftOAuthClientOptions
        {
            AuthorizationEndpoint = _server.AuthorizationEndpoint,
            TokenEndpoint = _server.TokenEndpoint,
        });
        _generatedRefreshToken = await NewGrantAsync();
        _duendeRefreshToken = await NewGrantAsync();
    }

    private async Task<string> NewGrantAsync()
    {
        var request = _generated.CreateAuthorizationRequest();
        using var consent = await _http.GetAsync(request.AuthorizationUrl);
        var code = _generated.HandleCallback(consent.Headers.Location!, request);
        var tokens = await _generated.ExchangeCodeAsync(code);
        return tokens.RefreshToken!;
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Benchmark(Baseline = true, Description = "Duende.IdentityModel RequestRefreshTokenAsync")]
    public async Task<string> Duende()
    {
        var response = await _http.RequestRefreshTokenAsync(new RefreshTokenRequest
        {
            Address = _server.TokenEndpoint.ToString(),
            ClientId = ClientId,
            ClientSecret = _clientSecret,
            ClientCredentialStyle = ClientCredentialStyle.AuthorizationHeader,
            RefreshToken = _duendeRefreshToken,
        });
        if (response.IsError || response.RefreshToken is null)
        {
            throw new InvalidOperationException("Duende refresh failed: " + response.Error);
        }

        return _duendeRefreshToken = response.RefreshToken;
    }

    [Benchmark(Description = "generated InfusionsoftOAuthClient.RefreshAsync")]
    public async Task<string> Generated()
    {
        var tokens = await _generated.RefreshAsync(_generatedRefreshToken);
        return _generatedRefreshToken = tokens.RefreshToken!;
    }
}
