#pragma warning disable CS1591
using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ConnectorGen.Handshake.Tests.TestSupport;
using ConnectorGen.StandIns;
using ConnectorGen.Generated;
using Contoso.Connectors;
using Xunit;
using Xunit.Abstractions;

namespace ConnectorGen.Handshake.Tests;

/// <summary>Failures of the Open Connectors-managed client, against scripted responses.</summary>
public sealed class OpenConnectorsFaultMatrixTests(ITestOutputHelper output)
{
    private const string Code = "CANARY-oc-code-5b7c";
    private readonly CapturedOutput _output = new(output);

    private static InfusionsoftOpenConnectorsClient Client(HttpClient http, Uri baseUrl, TimeSpan? timeout = null) =>
        new(http, baseUrl, Canary.UserSecret, Canary.OrganizationSecret, Canary.Credentials(),
            new InfusionsoftOpenConnectorsClientOptions { Timeout = timeout });

    private OpenConnectorsException Check(OpenConnectorsException ex, HandshakeErrorKind kind)
    {
        _output.WriteLine(ex.ToString());
        Assert.Equal(kind, ex.Kind);
        Canary.AssertClean(ex.ToString(), Code, "CANARY-instance-token");
        Canary.AssertClean(_output.Text, Code, "CANARY-instance-token");
        return ex;
    }

    private async Task<OpenConnectorsException> CreateAgainst(ScriptedResponse response)
    {
        await using var server = await ScriptedHttpServer.StartAsync(response);
        using var http = Canary.NewHttpClient();
        var ex = await Assert.ThrowsAsync<OpenConnectorsException>(
            () => Client(http, server.Endpoint("/elements/api-v2")).CreateInstanceAsync(Code, "n"));
        Assert.Single(server.Requests);
        return ex;
    }

