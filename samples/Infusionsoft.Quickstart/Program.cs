using System.Net;
using ConnectorGen.Generated;
using ConnectorGen.StandIns;
using Contoso.Connectors;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

// ConnectorGen quickstart: the Open Connectors-managed handshake for Infusionsoft, step by step.
// With no configuration it runs against embedded loopback stand-ins (an OAuth 2.0 server built with OpenIddict that
// plays Keap, and an Open Connectors stand-in that enforces the documented contract) on demo values that are not real
// credentials. Supply Infusionsoft:* through user-secrets or environment variables (Infusionsoft__ClientSecret, ...),
// including Infusionsoft:OpenConnectors:BaseUrl, UserSecret and OrganizationSecret, to run against the real services.
var demo = new Dictionary<string, string?>
{
    ["Infusionsoft:EncryptedKey"] = Demo("0123456789abcdef", 2),
    ["Infusionsoft:ClientId"] = "demo-client-id",
    ["Infusionsoft:ClientSecret"] = Demo("demo-secret-", 2),
    ["Infusionsoft:CallbackUrl"] = "https://127.0.0.1:5001/callback",
    ["Infusionsoft:Server"] = "ab123.infusionsoft.com",
};

var configuration = new ConfigurationBuilder()
    .AddInMemoryCollection(demo)
    .AddUserSecrets(typeof(Program).Assembly, optional: true)
    .AddEnvironmentVariables()
    .Build();
var section = configuration.GetSection(InfusionsoftCredentials.ConfigurationSectionName);

Step(1, "The mapping, read at compile time from infusionsoft.connector.json");
Say($"element key {InfusionsoftCredentials.ElementKey}; Encrypted Key -> {InfusionsoftCredentials.Parameters.EncryptedKey}, client_id -> {InfusionsoftCredentials.Parameters.ClientId},");
Say($"client_secret -> {InfusionsoftCredentials.Parameters.ClientSecret}, Callback URL -> {InfusionsoftCredentials.Parameters.CallbackUrl}, server -> {InfusionsoftCredentials.Parameters.Server}");

await using var standIns = await StandIns.StartIfNeededAsync(configuration, section);
if (standIns is not null)
{
    Say($"no Open Connectors account configured: using the loopback stand-ins (Keap at {standIns.Keap.BaseUri}, Open Connectors at {standIns.OpenConnectors.BaseUri})");
}

var services = new ServiceCollection().AddInfusionsoftConnector(standIns?.Section ?? section);
await using var provider = services.BuildServiceProvider();

Step(2, "Validation of the bound credentials (the generated validator, run at start-up)");
provider.GetRequiredService<IStartupValidator>().Validate();
var credentials = provider.GetRequiredService<IOptions<InfusionsoftCredentials>>().Value;
Say("valid: " + credentials);

var client = provider.GetRequiredService<InfusionsoftOpenConnectorsClient>();
Step(3, "The authorization URL (state is 256 random bits, kept until the callback)");
var request = client.CreateAuthorizationRequest();
Say(request.AuthorizationUrl.GetLeftPart(UriPartial.Path) + "?" + string.Join("&", request.AuthorizationUrl.Query.TrimStart('?').Split('&').Select(p => p.StartsWith("state=", StringComparison.Ordinal) ? "state=(kept private)" : p)));

Step(4, "Consent");
Uri callback;
if (standIns is not null)
{
    using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
    using var consent = await browser.GetAsync(request.AuthorizationUrl);
    if (consent.StatusCode != HttpStatusCode.Found || consent.Headers.Location is null)
    {
        throw new InvalidOperationException($"The authorization server answered {(int)consent.StatusCode} instead of redirecting to the callback.");
    }

    callback = consent.Headers.Location;
    Say($"the stand-in's test user consented; the authorization server redirected to {callback.GetLeftPart(UriPartial.Path)}");
}
else
{
    Say("open the URL above in a browser, consent, and paste the full callback URL here:");
    callback = new Uri(Console.ReadLine() ?? throw new InvalidOperationException("No callback URL was entered."));
}

Step(5, "The callback: state compared in constant time, then the one-time code taken");
var code = client.HandleCallback(callback, request);
Say("state matches; authorization code received (Open Connectors redeems it, the application never does)");

Step(6, "POST /instances with the mapped configuration (secret values redacted here)");
foreach (var (key, value) in credentials.ToOpenConnectorsConfiguration())
{
    Say($"{key} = {(InfusionsoftOAuthMetadata.IsSecretParameter(key) ? "[redacted]" : value)}");
}

var instance = await client.CreateInstanceAsync(code, "quickstart-infusionsoft", ["connectorgen-quickstart"]);
Step(7, "The authenticated instance");
Say($"instance id {instance.Id}, name {instance.Name}, element {instance.ElementKey}, valid {instance.Valid}; instance token received (kept, not shown): later calls send 'Element <token>'");

