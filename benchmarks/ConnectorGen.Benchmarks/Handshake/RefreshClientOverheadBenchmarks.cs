using BenchmarkDotNet.Attributes;
using ConnectorGen.StandIns;
using Contoso.Connectors;
using Duende.IdentityModel.Client;

namespace ConnectorGen.Benchmarks.Handshake;

// The scripted server answers fixed, made-up token values; they are test data, not credentials.
#pragma warning disable CG2003

/// <summary>
/// The same refresh round trip against a scripted loopback server that answers a fixed token response, so that the
/// numbers are the clients' own work (request building, HTTP, JSON reading) rather than the authorization server's.
/// Baseline: Duende.IdentityModel.
/// </summary>
[MemoryDiagnoser]
public class RefreshClientOverheadBenchmarks
{
    private const string TokenJson = """{"access_token":"at-0123456789abcdef0123456789abcdef","refresh_token":"rt-0123456789abcdef0123456789abcdef","token_type":"bearer","expires_in":86400,"scope":"full|ab123.infusionsoft.com"}""";
    private readonly string _clientSecret = "bench-" + Guid.NewGuid().ToString("N");
    private ScriptedHttpServer _server = null!;
    private HttpClient _http = null!;
    private InfusionsoftOAuthClient _generated = null!;
    private Uri _tokenEndpoint = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _server = await ScriptedHttpServer.StartAsync(ScriptedResponse.Json(200, TokenJson));
        _tokenEndpoint = _server.Endpoint("/token");
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        var credentials = new InfusionsoftCredentials
        {
            ClientId = "bench-client",
            ClientSecret = _clientSecret,
            CallbackUrl = new Uri("https://127.0.0.1:5001/callback"),
            EncryptedKey = new string('a', 32),
        };
        _generated = new InfusionsoftOAuthClient(_http, credentials, new InfusionsoftOAuthClientOptions
        {
            AuthorizationEndpoint = _server.Endpoint("/app/oauth/authorize"),
            TokenEndpoint = _tokenEndpoint,
        });
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Benchmark(Baseline = true, Description = "Duende.IdentityModel RequestRefreshTokenAsync")]
    public async Task<string?> Duende()
    {
        var response = await _http.RequestRefreshTokenAsync(new RefreshTokenRequest
        {
            Address = _tokenEndpoint.ToString(),
            ClientId = "bench-client",
            ClientSecret = _clientSecret,
            ClientCredentialStyle = ClientCredentialStyle.AuthorizationHeader,
            RefreshToken = "rt-previous",
        });
        return response.IsError ? throw new InvalidOperationException(response.Error) : response.RefreshToken;
    }

    [Benchmark(Description = "generated InfusionsoftOAuthClient.RefreshAsync")]
    public async Task<string?> Generated() => (await _generated.RefreshAsync("rt-previous")).RefreshToken;
}
