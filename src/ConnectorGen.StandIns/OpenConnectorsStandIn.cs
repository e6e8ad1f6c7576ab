using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using static ConnectorGen.StandIns.StandInHttp;

namespace ConnectorGen.StandIns;

/// <summary>An element (connector) known to <see cref="OpenConnectorsStandIn"/>.</summary>
/// <param name="Id">The element's numeric id.</param>
/// <param name="Key">The element key, e.g. <c>infusionsoftcrm</c>.</param>
/// <param name="Name">The display name.</param>
/// <param name="RequiredConfiguration">Configuration keys that instance creation requires.</param>
/// <param name="OptionalConfiguration">Configuration keys that instance creation accepts.</param>
/// <param name="AuthorizationUrl">
/// The authorize URL the platform puts in <c>oauthUrl</c> for this element; null uses
/// <see cref="OpenConnectorsStandInOptions.ProviderAuthorizationEndpoint"/>.
/// </param>
public sealed record OpenConnectorsElement(
    long Id,
    string Key,
    string Name,
    IReadOnlyList<string> RequiredConfiguration,
    IReadOnlyList<string> OptionalConfiguration,
    Uri? AuthorizationUrl = null);

/// <summary>Options for <see cref="OpenConnectorsStandIn"/>.</summary>
public sealed class OpenConnectorsStandInOptions
{
    /// <summary>The user secret expected in <c>Authorization: User &lt;secret&gt;, Organization &lt;secret&gt;</c>.</summary>
    public required string UserSecret { get; init; }

    /// <summary>The organization secret expected in the Authorization header.</summary>
    public required string OrganizationSecret { get; init; }

    /// <summary>
    /// The provider's authorization endpoint, used to build <c>oauthUrl</c> for elements that name no
    /// <see cref="OpenConnectorsElement.AuthorizationUrl"/>. The default Infusionsoft elements name the host the real
    /// platform uses (<c>signin.infusionsoft.com</c>); a test that follows that URL routes it to the Keap stand-in.
    /// </summary>
    public required Uri ProviderAuthorizationEndpoint { get; init; }

    /// <summary>
    /// Echo configuration values in clear text, as the platform did in its older documented answers (devportal
    /// infusionsoft-ecommerce, box). Default false: values come back as <c>********</c>, as the platform masked them
    /// in 2018 (churros <c>instances.js</c>).
    /// </summary>
    public bool EchoConfigurationInClear { get; init; }

    /// <summary>The provider's token endpoint, where instance creation redeems <c>providerData.code</c>.</summary>
    public required Uri ProviderTokenEndpoint { get; init; }

    /// <summary>The element catalogue. Defaults to <see cref="OpenConnectorsStandIn.DefaultElements"/>.</summary>
    public IReadOnlyList<OpenConnectorsElement>? Elements { get; init; }

    /// <summary>The scope put in <c>oauthUrl</c> when the request names none.</summary>
    public string DefaultScope { get; init; } = "full";
}

/// <summary>An instance as <see cref="OpenConnectorsStandIn"/> created it (later updates are in <see cref="OpenConnectorsStandIn.Instances"/>).</summary>
/// <param name="Id">The instance id.</param>
/// <param name="Name">The instance name.</param>
/// <param name="Token">The instance token (<c>Element &lt;token&gt;</c>).</param>
/// <param name="ElementKey">The element key.</param>
/// <param name="Configuration">The configuration sent, plus the provider tokens obtained.</param>
/// <param name="Tags">The tags sent.</param>
/// <param name="Path">The request path used (<c>/instances</c> or <c>/elements/{key}/instances</c>).</param>
public sealed record OpenConnectorsCreatedInstance(
    long Id,
    string Name,
    string Token,
    string ElementKey,
    IReadOnlyDictionary<string, string> Configuration,
    IReadOnlyList<string> Tags,
    string Path);

/// <summary>
/// A loopback stand-in for the SAP Open Connectors platform API (<c>/elements/api-v2</c>) that enforces the documented
/// contract: the <c>User .., Organization ..</c> header (plus <c>, Element &lt;token&gt;</c> on instance calls such as
/// <c>GET /ping</c>, where <c>User .., Element ..</c> is accepted too), <c>GET /elements/{key}/oauth/url</c>, and the
/// instance API: creation by <c>POST /instances</c> or <c>POST /elements/{key}/instances</c> (which redeems the
/// authorization code at the provider's token endpoint itself, as the real service does, or takes given tokens with
/// <c>externalAuthentication</c>), <c>GET /instances</c> (<c>searchText</c>, <c>tags[]</c>, <c>hydrate</c>; 404 when
/// nothing matches), <c>GET</c>, <c>PATCH</c> and <c>PUT</c> (both re-authorize with <c>providerData.code</c>),
/// <c>DELETE /instances/{id}</c>, and <c>PUT</c>/<c>DELETE /instances/{id}/enabled</c>. Each behaviour follows a row of
/// docs/handshake.md "Verified against"; the lenient ones are on by default.
/// </summary>
public sealed partial class OpenConnectorsStandIn : IAsyncDisposable
{
    /// <summary>The API base path.</summary>
    public const string BasePath = "/elements/api-v2";

