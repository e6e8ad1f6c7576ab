using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ConnectorGen.StandIns.Tests;

/// <summary>Raw HTTP helpers: the tests speak OAuth by hand so they prove the stand-in, not a client.</summary>
internal static class KeapFlow
{
    public const string ClientId = "keap-client-id";
    public const string ClientSecret = "keap-client-secret-9d1c";
    public static readonly Uri RedirectUri = new("https://app.example.test/oauth/callback");

    public static KeapAuthorizationServerOptions Options(bool requirePkce = false)
    {
        var options = new KeapAuthorizationServerOptions { RequirePkce = requirePkce };
        options.Clients.Add(new KeapClientRegistration(ClientId, ClientSecret, [RedirectUri]));
        return options;
    }

    public static HttpClient NewHttpClient() => new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static (string Verifier, string Challenge) NewPkce()
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (verifier, Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }

    public static Uri AuthorizeUrl(Uri endpoint, string state, string? challenge = null, string clientId = ClientId)
    {
        var query = $"client_id={Uri.EscapeDataString(clientId)}&redirect_uri={Uri.EscapeDataString(RedirectUri.AbsoluteUri)}&response_type=code&scope=full&state={Uri.EscapeDataString(state)}";
        if (challenge is not null)
        {
            query += "&code_challenge=" + challenge + "&code_challenge_method=S256";
        }

        return new Uri(endpoint + "?" + query);
    }

    public static Dictionary<string, string> ParseQuery(Uri uri) =>
        uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p.Length > 1 ? p[1].Replace('+', ' ') : ""));

    /// <summary>Runs the authorize step and returns the redirect's query parameters.</summary>
    public static async Task<Dictionary<string, string>> AuthorizeAsync(HttpClient http, Uri url)
    {
        using var response = await http.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith(RedirectUri.AbsoluteUri, location.AbsoluteUri, StringComparison.Ordinal);
        return ParseQuery(location);
    }

    public static async Task<string> GetCodeAsync(HttpClient http, KeapAuthorizationServer server, string? challenge = null)
    {
        var parameters = await AuthorizeAsync(http, AuthorizeUrl(server.AuthorizationEndpoint, "st-1", challenge));
        Assert.Equal("st-1", parameters["state"]);
        return parameters["code"];
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> TokenAsync(
        HttpClient http, KeapAuthorizationServer server, Dictionary<string, string> form, bool basic = false, string secret = ClientSecret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, server.TokenEndpoint);
        if (basic)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.EscapeDataString(ClientId) + ":" + Uri.EscapeDataString(secret))));
        }
        else
        {
            form["client_id"] = ClientId;
            form["client_secret"] = secret;
        }

        request.Content = new FormUrlEncodedContent(form);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    public static Dictionary<string, string> CodeForm(string code, string? verifier = null)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = RedirectUri.AbsoluteUri,
        };
        if (verifier is not null)
        {
            form["code_verifier"] = verifier;
        }

        return form;
    }

    public static Dictionary<string, string> RefreshForm(string refreshToken) =>
        new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken };
}
