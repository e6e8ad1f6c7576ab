#pragma warning disable CS1591
using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ConnectorGen.Handshake.Tests.TestSupport;
using ConnectorGen.StandIns;
using ConnectorGen.Generated;
using Contoso.Connectors;
using Xunit;
using Xunit.Abstractions;

namespace ConnectorGen.Handshake.Tests;

/// <summary>
/// One test per failure of the direct client. Each asserts the typed error and that no canary (client secret, private
/// key, platform secrets, the code, tokens, state, verifier) shows in the exception's ToString or in the test's output.
/// </summary>
public sealed class DirectFaultMatrixTests(ITestOutputHelper output)
{
    private const string Code = "CANARY-code-4d2e";
    private const string RefreshToken = "CANARY-refresh-token-a81f";
    private readonly CapturedOutput _output = new(output);

    private static readonly string ValidTokenJson =
        "{\"access_token\":\"CANARY-access-token-77\",\"refresh_token\":\"CANARY-refresh-token-new\",\"expires_in\":86400,\"token_type\":\"bearer\",\"scope\":\"full|ab123.infusionsoft.com\"}";

    private static AuthorizationCode CodeValue() => new(Code, "CANARY-verifier-0c9a", Canary.CallbackUrl.AbsoluteUri);

    private static InfusionsoftOAuthClient Client(HttpClient http, Uri tokenEndpoint, TimeSpan? timeout = null) =>
        new(http, Canary.Credentials(), new InfusionsoftOAuthClientOptions { TokenEndpoint = tokenEndpoint, Timeout = timeout });

    private T Check<T>(T exception, HandshakeErrorKind kind)
        where T : Exception
    {
        var text = exception.ToString();
        _output.WriteLine(text);
        Assert.Equal(kind, ((HandshakeException)(object)exception).Kind);
        Canary.AssertClean(text, Code, RefreshToken, "CANARY-verifier-0c9a", "CANARY-access-token-77", "CANARY-refresh-token-new");
        Canary.AssertClean(_output.Text, Code, RefreshToken, "CANARY-verifier-0c9a", "CANARY-access-token-77", "CANARY-refresh-token-new");
        return exception;
    }

    private async Task<OAuthException> ExchangeAgainst(ScriptedResponse response, bool refresh = false)
    {
        await using var server = await ScriptedHttpServer.StartAsync(response);
        using var http = Canary.NewHttpClient();
        var client = Client(http, server.Endpoint("/token"));
        var ex = await Assert.ThrowsAsync<OAuthException>(() => refresh ? client.RefreshAsync(RefreshToken) : client.ExchangeCodeAsync(CodeValue()));
        Assert.Single(server.Requests); // sent once: never retried
        return ex;
    }

    [Fact]
    public async Task Scripted_success_is_parsed_so_the_matrix_below_tests_real_failures()
    {
        await using var server = await ScriptedHttpServer.StartAsync(ScriptedResponse.Json(200, ValidTokenJson));
        using var http = Canary.NewHttpClient();
        var result = await Client(http, server.Endpoint("/token")).ExchangeCodeAsync(CodeValue());
        Assert.Equal("CANARY-access-token-77", result.AccessToken);
        Assert.Equal("full|ab123.infusionsoft.com", result.Scope);
        var request = Assert.Single(server.Requests);
        Assert.Contains("client_secret=" + Canary.ClientSecret, request.Body);
        Assert.Contains("code_verifier=CANARY-verifier-0c9a", request.Body);
        Assert.Contains("grant_type=authorization_code", request.Body);
    }

    [Fact]
    public async Task Timeout_from_the_client_option()
    {
        await using var server = await ScriptedHttpServer.StartAsync(new ScriptedResponse { Delay = TimeSpan.FromSeconds(10), Body = ValidTokenJson });
        using var http = Canary.NewHttpClient();
        var client = Client(http, server.Endpoint("/token"), TimeSpan.FromMilliseconds(300));
        var ex = await Assert.ThrowsAsync<OAuthException>(() => client.ExchangeCodeAsync(CodeValue()));
        Check(ex, HandshakeErrorKind.Timeout);
    }