    private static readonly string[] OAuthKeys = ["oauth.api.key", "oauth.api.secret", "oauth.callback.url"];

    /// <summary>
    /// The authorize URL Open Connectors puts in <c>oauthUrl</c> for every Infusionsoft element
    /// (devportal <c>_includes/Elements/infusionsoft/authenticate.md</c>, infusionsoft-ecommerce create-instance).
    /// </summary>
    public static Uri InfusionsoftOAuthUrl { get; } = new("https://signin.infusionsoft.com/app/oauth/authorize");

    /// <summary>
    /// The provider page an <c>oauthUrl</c> names, on the loopback provider stand-in instead: the query is kept, scheme,
    /// host, port and path become <paramref name="providerAuthorizationEndpoint"/>'s (what DNS would do for a test).
    /// </summary>
    public static Uri RouteToProvider(Uri oauthUrl, Uri providerAuthorizationEndpoint) =>
        new(providerAuthorizationEndpoint.GetLeftPart(UriPartial.Path) + oauthUrl.Query);

    /// <summary>The default catalogue: <c>infusionsoftcrm</c>, <c>infusionsoftmarketing</c>, <c>infusionsoftrest</c>.</summary>
    public static IReadOnlyList<OpenConnectorsElement> DefaultElements { get; } =
    [
        new(3001, "infusionsoftcrm", "Infusionsoft CRM", [.. OAuthKeys, "infusionsoft.private.key"], ["infusionsoft.server"], InfusionsoftOAuthUrl),
        new(3002, "infusionsoftmarketing", "Infusionsoft Marketing", [.. OAuthKeys, "infusionsoft.private.key"], ["infusionsoft.server"], InfusionsoftOAuthUrl),
        new(3003, "infusionsoftrest", "Infusionsoft REST", OAuthKeys, [], InfusionsoftOAuthUrl),
    ];

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<OpenConnectorsCreatedInstance> _instances = new();
    private int _requests;
    private int _unauthorized;
    private long _nextId = 100_000;

    private readonly OpenConnectorsStandInOptions _options;
    private readonly Dictionary<string, OpenConnectorsElement> _elements;
    private readonly HttpClient _providerHttp;

    private OpenConnectorsStandIn(WebApplication app, OpenConnectorsStandInOptions options, Dictionary<string, OpenConnectorsElement> elements, HttpClient providerHttp)
    {
        _app = app;
        _options = options;
        _elements = elements;
        _providerHttp = providerHttp;
    }

    /// <summary>The server's base address, e.g. <c>http://127.0.0.1:54321/</c>.</summary>
    public Uri ServerUri { get; private set; } = null!;

    /// <summary>The API base URL, ending in <c>/elements/api-v2</c> (no trailing slash), as users configure it.</summary>
    public Uri BaseUri => new(ServerUri, BasePath.TrimStart('/'));

    /// <summary>The instance creation endpoint (<c>POST /instances</c>).</summary>
    public Uri InstancesEndpoint => new(ServerUri, BasePath.TrimStart('/') + "/instances");

    /// <summary>An instance-level call (<c>GET /ping</c>) that needs <c>, Element &lt;instance token&gt;</c> in the header.</summary>
    public Uri PingEndpoint => new(ServerUri, BasePath.TrimStart('/') + "/ping");

    /// <summary>The OAuth URL endpoint for an element (<c>GET /elements/{key}/oauth/url</c>).</summary>
    public Uri OAuthUrlEndpoint(string elementKey) =>
        new(ServerUri, BasePath.TrimStart('/') + "/elements/" + Uri.EscapeDataString(elementKey) + "/oauth/url");

    /// <summary>The instances created so far.</summary>
    public IReadOnlyCollection<OpenConnectorsCreatedInstance> CreatedInstances => _instances.ToArray();

    /// <summary>Requests received under the base path.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Requests refused with 401 for a missing or wrong Authorization header.</summary>
    public int UnauthorizedRequests => Volatile.Read(ref _unauthorized);