    [Fact]
    public async Task The_request_follows_the_documented_contract()
    {
        await using var server = await ScriptedHttpServer.StartAsync(ScriptedResponse.Json(200,
            "{\"id\":12,\"name\":\"n\",\"token\":\"CANARY-instance-token\",\"element\":{\"key\":\"infusionsoftcrm\"},\"valid\":true,\"disabled\":false,\"createdDate\":1700000000000,\"configuration\":{\"oauth.user.token\":\"x\",\"bulk.enabled\":true}}"));
        using var http = Canary.NewHttpClient();
        var instance = await Client(http, server.Endpoint("/elements/api-v2/")).CreateInstanceAsync(Code, "n", ["t"]);

        Assert.Equal(12, instance.Id);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1700000000000), instance.CreatedDate);
        Assert.Equal("true", instance.Configuration["bulk.enabled"]);
        Assert.Equal("[redacted]", instance.Configuration["oauth.user.token"]);
        Canary.AssertClean(instance.ToString(), "CANARY-instance-token");

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/elements/api-v2/instances", request.PathAndQuery);
        Assert.Equal("User " + Canary.UserSecret + ", Organization " + Canary.OrganizationSecret, request.Headers["Authorization"]);
        Assert.StartsWith("application/json", request.Headers["Content-Type"]);
        using var body = JsonDocument.Parse(request.Body);
        var root = body.RootElement;
        Assert.Equal("infusionsoftcrm", root.GetProperty("element").GetProperty("key").GetString());
        Assert.Equal(Code, root.GetProperty("providerData").GetProperty("code").GetString());
        Assert.Equal(Canary.ClientSecret, root.GetProperty("configuration").GetProperty("oauth.api.secret").GetString());
        Assert.Equal(Canary.EncryptedKey, root.GetProperty("configuration").GetProperty("infusionsoft.private.key").GetString());
        Assert.Equal("t", root.GetProperty("tags")[0].GetString());
        Assert.Equal("n", root.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Timeout()
    {
        await using var server = await ScriptedHttpServer.StartAsync(new ScriptedResponse { Delay = TimeSpan.FromSeconds(10) });
        using var http = Canary.NewHttpClient();
        var ex = await Assert.ThrowsAsync<OpenConnectorsException>(
            () => Client(http, server.Endpoint("/elements/api-v2"), TimeSpan.FromMilliseconds(300)).CreateInstanceAsync(Code, "n"));
        Check(ex, HandshakeErrorKind.Timeout);
    }

    [Fact]
    public async Task Cancellation()
    {
        await using var server = await ScriptedHttpServer.StartAsync(new ScriptedResponse { Delay = TimeSpan.FromSeconds(10) });
        using var http = Canary.NewHttpClient();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Client(http, server.Endpoint("/elements/api-v2")).FetchAuthorizationRequestAsync(cts.Token));
        Assert.Equal(cts.Token, ex.CancellationToken);
        _output.WriteLine(ex.ToString());
        Canary.AssertClean(ex.ToString());
        Canary.AssertClean(_output.Text);
    }

    [Fact]
    public async Task Connection_refused()
    {
        using var http = Canary.NewHttpClient();
        var ex = await Assert.ThrowsAsync<OpenConnectorsException>(
            () => Client(http, new Uri($"http://127.0.0.1:{Canary.ClosedPort()}/elements/api-v2")).CreateInstanceAsync(Code, "n"));
        Check(ex, HandshakeErrorKind.Transport);
    }

    [Fact]
    public async Task An_html_500_is_an_http_error()
    {
        var ex = await CreateAgainst(new ScriptedResponse { StatusCode = 500, ContentType = "text/html", Body = "<html>oops</html>" });
        Check(ex, HandshakeErrorKind.HttpError);
        Assert.Equal(HttpStatusCode.InternalServerError, ex.StatusCode);
    }

    [Theory]
    [InlineData("{\"id\":1,")]
    [InlineData("{\"id\":1,\"name\":\"n\"}")]
    [InlineData("{\"id\":\"1\",\"token\":\"t\"}")]
    [InlineData("[]")]
    public async Task A_malformed_instance_is_an_invalid_response(string body)
    {
        Check(await CreateAgainst(ScriptedResponse.Json(200, body)), HandshakeErrorKind.InvalidResponse);
    }

    [Fact]
    public async Task An_oversized_body()
    {
        Check(await CreateAgainst(new ScriptedResponse { ContentType = "application/json", GeneratedBodyLength = 10_000_000 }), HandshakeErrorKind.ResponseTooLarge);
    }

    [Fact]
    public async Task A_redirect()
    {
        var ex = await CreateAgainst(new ScriptedResponse { StatusCode = 301, Headers = new Dictionary<string, string> { ["Location"] = "https://elsewhere.example.test/" } });
        Check(ex, HandshakeErrorKind.Redirect);
    }

    [Fact]
    public async Task A_service_error_echoing_secrets_is_scrubbed()
    {
        var ex = await CreateAgainst(ScriptedResponse.Json(409,
            "{\"requestId\":\"r-1\",\"message\":\"Conflict for User " + Canary.UserSecret + "\",\"providerMessage\":\"key " + Canary.EncryptedKey + " code " + Code + "\"}"));
        Check(ex, HandshakeErrorKind.ProtocolError);
        Assert.Equal("r-1", ex.RequestId);
        Assert.Equal("Conflict for User [redacted]", ex.ServiceMessage);
        Assert.Equal("key [redacted] code [redacted]", ex.ProviderMessage);
        Assert.Equal(HttpStatusCode.Conflict, ex.StatusCode);
    }

    [Theory]
    [InlineData("http://api.openconnectors.ext.hanatrial.ondemand.com/elements/api-v2")]
    [InlineData("ftp://127.0.0.1/elements/api-v2")]
    public void Plain_http_base_url_off_loopback_is_refused(string baseUrl)
    {
        using var http = Canary.NewHttpClient();
        var ex = Assert.Throws<OpenConnectorsException>(() => Client(http, new Uri(baseUrl)));
        Check(ex, HandshakeErrorKind.InsecureEndpoint);
    }

    [Theory]
    [InlineData("{\"oauthUrl\":\"https://accounts.infusionsoft.com/app/oauth/authorize?client_id=x&state=not-ours\",\"element\":\"infusionsoftcrm\"}")]
    [InlineData("{\"oauthUrl\":\"http://accounts.infusionsoft.com/app/oauth/authorize?client_id=x\",\"element\":\"infusionsoftcrm\"}")]
    [InlineData("{\"element\":\"infusionsoftcrm\"}")]
    public async Task An_oauth_url_without_our_state_or_not_https_is_refused(string body)
    {
        await using var server = await ScriptedHttpServer.StartAsync(ScriptedResponse.Json(200, body));
        using var http = Canary.NewHttpClient();
        var ex = await Assert.ThrowsAsync<OpenConnectorsException>(
            () => Client(http, server.Endpoint("/elements/api-v2")).FetchAuthorizationRequestAsync());
        Check(ex, HandshakeErrorKind.InvalidResponse);
        var request = Assert.Single(server.Requests);
        Assert.StartsWith("/elements/api-v2/elements/infusionsoftcrm/oauth/url?apiKey=", request.PathAndQuery);
    }
}
