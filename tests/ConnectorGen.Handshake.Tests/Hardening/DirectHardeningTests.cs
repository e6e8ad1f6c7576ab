#pragma warning disable CS1591
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ConnectorGen.Handshake.Tests.TestSupport;
using ConnectorGen.StandIns;
using ConnectorGen.Generated;
using Contoso.Connectors;
using Xunit;
using Xunit.Abstractions;
using static ConnectorGen.Handshake.Tests.TestSupport.HardeningSupport;

namespace ConnectorGen.Handshake.Tests.Hardening;

/// <summary>
/// Regression tests for the direct client's defects of the 2026-12-02 security review (issue 10). Each test name starts
/// with the defect's class; each failed on the templates from before the fixes. Canaries are checked in every exception
/// and in the test output.
/// </summary>
public sealed class DirectHardeningTests(ITestOutputHelper output)
{
    private const string Code = "CANARY-code-hard-51";
    private const string RefreshToken = "CANARY-refresh-hard-52";
    private const string RotatedRefreshToken = "CANARY-rotated-refresh-53";
    private const string AccessToken = "CANARY-access-hard-54";
    private readonly CapturedOutput _output = new(output);

    private static AuthorizationCode CodeValue() => new(Code, null, Canary.CallbackUrl.AbsoluteUri);

    private static InfusionsoftOAuthClient Client(HttpClient http, Uri tokenEndpoint, InfusionsoftCredentials? credentials = null, TimeProvider? clock = null) =>
        new(http, credentials ?? Canary.Credentials(), new InfusionsoftOAuthClientOptions { TokenEndpoint = tokenEndpoint, TimeProvider = clock ?? TimeProvider.System });

    private T Clean<T>(T exception, params string?[] more)
        where T : Exception
    {
        _output.WriteLine(exception.ToString());
        Canary.AssertClean(exception.ToString(), [Code, RefreshToken, RotatedRefreshToken, AccessToken, .. more]);
        Canary.AssertClean(_output.Text, [Code, RefreshToken, RotatedRefreshToken, AccessToken, .. more]);
        return exception;
    }