    /// <summary>Starts the stand-in on 127.0.0.1 with a dynamic port.</summary>
    public static async Task<OpenConnectorsStandIn> StartAsync(OpenConnectorsStandInOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var elements = (options.Elements ?? DefaultElements).ToDictionary(e => e.Key, StringComparer.Ordinal);
        var builder = LoopbackHost.CreateBuilder("ConnectorGen.StandIns.OpenConnectors");
        var app = builder.Build();
        var providerHttp = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };
        var self = new OpenConnectorsStandIn(app, options, elements, providerHttp);
        var expectedHeader = "User " + options.UserSecret + ", Organization " + options.OrganizationSecret;
        var userOnly = "User " + options.UserSecret;

        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments(BasePath, StringComparison.Ordinal))
            {
                await WriteError(context, 404, "Not found.");
                return;
            }

            Interlocked.Increment(ref self._requests);
            await self.RecordAsync(context);
            // Platform calls: "User <secret>, Organization <secret>"; instance calls add ", Element <instance token>", and
            // may leave the Organization out ("User <secret>, Element <token>": devportal _includes/authentication.md).
            var header = context.Request.Headers.Authorization;
            var text = header.Count == 1 ? header.ToString() : string.Empty;
            var platform = text;
            InstanceEntry? instance = null;
            var elementAt = text.IndexOf(", Element ", StringComparison.Ordinal);
            if (elementAt >= 0)
            {
                platform = text[..elementAt];
                var elementToken = text[(elementAt + ", Element ".Length)..];
                instance = self.FindByToken(elementToken);
            }

            var platformOk = FixedTimeEquals(platform, expectedHeader) || (elementAt >= 0 && FixedTimeEquals(platform, userOnly));
            if (!platformOk || (elementAt >= 0 && instance is null))
            {
                Interlocked.Increment(ref self._unauthorized);
                await WriteError(context, 401, "Invalid Organization or User secret, or invalid Element token provided.");
                return;
            }

            if (instance is not null)
            {
                context.Items[typeof(InstanceEntry)] = instance;
            }

            await next(context);
        });

        var api = app.MapGroup(BasePath);

        // An instance-level call: needs the Element token of an existing instance (as hub calls do).
        api.MapGet("/ping", async (HttpContext context) =>
        {
            if (context.Items[typeof(InstanceEntry)] is not InstanceEntry caller)
            {
                await WriteError(context, 401, "This call needs 'Element <instance token>' in the Authorization header.");
                return;
            }

            if (caller.Disabled)
            {
                await WriteError(context, 403, "Instance " + caller.Id + " is disabled.");
                return;
            }

            await WriteJson(context, 200, new JsonObject { ["instanceId"] = caller.Id, ["element"] = caller.ElementKey });
        });

        api.MapGet("/elements/{key}/oauth/url", async (HttpContext context, string key) =>
        {
            if (!elements.TryGetValue(key, out var element))
            {
                await WriteError(context, 404, "No element found with key or id '" + key + "'.");
                return;
            }

            var query = context.Request.Query;
            foreach (var required in new[] { "apiKey", "apiSecret", "callbackUrl" })
            {
                if (string.IsNullOrEmpty(query[required]))
                {
                    await WriteError(context, 400, "Missing required query parameter '" + required + "'.");
                    return;
                }
            }

            var parameters = new List<KeyValuePair<string, string>>
            {
                new("client_id", query["apiKey"].ToString()),
                new("redirect_uri", query["callbackUrl"].ToString()),
                new("response_type", "code"),
                new("scope", string.IsNullOrEmpty(query["scope"]) ? options.DefaultScope : query["scope"].ToString()),
            };
            if (!string.IsNullOrEmpty(query["state"]))
            {
                parameters.Add(new("state", query["state"].ToString()));
            }

            var oauthUrl = (element.AuthorizationUrl ?? options.ProviderAuthorizationEndpoint).GetLeftPart(UriPartial.Path) + "?" +
                string.Join('&', parameters.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
            await WriteJson(context, 200, new JsonObject { ["oauthUrl"] = oauthUrl, ["element"] = element.Key });
        });

        api.MapPost("/instances", (HttpContext context) => self.CreateInstance(context, null));
        api.MapPost("/elements/{key}/instances", (HttpContext context, string key) => self.CreateInstance(context, key));
        api.MapGet("/instances", (HttpContext context) => self.ListInstances(context));
        api.MapGet("/instances/{id:long}", (HttpContext context, long id) => self.GetInstance(context, id));
        api.MapPatch("/instances/{id:long}", (HttpContext context, long id) => self.UpdateInstance(context, id, replace: false));
        api.MapPut("/instances/{id:long}/enabled", (HttpContext context, long id) => self.SetEnabled(context, id, true));
        api.MapDelete("/instances/{id:long}/enabled", (HttpContext context, long id) => self.SetEnabled(context, id, false));
        api.MapPut("/instances/enabled", (HttpContext context) => self.SetEnabled(context, null, true));
        api.MapDelete("/instances/enabled", (HttpContext context) => self.SetEnabled(context, null, false));
        api.MapPut("/instances/{id:long}", (HttpContext context, long id) => self.UpdateInstance(context, id, replace: true));
        api.MapDelete("/instances/{id:long}", (HttpContext context, long id) => self.DeleteInstance(context, id));

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        self.ServerUri = LoopbackHost.GetBaseUri(app);
        app.Lifetime.ApplicationStopped.Register(providerHttp.Dispose);
        return self;
    }

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
