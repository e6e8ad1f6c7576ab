#pragma warning disable CS1591
using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ConnectorGen.StandIns;
using Contoso.Connectors;
using Xunit;
using Xunit.Abstractions;

namespace ConnectorGen.Handshake.Tests.TestSupport;

/// <summary>Canary secrets: none of them may ever appear in an exception, a ToString or test output.</summary>
public static class Canary
{
    public const string ClientId = "infusionsoft-client-id";
    public const string ClientSecret = "CANARY-client-secret-7f3a9";
    public const string EncryptedKey = "c0ffeec0ffee7f3a9cafecafe7f3a901";
    public const string UserSecret = "CANARY-oc-user-secret-31c";
    public const string OrganizationSecret = "CANARY-oc-org-secret-8e2";
    public static readonly Uri CallbackUrl = new("https://app.example.test/infusionsoft/callback");

    public static InfusionsoftCredentials Credentials() => new()
    {
        ClientId = ClientId,
        ClientSecret = ClientSecret,
        EncryptedKey = EncryptedKey,
        CallbackUrl = CallbackUrl,
        Server = "ab123.infusionsoft.com",
    };

    public static KeapAuthorizationServerOptions KeapOptions(bool requirePkce = false)
    {
        var options = new KeapAuthorizationServerOptions { RequirePkce = requirePkce };
        options.Clients.Add(new KeapClientRegistration(ClientId, ClientSecret, [CallbackUrl]));
        return options;
    }

    public static HttpClient NewHttpClient(bool allowAutoRedirect = false) =>
        new(new SocketsHttpHandler { AllowAutoRedirect = allowAutoRedirect }) { Timeout = TimeSpan.FromSeconds(30) };

    public static string[] StaticSecrets => [ClientSecret, EncryptedKey, UserSecret, OrganizationSecret];

    /// <summary>Asserts that no secret (static canaries plus per-test values such as codes and tokens) is in the text.</summary>
    public static void AssertClean(string text, params string?[] more)
    {
        foreach (var secret in StaticSecrets)
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }

        foreach (var secret in more)
        {
            if (!string.IsNullOrEmpty(secret))
            {
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            }
        }
    }

    /// <summary>A port on 127.0.0.1 where nothing listens.</summary>
    public static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Follows the authorize endpoint's redirect by hand and returns the callback URL it points to.</summary>
    public static async Task<Uri> FollowAuthorizeAsync(HttpClient http, Uri authorizationUrl)
    {
        using var response = await http.GetAsync(authorizationUrl);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith(CallbackUrl.AbsoluteUri, location.AbsoluteUri, StringComparison.Ordinal);
        return location;
    }
}

/// <summary>Test output that is also kept, so the test can assert on what it printed.</summary>
public sealed class CapturedOutput(ITestOutputHelper inner)
{
    private readonly StringBuilder _text = new();

    public string Text => _text.ToString();

    public void WriteLine(string line)
    {
        _text.AppendLine(line);
        inner.WriteLine(line);
    }
}

/// <summary>A clock that stands still unless told.</summary>
public sealed class ManualTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>Counts requests that reach the network.</summary>
public sealed class CountingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _count);
        return base.SendAsync(request, cancellationToken);
    }
}