Step(8, "The validator rejects a malformed Encrypted Key (legacy 32 hex digits or a KeapAK- key; optional since Keap retired it), naming the credential and never the value");
var broken = InfusionsoftCredentials.FromConfiguration(standIns?.Section ?? section);
#pragma warning disable CG2001 // a deliberately malformed value, to show the validator's message
broken.EncryptedKey = "not-hex";
#pragma warning restore CG2001
foreach (var error in broken.Validate())
{
    Say(error);
}

if (standIns is null)
{
    Console.WriteLine();
    Console.WriteLine("9-14. (the refresh-ahead, instance-lifecycle and Service Account Key steps run against the loopback stand-ins only: they move a clock and change the instance)");
    return 0;
}

Step(9, "Direct mode: the token manager refreshes ahead of expiry and saves the rotated refresh token before using it");
var clock = new QuickstartClock(DateTimeOffset.UtcNow);
using var direct = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
var oauth = new InfusionsoftOAuthClient(direct, credentials, new InfusionsoftOAuthClientOptions
{
    AuthorizationEndpoint = standIns.Keap.AuthorizationEndpoint,
    TokenEndpoint = standIns.Keap.TokenEndpoint,
    TimeProvider = clock,
});
var directRequest = oauth.CreateAuthorizationRequest();
using (var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }))
using (var consent = await browser.GetAsync(directRequest.AuthorizationUrl))
{
    var grant = await oauth.ExchangeCodeAsync(oauth.HandleCallback(consent.Headers.Location!, directRequest));
    var store = new InMemoryTokenStore();
    var tokens = new InfusionsoftAccessTokenManager(oauth, store, new AccessTokenManagerOptions { TimeProvider = clock });
    await tokens.SaveGrantAsync("quickstart-user", grant);
    var handler = tokens.CreateHandler("quickstart-user", allowedOrigins: [standIns.Keap.ResourceEndpoint]);
    handler.InnerHandler = new HttpClientHandler { AllowAutoRedirect = false };
    using var api = new HttpClient(handler);
    using (var profile = await api.GetAsync(standIns.Keap.ResourceEndpoint))
    {
        Say($"GET {standIns.Keap.ResourceEndpoint.AbsolutePath} with a Bearer token: {(int)profile.StatusCode}; token expires at {grant.ExpiresAt:u}");
    }

    clock.Now = grant.ExpiresAt!.Value.AddSeconds(-30);
    using (var again = await api.GetAsync(standIns.Keap.ResourceEndpoint))
    {
        var saved = await store.GetAsync("Infusionsoft:quickstart-user", CancellationToken.None);
        Say($"30 s before expiry: {(int)again.StatusCode}; refresh requests sent: {standIns.Keap.RefreshRequests}; the store holds the rotated refresh token: {saved!.RefreshToken != grant.RefreshToken}");
    }

    try
    {
        await oauth.RefreshAsync(grant.RefreshToken!);
    }
    catch (OAuthException dead)
    {
        Say($"the refresh token presented is now dead at Keap: {dead.Error} (why it is saved before use)");
    }
}

Step(10, "Managed mode: the instance, updated (PATCH /instances/{id}) and found again by tag");
var instances = new InfusionsoftOpenConnectorsInstances(
    direct,
    new Uri(standIns.Section["OpenConnectors:BaseUrl"]!),
    standIns.Section["OpenConnectors:UserSecret"]!,
    standIns.Section["OpenConnectors:OrganizationSecret"]!,
    credentials);
var updated = await instances.UpdateAsync(instance.Id, tags: ["connectorgen-quickstart", "updated"]);
Say($"instance {updated.Id} tags now: {string.Join(", ", updated.Tags)}");
var found = await instances.FindAsync(tags: ["updated"]);
Say($"found by tag 'updated': {string.Join(", ", found.Select(i => $"{i.Id} ({i.Name})"))}");

Step(11, "Managed mode: a search that finds nothing is an empty list (the platform answers 404 \"No instances found\")");
var nothing = await instances.FindAsync(tags: [InfusionsoftOpenConnectorsInstances.NewAttemptTag()]);
Say($"found by an attempt tag that was never used: {nothing.Count} instances (the create did not happen: safe to start again)");

Step(12, "Managed mode: re-authorization with a new code (PATCH with providerData.code) keeps the id, token and tags");
var reauthorizeRequest = client.CreateAuthorizationRequest();
using (var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }))
using (var consent = await browser.GetAsync(reauthorizeRequest.AuthorizationUrl))
{
    var reauthorized = await instances.ReauthorizeAsync(updated.Id, client.HandleCallback(consent.Headers.Location!, reauthorizeRequest));
    Say($"re-authorized: same id {reauthorized.Id == updated.Id}, same token {reauthorized.Token == updated.Token}, tags kept: {string.Join(", ", reauthorized.Tags)}");
}

Step(13, "Managed mode: disable and enable (DELETE and PUT /instances/{id}/enabled)");
var disabled = await instances.DisableAsync(updated.Id);
Say($"disabled: {disabled.Disabled}");
var enabled = await instances.EnableAsync(updated.Id);
Say($"enabled again: {!enabled.Disabled}");