    [Fact]
    public async Task Timeout_from_HttpClient_Timeout()
    {
        await using var server = await ScriptedHttpServer.StartAsync(new ScriptedResponse { Delay = TimeSpan.FromSeconds(10), Body = ValidTokenJson });
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromMilliseconds(300) };
        var ex = await Assert.ThrowsAsync<OAuthException>(() => Client(http, server.Endpoint("/token")).RefreshAsync(RefreshToken));
        Check(ex, HandshakeErrorKind.Timeout);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_before_sending_is_an_OperationCanceledException()
    {
        // After sending, a token request completes instead (see Hardening/DirectHardeningTests: rotation safety).
        await using var server = await ScriptedHttpServer.StartAsync(new ScriptedResponse { Body = ValidTokenJson });
        using var http = Canary.NewHttpClient();
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Client(http, server.Endpoint("/token"), TimeSpan.FromSeconds(20)).ExchangeCodeAsync(CodeValue(), cts.Token));
        Assert.Equal(cts.Token, ex.CancellationToken);
        Assert.Empty(server.Requests);
        _output.WriteLine(ex.ToString());
        Canary.AssertClean(ex.ToString(), Code);
    }

    [Fact]
    public async Task Connection_refused_is_a_transport_error()
    {
        using var http = Canary.NewHttpClient();
        var endpoint = new Uri($"http://127.0.0.1:{Canary.ClosedPort()}/token");
        var ex = await Assert.ThrowsAsync<OAuthException>(() => Client(http, endpoint).ExchangeCodeAsync(CodeValue()));
        Check(ex, HandshakeErrorKind.Transport);
        Assert.IsType<HttpRequestException>(ex.InnerException);
        Assert.Null(ex.StatusCode);
    }

    [Theory]
    [InlineData("invalid_request")]
    [InlineData("invalid_client")]
    [InlineData("invalid_grant")]
    [InlineData("unauthorized_client")]
    [InlineData("unsupported_grant_type")]
    [InlineData("invalid_scope")]
    public async Task Rfc6749_errors_in_a_400_are_protocol_errors(string error)
    {
        var ex = await ExchangeAgainst(ScriptedResponse.Json(400,
            "{\"error\":\"" + error + "\",\"error_description\":\"Described " + error + "\",\"error_uri\":\"https://developer.keap.com/errors\"}"));
        Check(ex, HandshakeErrorKind.ProtocolError);
        Assert.Equal(error, ex.Error);
        Assert.Equal("Described " + error, ex.ErrorDescription);
        Assert.Equal("https://developer.keap.com/errors", ex.ErrorUri);
        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Contains(error, ex.Message);
    }

    [Fact]
    public async Task A_401_with_an_oauth_error_keeps_its_status()
    {
        var ex = await ExchangeAgainst(new ScriptedResponse
        {
            StatusCode = 401,
            ContentType = "application/json",
            Body = "{\"error\":\"invalid_client\"}",
            Headers = new Dictionary<string, string> { ["WWW-Authenticate"] = "Basic realm=\"keap\"" },
        }, refresh: true);
        Check(ex, HandshakeErrorKind.ProtocolError);
        Assert.Equal("invalid_client", ex.Error);
        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
    }

    [Fact]
    public async Task A_500_without_a_body_is_an_http_error()
    {
        var ex = await ExchangeAgainst(new ScriptedResponse { StatusCode = 500 });
        Check(ex, HandshakeErrorKind.HttpError);
        Assert.Equal(HttpStatusCode.InternalServerError, ex.StatusCode);
        Assert.Null(ex.Error);
    }

    [Fact]
    public async Task An_html_error_page_is_an_http_error()
    {
        var ex = await ExchangeAgainst(new ScriptedResponse { StatusCode = 502, ContentType = "text/html", Body = "<html><body><h1>502 Bad Gateway</h1></body></html>" });
        Check(ex, HandshakeErrorKind.HttpError);
        Assert.Equal(HttpStatusCode.BadGateway, ex.StatusCode);
    }

    [Fact]
    public async Task An_html_page_with_200_is_an_invalid_response()
    {
        var ex = await ExchangeAgainst(new ScriptedResponse { StatusCode = 200, ContentType = "text/html", Body = "<html>Sign in to the Wi-Fi</html>" });
        Check(ex, HandshakeErrorKind.InvalidResponse);
    }

    [Theory]
    [InlineData("{\"access_token\": ")]
    [InlineData("[\"access_token\"]")]
    [InlineData("{\"token_type\":\"bearer\"}")]
    [InlineData("{\"access_token\":42}")]
    public async Task Malformed_json_or_a_missing_access_token_is_an_invalid_response(string body)
    {
        var ex = await ExchangeAgainst(ScriptedResponse.Json(200, body));
        Check(ex, HandshakeErrorKind.InvalidResponse);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_oversized_body_is_refused_without_reading_it_all(bool chunked)
    {
        var ex = await ExchangeAgainst(new ScriptedResponse { ContentType = "application/json", GeneratedBodyLength = 50_000_000, Chunked = chunked });
        Check(ex, HandshakeErrorKind.ResponseTooLarge);
        Assert.Contains("65536", ex.Message);
    }

    [Fact]
    public async Task A_redirect_is_an_error_and_is_not_followed()
    {
        var ex = await ExchangeAgainst(new ScriptedResponse
        {
            StatusCode = 307,
            Headers = new Dictionary<string, string> { ["Location"] = "https://evil.example.test/token" },
        });
        Check(ex, HandshakeErrorKind.Redirect);
        Assert.Equal(HttpStatusCode.TemporaryRedirect, ex.StatusCode);
        Assert.DoesNotContain("evil.example.test", ex.ToString());
    }

    [Fact]
    public async Task A_redirect_to_another_host_followed_by_the_handler_is_still_refused()
    {
        await using var other = await ScriptedHttpServer.StartAsync(ScriptedResponse.Json(200, ValidTokenJson));
        var elsewhere = new Uri($"http://localhost:{other.BaseUri.Port}/token");
        await using var server = await ScriptedHttpServer.StartAsync(new ScriptedResponse
        {
            StatusCode = 302,
            Headers = new Dictionary<string, string> { ["Location"] = elsewhere.AbsoluteUri },
        });
        using var http = Canary.NewHttpClient(allowAutoRedirect: true);
        var ex = await Assert.ThrowsAsync<OAuthException>(() => Client(http, server.Endpoint("/token")).ExchangeCodeAsync(CodeValue()));
        Check(ex, HandshakeErrorKind.Redirect);
        Assert.Single(other.Requests); // the handler did follow: the client still refused the answer
    }

    [Theory]
    [InlineData("http://api.infusionsoft.com/token")]
    [InlineData("http://10.0.0.8/token")]
    [InlineData("https://user:CANARY-client-secret-7f3a9@api.infusionsoft.com/token")]
    public async Task Plain_http_off_loopback_is_refused_before_sending(string endpoint)
    {
        var counting = new CountingHandler(new SocketsHttpHandler { AllowAutoRedirect = false });
        using var http = new HttpClient(counting);
        var ex = await Assert.ThrowsAsync<OAuthException>(() => Client(http, new Uri(endpoint)).ExchangeCodeAsync(CodeValue()));
        Check(ex, HandshakeErrorKind.InsecureEndpoint);
        Assert.Equal(0, counting.Count);

        var authorize = new InfusionsoftOAuthClient(http, Canary.Credentials(), new InfusionsoftOAuthClientOptions { AuthorizationEndpoint = new Uri(endpoint) });
        Check(Assert.Throws<OAuthException>(() => authorize.CreateAuthorizationRequest()), HandshakeErrorKind.InsecureEndpoint);
    }

    [Fact]
    public async Task An_error_description_echoing_a_secret_is_scrubbed()
    {
        var ex = await ExchangeAgainst(ScriptedResponse.Json(400,
            "{\"error\":\"invalid_client\",\"error_description\":\"secret " + Canary.ClientSecret + " and code " + Code + " are wrong\"}"));
        Check(ex, HandshakeErrorKind.ProtocolError);
        Assert.Equal("secret [redacted] and code [redacted] are wrong", ex.ErrorDescription);
    }

    [Fact]
    public async Task Missing_client_secret_is_a_configuration_error_and_nothing_is_sent()
    {
        var counting = new CountingHandler(new SocketsHttpHandler());
        using var http = new HttpClient(counting);
        var credentials = Canary.Credentials();
        credentials.ClientSecret = null;
        var client = new InfusionsoftOAuthClient(http, credentials, new InfusionsoftOAuthClientOptions { TokenEndpoint = new Uri("http://127.0.0.1:9/token") });
        var ex = await Assert.ThrowsAsync<OAuthException>(() => client.RefreshAsync(RefreshToken));
        Check(ex, HandshakeErrorKind.InvalidConfiguration);
        Assert.Contains("client secret", ex.Message);
        Assert.Equal(0, counting.Count);
    }
}