    // Defect 1: HttpClient.Timeout covers only the headers of a ResponseHeadersRead call; the body had no deadline.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Body_read_deadline__a_server_that_stalls_after_the_headers_times_out_under_HttpClient_Timeout(bool refresh)
    {
        await using var server = new StallingServer("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n{\"access_token\":\"");
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(1) };
        var client = Client(http, server.Endpoint("/token"));
        var call = refresh ? client.RefreshAsync(RefreshToken) : client.ExchangeCodeAsync(CodeValue());
        var ex = await Within(Assert.ThrowsAsync<OAuthException>(() => call), TimeSpan.FromSeconds(20));
        Assert.Equal(HandshakeErrorKind.Timeout, Clean(ex).Kind);
        Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
    }

    // Defect 6: a 200 refresh answer with a rotated refresh token but an unusable access token lost the rotated token.
    [Theory]
    [InlineData("{\"refresh_token\":\"" + RotatedRefreshToken + "\",\"token_type\":\"bearer\",\"expires_in\":3600}")]
    [InlineData("{\"access_token\":\"has space\",\"refresh_token\":\"" + RotatedRefreshToken + "\",\"token_type\":\"bearer\"}")]
    [InlineData("{\"access_token\":\"" + AccessToken + "\\r\\nX-Injected: 1\",\"refresh_token\":\"" + RotatedRefreshToken + "\",\"token_type\":\"bearer\"}")]
    [InlineData("{\"access_token\":\"" + AccessToken + "\",\"refresh_token\":\"" + RotatedRefreshToken + "\",\"token_type\":\"bearer\",\"expires_in\":\"soon\"}")]
    public async Task Rotation_safety__an_unusable_success_answer_still_hands_over_the_rotated_refresh_token(string body)
    {
        await using var server = await ScriptedHttpServer.StartAsync(ScriptedResponse.Json(200, body));
        using var http = Canary.NewHttpClient();
        var ex = await Assert.ThrowsAsync<OAuthException>(() => Client(http, server.Endpoint("/token")).RefreshAsync(RefreshToken));
        Assert.Equal(HandshakeErrorKind.InvalidResponse, Clean(ex, "X-Injected").Kind);
        Assert.Equal(RotatedRefreshToken, IssuedRefreshTokenOf(ex));
        Assert.Contains("IssuedRefreshToken", ex.Message);
    }

    // Defect 6: a cancellation after the refresh was sent threw and lost the rotated refresh token.
    [Fact]
    public async Task Rotation_safety__a_cancellation_after_the_refresh_was_sent_still_returns_the_rotated_token()
    {
        await using var server = await ScriptedHttpServer.StartAsync(new ScriptedResponse
        {
            Delay = TimeSpan.FromSeconds(1),
            ContentType = "application/json",
            Body = "{\"access_token\":\"" + AccessToken + "\",\"refresh_token\":\"" + RotatedRefreshToken + "\",\"token_type\":\"bearer\",\"expires_in\":3600}",
        });
        using var http = Canary.NewHttpClient();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var result = await Client(http, server.Endpoint("/token")).RefreshAsync(RefreshToken, cts.Token);
        Assert.True(cts.IsCancellationRequested);
        Assert.Equal(RotatedRefreshToken, result.RefreshToken);
        Assert.True(result.RefreshTokenRotated);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Rotation_safety__a_cancellation_before_sending_sends_nothing()
    {
        await using var server = await ScriptedHttpServer.StartAsync(ScriptedResponse.Json(200, "{}"));
        using var http = Canary.NewHttpClient();
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client(http, server.Endpoint("/token")).RefreshAsync(RefreshToken, cts.Token));
        Assert.Empty(server.Requests);
    }

    // Defect 7: token_type was optional and unchecked; expires_in that was not a plain integer silently meant "no expiry".
    [Theory]
    [InlineData("{\"access_token\":\"" + AccessToken + "\",\"expires_in\":3600}")]
    [InlineData("{\"access_token\":\"" + AccessToken + "\",\"token_type\":\"bearer\\r\\nX-Injected: 1\",\"expires_in\":3600}")]
    [InlineData("{\"access_token\":\"" + AccessToken + "\",\"token_type\":\"mac\",\"expires_in\":3600}")]
    [InlineData("{\"access_token\":\"" + AccessToken + "\",\"token_type\":\"bearer\",\"expires_in\":\"86400 \"}")]
    [InlineData("{\"access_token\":\"" + AccessToken + "\",\"token_type\":\"bearer\",\"expires_in\":-5}")]
    [InlineData("{\"access_token\":\"" + AccessToken + "\",\"token_type\":\"bearer\",\"expires_in\":3600.5}")]
    [InlineData("{\"access_token\":\"" + AccessToken + "\",\"token_type\":\"bearer\",\"expires_in\":1e12}")]
    [InlineData("{\"access_token\":\"" + AccessToken + "\",\"token_type\":\"bearer\",\"expires_in\":true}")]
    public async Task Token_response_validation__a_missing_or_odd_token_type_or_expiry_is_an_invalid_response(string body)
    {
        await using var server = await ScriptedHttpServer.StartAsync(ScriptedResponse.Json(200, body));
        using var http = Canary.NewHttpClient();
        var ex = await Assert.ThrowsAsync<OAuthException>(() => Client(http, server.Endpoint("/token")).ExchangeCodeAsync(CodeValue()));
        Assert.Equal(HandshakeErrorKind.InvalidResponse, Clean(ex, "X-Injected").Kind);
        Assert.Null(IssuedRefreshTokenOf(ex));
    }

    [Theory]
    [InlineData("3600.0", 3600)]
    [InlineData("\"86400\"", 86400)]
    [InlineData("0", 0)]
    public async Task Token_response_validation__whole_seconds_are_read_in_every_form(string expiresIn, int seconds)
    {
        await using var server = await ScriptedHttpServer.StartAsync(ScriptedResponse.Json(200,
            "{\"access_token\":\"" + AccessToken + "\",\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn + "}"));
        using var http = Canary.NewHttpClient();
        var now = new DateTimeOffset(2026, 12, 2, 7, 0, 0, TimeSpan.Zero);
        var result = await Client(http, server.Endpoint("/token"), clock: new ManualTimeProvider(now)).ExchangeCodeAsync(CodeValue());
        Assert.Equal(now.AddSeconds(seconds), result.ExpiresAt);
        Assert.DoesNotContain("\n", result.ToString());
        Canary.AssertClean(result.ToString(), AccessToken);
    }

    // Defect 9: with a plain HttpClient (redirects followed) a 307/308 resent the client secret and the code to the other host.
    [Theory]
    [InlineData(307, false)]
    [InlineData(308, false)]
    [InlineData(307, true)]
    [InlineData(308, true)]
    public async Task Redirect_resend__a_307_or_308_never_carries_the_body_or_credentials_to_the_other_host(int status, bool refresh)
    {
        await using var other = await ScriptedHttpServer.StartAsync(ScriptedResponse.Json(200,
            "{\"access_token\":\"" + AccessToken + "\",\"token_type\":\"bearer\",\"refresh_token\":\"" + RotatedRefreshToken + "\"}"));
        await using var server = await ScriptedHttpServer.StartAsync(new ScriptedResponse
        {
            StatusCode = status,
            Headers = new Dictionary<string, string> { ["Location"] = $"http://localhost:{other.BaseUri.Port}/stolen" },
        });
        using var http = new HttpClient(); // the default handler follows redirects
        var client = Client(http, server.Endpoint("/token"));
        var ex = await Assert.ThrowsAsync<OAuthException>(() => refresh ? client.RefreshAsync(RefreshToken) : client.ExchangeCodeAsync(CodeValue()));
        Assert.Equal(HandshakeErrorKind.Redirect, Clean(ex).Kind);
        foreach (var stolen in other.Requests)
        {
            var seen = stolen.Body + "\n" + string.Join("\n", stolen.Headers.Select(h => h.Key + ": " + h.Value));
            _output.WriteLine("The other host saw: " + stolen.Method + " " + stolen.PathAndQuery + " " + seen.Length + " chars");
            Canary.AssertClean(seen, Code, RefreshToken, Convert.ToBase64String(Encoding.UTF8.GetBytes(Canary.ClientId + ":" + Canary.ClientSecret)));
            Assert.False(stolen.Headers.ContainsKey("Authorization"));
        }
    }

    // Defect 12: only exact copies of a secret were redacted; encoded forms and the Error property passed.
    [Fact]
    public async Task Redaction__encoded_and_base64_forms_of_secrets_and_the_error_code_are_scrubbed()
    {
        const string Secret = "CANARY/secret+x=y 7f~";
        var credentials = Canary.Credentials();
        credentials.ClientSecret = Secret;
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.EscapeDataString(Canary.ClientId) + ":" + Uri.EscapeDataString(Secret)));
        var forms = new[]
        {
            Uri.EscapeDataString(Secret),
            Uri.EscapeDataString(Secret).ToLowerInvariant(),
            Uri.EscapeDataString(Secret).Replace("%20", "+"),
            basic,
            Convert.ToBase64String(Encoding.UTF8.GetBytes(Secret)),
            Uri.EscapeDataString(RefreshToken + "/x").Replace("%2F", "%2f"),
        };
        var description = "got " + string.Join(" and ", forms);
        var body = "{\"error\":\"invalid_client " + RefreshToken + "\",\"error_description\":\"" + description + "\",\"error_uri\":\"https://x.test/?h=" + basic + "\"}";
        await using var server = await ScriptedHttpServer.StartAsync(ScriptedResponse.Json(401, body));
        using var http = Canary.NewHttpClient();
        var ex = await Assert.ThrowsAsync<OAuthException>(() => Client(http, server.Endpoint("/token"), credentials).RefreshAsync(RefreshToken));
        Assert.Equal(HandshakeErrorKind.ProtocolError, ex.Kind);
        var everything = ex + "\n" + ex.Error + "\n" + ex.ErrorDescription + "\n" + ex.ErrorUri;
        _output.WriteLine(everything);
        Canary.AssertClean(everything, [Secret, RefreshToken, .. forms]);
        Assert.Contains("[redacted]", ex.ErrorDescription);
    }

    // Defect 8: a pending authorization request had no maximum age and could verify more than one callback.
    [Fact]
    public void Pending_request_lifetime__a_request_verifies_one_callback_only()
    {
        using var http = Canary.NewHttpClient();
        var client = new InfusionsoftOAuthClient(http, Canary.Credentials());
        var request = client.CreateAuthorizationRequest();
        var callback = "?code=" + Code + "&state=" + Uri.EscapeDataString(request.State);
        Assert.Equal(Code, client.HandleCallback(callback, request).Code);
        var ex = Assert.Throws<OAuthException>(() => client.HandleCallback(callback, request));
        Assert.Equal(Kind("AuthorizationRequestUsed"), Clean(ex, request.State).Kind);
    }

    [Fact]
    public void Pending_request_lifetime__a_request_older_than_its_lifetime_is_refused()
    {
        using var http = Canary.NewHttpClient();
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 12, 2, 7, 0, 0, TimeSpan.Zero));
        var client = new InfusionsoftOAuthClient(http, Canary.Credentials(), new InfusionsoftOAuthClientOptions { TimeProvider = clock });
        var request = client.CreateAuthorizationRequest();
        clock.Now += TimeSpan.FromMinutes(11);
        var ex = Assert.Throws<OAuthException>(() => client.HandleCallback("?code=" + Code + "&state=" + Uri.EscapeDataString(request.State), request));
        Assert.Equal(Kind("AuthorizationRequestExpired"), Clean(ex, request.State).Kind);

        // A forged callback (wrong state) does not use the request up: it is refused as a state mismatch.
        var fresh = client.CreateAuthorizationRequest();
        Assert.Equal(HandshakeErrorKind.StateMismatch, Assert.Throws<OAuthException>(() => client.HandleCallback("?code=x&state=forged", fresh)).Kind);
        Assert.Equal(Code, client.HandleCallback("?code=" + Code + "&state=" + Uri.EscapeDataString(fresh.State), fresh).Code);
    }

    // Defect 13: the default Scopes was one shared array, and options were read live by every client.
    [Fact]
    public void Options_isolation__default_scopes_are_not_shared_and_clients_copy_their_options()
    {
        var first = new InfusionsoftOAuthClientOptions();
        if (first.Scopes is string[] shared)
        {
            shared[0] = "CANARY-mutated-scope";
        }

        Assert.Equal(["full"], new InfusionsoftOAuthClientOptions().Scopes);
        Assert.Equal(["full"], new InfusionsoftOpenConnectorsClientOptions().Scopes);

        using var http = Canary.NewHttpClient();
        var options = new InfusionsoftOAuthClientOptions { Scopes = ["full"] };
        var client = new InfusionsoftOAuthClient(http, Canary.Credentials(), options);
        options.AuthorizationEndpoint = new Uri("https://evil.example.test/authorize");
        options.Scopes = ["CANARY-later-scope"];
        var url = client.CreateAuthorizationRequest().AuthorizationUrl;
        Assert.Equal("signin.infusionsoft.com", url.Host);
        Assert.Contains("scope=full", url.Query);
    }

    // Defect 11: a negative timeout, an unusable MaxResponseBytes or a null endpoint escaped as untyped exceptions.
    public static TheoryData<string> BadDirectOptions() => ["negative timeout", "zero timeout", "zero cap", "negative cap", "huge cap", "null token endpoint", "null scopes"];

    [Theory]
    [MemberData(nameof(BadDirectOptions))]
    public async Task Typed_failures__unusable_options_are_a_typed_configuration_error(string what)
    {
        await using var server = await ScriptedHttpServer.StartAsync(ScriptedResponse.Json(200, "{\"access_token\":\"a\",\"token_type\":\"bearer\"}"));
        var options = new InfusionsoftOAuthClientOptions { TokenEndpoint = server.Endpoint("/token") };
        switch (what)
        {
            case "negative timeout": options.Timeout = TimeSpan.FromSeconds(-1); break;
            case "zero timeout": options.Timeout = TimeSpan.Zero; break;
            case "zero cap": options.MaxResponseBytes = 0; break;
            case "negative cap": options.MaxResponseBytes = -1; break;
            case "huge cap": options.MaxResponseBytes = int.MaxValue; break;
            case "null token endpoint": options.TokenEndpoint = null!; break;
            case "null scopes": options.Scopes = null!; break;
        }

        using var http = Canary.NewHttpClient();
        var ex = await AtConstructionOrCall(() => new InfusionsoftOAuthClient(http, Canary.Credentials(), options), client => client.ExchangeCodeAsync(CodeValue()));
        var typed = Assert.IsType<OAuthException>(ex);
        Assert.Contains(typed.Kind, new[] { HandshakeErrorKind.InvalidConfiguration, HandshakeErrorKind.InsecureEndpoint });
        Clean(typed);
        Assert.Empty(server.Requests);
    }

    /// <summary>Read by name so that these tests also compile against the templates from before the fixes.</summary>
    private static string? IssuedRefreshTokenOf(OAuthException exception) =>
        (string?)typeof(OAuthException).GetProperty("IssuedRefreshToken")?.GetValue(exception);
}