Step(14, "Keap REST with a Service Account Key (keap.connector.json): X-Keap-API-Key, quota headers, typed errors");
var keapServices = new ServiceCollection();
var quickstartKey = new KeapCredentials { ApiKey = standIns.KeapApiKey };
keapServices.AddHttpClient("keap")
    .ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { AllowAutoRedirect = false })
    .AddKeapAuthentication(_ => quickstartKey, standIns.Keap.BaseUri);
await using (var keapProvider = keapServices.BuildServiceProvider())
{
    var keapApi = keapProvider.GetRequiredService<IHttpClientFactory>().CreateClient("keap");
    using var profile = await keapApi.GetAsync(standIns.Keap.ResourceEndpoint);
    Say($"GET {standIns.Keap.ResourceEndpoint.AbsolutePath} with the Service Account Key: {(int)profile.StatusCode} (header {KeapApiAuthentication.ApiKeyName}, redacted in the HTTP client factory's logs)");
    var quota = keapProvider.GetRequiredService<ProviderQuotaMonitor<KeapCredentials>>().Last;
    Say($"quota readings: {quota}");
}

var wrongKeyHandler = KeapApiAuthentication.CreateHandler(new KeapCredentials { ApiKey = "KeapAK-" + Demo("0", 50) }, new ProviderCredentialHandlerOptions { ApiBaseUrl = standIns.Keap.BaseUri });
wrongKeyHandler.InnerHandler = new HttpClientHandler { AllowAutoRedirect = false };
using (var wrongKey = new HttpClient(wrongKeyHandler))
{
    try
    {
        await wrongKey.GetAsync(standIns.Keap.ResourceEndpoint);
    }
    catch (ProviderApiException refused)
    {
        Say($"a wrong key: {refused.Kind}, fault code {refused.FaultCode} (the key is in no message)");
    }
}

return 0;

static void Step(int number, string title) => Console.WriteLine($"{Environment.NewLine}{number}. {title}");

static void Say(string text) => Console.WriteLine("   " + text);

// Demo values are built at run time so that no credential-shaped literal sits in the source.
static string Demo(string seed, int repeat) => string.Concat(Enumerable.Repeat(seed, repeat));

/// <summary>The embedded loopback stand-ins and the configuration that points the generated clients at them.</summary>
internal sealed class StandIns : IAsyncDisposable
{
    private StandIns(KeapAuthorizationServer keap, OpenConnectorsStandIn openConnectors, IConfigurationSection section, string keapApiKey)
    {
        KeapApiKey = keapApiKey;
        Keap = keap;
        OpenConnectors = openConnectors;
        Section = section;
    }

    public KeapAuthorizationServer Keap { get; }

    public OpenConnectorsStandIn OpenConnectors { get; }

    public IConfigurationSection Section { get; }

    /// <summary>A Service Account Key the Keap stand-in accepts (random, made at start).</summary>
    public string KeapApiKey { get; }

    public static async Task<StandIns?> StartIfNeededAsync(IConfiguration configuration, IConfigurationSection section)
    {
        if (!string.IsNullOrEmpty(section["OpenConnectors:BaseUrl"]))
        {
            return null;
        }

        var keapOptions = new KeapAuthorizationServerOptions();
        var keapApiKey = "KeapAK-" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(25)).ToLowerInvariant();
        keapOptions.ApiKeys.Add(keapApiKey);
        keapOptions.Clients.Add(new KeapClientRegistration(section["ClientId"]!, section["ClientSecret"]!, [new Uri(section["CallbackUrl"]!)]));
        var keap = await KeapAuthorizationServer.StartAsync(keapOptions);
        var userSecret = "demo-user-" + Guid.NewGuid().ToString("N");
        var organizationSecret = "demo-org-" + Guid.NewGuid().ToString("N");
        var openConnectors = await OpenConnectorsStandIn.StartAsync(new OpenConnectorsStandInOptions
        {
            UserSecret = userSecret,
            OrganizationSecret = organizationSecret,
            ProviderAuthorizationEndpoint = keap.AuthorizationEndpoint,
            ProviderTokenEndpoint = keap.TokenEndpoint,
        });
        var overlay = new ConfigurationBuilder()
            .AddConfiguration(configuration)
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Infusionsoft:OAuth:AuthorizationEndpoint"] = keap.AuthorizationEndpoint.ToString(),
                ["Infusionsoft:OAuth:TokenEndpoint"] = keap.TokenEndpoint.ToString(),
                ["Infusionsoft:OpenConnectors:BaseUrl"] = openConnectors.BaseUri.ToString(),
                ["Infusionsoft:OpenConnectors:UserSecret"] = userSecret,
                ["Infusionsoft:OpenConnectors:OrganizationSecret"] = organizationSecret,
            })
            .Build();
        return new StandIns(keap, openConnectors, overlay.GetSection(InfusionsoftCredentials.ConfigurationSectionName), keapApiKey);
    }

    public async ValueTask DisposeAsync()
    {
        await OpenConnectors.DisposeAsync();
        await Keap.DisposeAsync();
    }
}

/// <summary>A clock the quickstart moves forward, to show a refresh ahead of expiry without waiting a day.</summary>
internal sealed class QuickstartClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
