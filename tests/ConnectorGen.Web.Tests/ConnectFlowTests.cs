using System.Net;
using System.Web;
using Contoso.InfusionsoftWeb;
using Microsoft.Playwright;

namespace ConnectorGen.Web.Tests;

/// <summary>
/// Clicks through the web sample in Chromium: home page -> Connect -> the Keap stand-in (consent is automatic) ->
/// /callback, where Open Connectors (stand-in) creates the instance.
/// </summary>
public sealed class ConnectFlowTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private WebAppUnderTest _app = null!;
    private IBrowserContext _context = null!;
    private IPage _page = null!;
    private readonly List<string> _navigations = [];

    public async Task InitializeAsync()
    {
        // Before the app starts: without a browser the test is skipped (failed under CI) and nothing is left running.
        var browser = chromium.Browser;
        _app = await WebAppUnderTest.StartAsync();
        _context = await browser.NewContextAsync();
        _context.SetDefaultTimeout(30_000);
        _page = await _context.NewPageAsync();
        _page.Request += (_, request) =>
        {
            if (request.IsNavigationRequest)
            {
                lock (_navigations)
                {
                    _navigations.Add(request.Url);
                }
            }
        };
    }

    public async Task DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }

        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private async Task<IResponse?> ClickConnectAndWaitForCallbackAsync()
    {
        var home = await _page.GotoAsync(_app.BaseUrl.AbsoluteUri);
        Assert.Equal((int)HttpStatusCode.OK, home!.Status);
        var callback = _page.WaitForResponseAsync(response => new Uri(response.Url).AbsolutePath == InfusionsoftWebApp.CallbackPath);
        await _page.GetByRole(AriaRole.Link, new() { Name = "Connect Infusionsoft" }).ClickAsync();
        var response = await callback;
        await _page.WaitForLoadStateAsync(LoadState.Load);
        return response;
    }

    private Uri CallbackNavigation()
    {
        lock (_navigations)
        {
            return new Uri(Assert.Single(_navigations, url => new Uri(url).AbsolutePath == InfusionsoftWebApp.CallbackPath));
        }
    }

    [SkippableFact]
    public async Task Connect_creates_the_instance_and_the_page_shows_it_without_any_secret()
    {
        var response = await ClickConnectAndWaitForCallbackAsync();
        Assert.Equal((int)HttpStatusCode.OK, response!.Status);

        // The browser really went through the Keap stand-in, and only Open Connectors redeemed the code.
        lock (_navigations)
        {
            Assert.Contains(_navigations, url => url.StartsWith(_app.StandIns.Keap.AuthorizationEndpoint.AbsoluteUri, StringComparison.Ordinal));
        }

        Assert.Equal(1, _app.StandIns.Keap.AuthorizationRequests);
        Assert.Equal(["authorization_code"], _app.StandIns.Keap.GrantTypes);
        var created = Assert.Single(_app.StandIns.OpenConnectors.CreatedInstances);
        Assert.Equal(WebAppUnderTest.ClientSecret, created.Configuration["oauth.api.secret"]);
        Assert.Equal(WebAppUnderTest.EncryptedKey, created.Configuration["infusionsoft.private.key"]);
        Assert.Equal(new Uri(_app.BaseUrl, InfusionsoftWebApp.CallbackPath).AbsoluteUri, created.Configuration["oauth.callback.url"]);

        // The page shows the instance the stand-in created.
        Assert.Equal("Infusionsoft connected", await _page.TitleAsync());
        Assert.Equal(created.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), await _page.Locator("#instance-id").InnerTextAsync());
        Assert.Equal("infusionsoftcrm", await _page.Locator("#element-key").InnerTextAsync());
        Assert.Equal(created.Name, await _page.Locator("#instance-name").InnerTextAsync());
        Assert.Contains("received", await _page.Locator("#token-status").InnerTextAsync());

        // ... and nothing secret: not the canaries, the instance token, the provider tokens, the code or the state.
        var callback = HttpUtility.ParseQueryString(CallbackNavigation().Query);
        var code = callback["code"];
        var state = callback["state"];
        Assert.False(string.IsNullOrEmpty(code));
        Assert.False(string.IsNullOrEmpty(state));
        string[] perRun = [created.Token, created.Configuration["oauth.user.token"], created.Configuration["oauth.user.refresh_token"], code!, state!];
        Assert.All(perRun, value => Assert.True(value.Length >= 8, "a per-run secret is too short to search for"));
        var html = await _page.ContentAsync();
        AssertClean("the callback page", html, perRun);

        // The app's logs (everything at Trace) carry none of them either, although the callback URL holds the code and state.
        Assert.Contains(_app.Logs.Lines, line => line.Contains("Created Open Connectors instance " + created.Id, StringComparison.Ordinal));
        AssertClean("the app's logs", _app.Logs.Text, perRun);

        // The pending-request cookie is gone once used.
        Assert.DoesNotContain(await _context.CookiesAsync(), cookie => cookie.Name == InfusionsoftWebApp.PendingCookieName);
    }

    [SkippableFact]
    public async Task Denied_consent_shows_the_access_denied_page_and_creates_nothing()
    {
        _app.StandIns.Keap.DenyConsent = true;

        var response = await ClickConnectAndWaitForCallbackAsync();

        Assert.Equal((int)HttpStatusCode.Forbidden, response!.Status);
        Assert.Equal("access_denied", HttpUtility.ParseQueryString(CallbackNavigation().Query)["error"]);
        Assert.Equal("Access was not granted", await _page.TitleAsync());
        Assert.Contains("You declined access at Infusionsoft", await _page.Locator("#access-denied").InnerTextAsync());
        Assert.Equal(0, await _page.Locator("#instance-id").CountAsync());
        Assert.Empty(_app.StandIns.OpenConnectors.CreatedInstances);
        Assert.Equal(0, _app.StandIns.Keap.TokenRequests);
        var state = HttpUtility.ParseQueryString(CallbackNavigation().Query)["state"];
        AssertClean("the access-denied page", await _page.ContentAsync(), state!);
        AssertClean("the app's logs", _app.Logs.Text, state!);
    }

    [SkippableFact]
    public async Task A_forged_callback_in_a_browser_with_a_pending_connection_is_refused_before_open_connectors_is_called()
    {
        // The user started a connection (the context's request API shares the browser's cookies; redirects not followed) ...
        var connect = await _context.APIRequest.GetAsync(new Uri(_app.BaseUrl, "connect").AbsoluteUri, new() { MaxRedirects = 0 });
        Assert.Equal((int)HttpStatusCode.Found, connect.Status);
        var issuedState = HttpUtility.ParseQueryString(new Uri(connect.Headers["location"]).Query)["state"];
        Assert.False(string.IsNullOrEmpty(issuedState));
        Assert.Contains(await _context.CookiesAsync(), cookie => cookie.Name == InfusionsoftWebApp.PendingCookieName);

        // ... and then follows an attacker's callback link that carries a code and a state the app did not issue.
        var response = await _page.GotoAsync(new Uri(_app.BaseUrl, InfusionsoftWebApp.CallbackPath.TrimStart('/') + "?code=forged-code-123&state=forged-state-456").AbsoluteUri);

        Assert.Equal((int)HttpStatusCode.BadRequest, response!.Status);
        Assert.Equal("Connection refused", await _page.TitleAsync());
        Assert.Equal(1, await _page.Locator("#state-mismatch").CountAsync());
        Assert.Empty(_app.StandIns.OpenConnectors.CreatedInstances);
        Assert.Equal(0, _app.StandIns.OpenConnectors.Requests);
        AssertClean("the refusal page", await _page.ContentAsync(), issuedState!);
        AssertClean("the app's logs", _app.Logs.Text, issuedState!);
    }

    [SkippableFact]
    public async Task A_callback_without_a_pending_request_is_refused()
    {
        var response = await _page.GotoAsync(new Uri(_app.BaseUrl, InfusionsoftWebApp.CallbackPath + "?code=some-code-123&state=some-state-456").AbsoluteUri);

        Assert.Equal((int)HttpStatusCode.BadRequest, response!.Status);
        Assert.Equal(1, await _page.Locator("#no-pending").CountAsync());
        Assert.Equal(0, _app.StandIns.OpenConnectors.Requests);
    }

    private static void AssertClean(string where, string text, params string[] more)
    {
        var secrets = WebAppUnderTest.StaticSecrets.Concat(more).ToArray();
        foreach (var secret in secrets)
        {
            var at = text.IndexOf(secret, StringComparison.Ordinal);
            if (at >= 0)
            {
                // Name the offending line, every known secret masked, so the leak can be found without printing a value.
                var start = text.LastIndexOf('\n', at) + 1;
                var end = text.IndexOf('\n', at);
                var line = text[start..(end < 0 ? text.Length : end)];
                line = secrets.Aggregate(line, (masked, value) => masked.Replace(value, "[SECRET]", StringComparison.Ordinal));
                Assert.Fail($"{where} contains a secret value (length {secret.Length}) in: {line}");
            }
        }
    }
}
