using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using ConnectorGen.Generated;
using Contoso.Connectors;
using Microsoft.AspNetCore.Hosting;

namespace Contoso.InfusionsoftWeb;

/// <summary>
/// The web sample's app: <c>/</c> (a page with a Connect link), <c>/connect</c> (creates the authorization request and
/// redirects to Keap) and <c>/callback</c> (verifies the state, then creates the Open Connectors instance).
/// </summary>
public static class InfusionsoftWebApp
{
    /// <summary>The configuration section the connector binds (keys as in the generated AddInfusionsoftConnector).</summary>
    public const string SectionName = "Infusionsoft";

    /// <summary>The callback path; the configured (or demo) callback URL must point here.</summary>
    public const string CallbackPath = "/callback";

    /// <summary>The cookie that carries the random key of the pending authorization request (never the state itself).</summary>
    public const string PendingCookieName = "infusionsoft.pending";

    /// <summary>The address the demo listens on when no <c>--urls</c> is given.</summary>
    public const string DefaultDemoUrl = "http://127.0.0.1:5080";

    /// <summary>The configuration key of the most connections pending at once (default <see cref="DefaultMaxPending"/>).</summary>
    public const string MaxPendingKey = SectionName + ":Web:MaxPendingAuthorizations";

    /// <summary>The default of <see cref="MaxPendingKey"/>: bounds what unauthenticated <c>/connect</c> calls can allocate.</summary>
    public const int DefaultMaxPending = 10_000;

    /// <summary>The configuration key of how many <c>/connect</c> calls one client address may make per minute (default <see cref="DefaultConnectsPerMinute"/>).</summary>
    public const string ConnectsPerMinuteKey = SectionName + ":Web:ConnectsPerClientPerMinute";

    /// <summary>
    /// The default of <see cref="ConnectsPerMinuteKey"/>: a person connects a few times; one client filling the pending
    /// store (<see cref="DefaultMaxPending"/>) would need hundreds of addresses, and gets 429 instead.
    /// </summary>
    public const int DefaultConnectsPerMinute = 10;

    private const string ConnectRateLimit = "connect";

    // The generated clients' default AuthorizationRequestLifetime: the cookie, the store and the request expire together.
    private static readonly TimeSpan PendingLifetime = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Builds the app. With no <c>Infusionsoft:OpenConnectors:BaseUrl</c> configured it first starts the loopback
    /// stand-ins (<see cref="DemoStandIns"/>, resolvable from <c>app.Services</c>) and points the configuration at them;
    /// otherwise it uses the configured endpoints and credentials (user-secrets, environment variables, ...).
    /// </summary>
    /// <param name="args">Command-line arguments, e.g. <c>--urls http://127.0.0.1:0</c> (port 0: a free port is chosen up front,
    /// because the demo callback URL has to name the port before the server starts).</param>
    /// <param name="configure">Optional last-minute changes to the builder (tests add a log sink here).</param>
    /// <param name="cancellationToken">Cancels starting the stand-ins.</param>
    public static async Task<WebApplication> BuildAppAsync(string[] args, Action<WebApplicationBuilder>? configure = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // The app's own assembly, not the host process's (a test runner): user-secrets and static files are looked up by it.
            ApplicationName = typeof(InfusionsoftWebApp).Assembly.GetName().Name,
        });

        // Request logs carry the callback's query string (authorization code and state): keep them off whatever the
        // configured default level, and never add UseHttpLogging with query strings to this app.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);

        DemoStandIns? demo = null;
        var section = builder.Configuration.GetSection(SectionName);
        if (string.IsNullOrEmpty(section["OpenConnectors:BaseUrl"]))
        {
            demo = await StartDemoAsync(builder, section, cancellationToken);
        }

        try
        {
            builder.Services.AddInfusionsoftConnector(section);
            var maxPending = builder.Configuration.GetValue(MaxPendingKey, DefaultMaxPending);
            builder.Services.AddSingleton(_ => new PendingAuthorizations<AuthorizationRequest>(maxPending, PendingLifetime));
            builder.Services.AddSingleton<ConnectedInstances>();
            AddConnectRateLimit(builder);
            if (demo is not null)
            {
                // Registered through a factory so that the container owns (and disposes) the stand-ins with the app.
                builder.Services.AddSingleton(_ => demo);
            }

            configure?.Invoke(builder);
            var app = builder.Build();
            if (demo is not null)
            {
                _ = app.Services.GetRequiredService<DemoStandIns>();
                app.Logger.LogInformation(
                    "Demo mode: no Infusionsoft:OpenConnectors:BaseUrl configured, so the app runs on the loopback stand-ins (Keap at {Keap}, Open Connectors at {OpenConnectors}).",
                    demo.Keap.BaseUri, demo.OpenConnectors.BaseUri);
            }

            app.UseRateLimiter();
            MapEndpoints(app, demo is not null, SecureCookies(builder.Configuration));
            return app;
        }
        catch
        {
            if (demo is not null)
            {
                await demo.DisposeAsync();
            }

            throw;
        }
    }

    private static async Task<DemoStandIns> StartDemoAsync(WebApplicationBuilder builder, IConfigurationSection section, CancellationToken cancellationToken)
    {
        var listen = ResolveDemoListenAddress(builder.Configuration[WebHostDefaults.ServerUrlsKey]);
        builder.WebHost.UseUrls(listen.GetLeftPart(UriPartial.Authority));
        var callbackUrl = new Uri(listen, CallbackPath);

        // Configured values win (tests pass their own canaries); anything missing gets a fresh random demo value.
        var clientId = Configured(section, "ClientId") ?? DemoStandIns.DemoClientId;
        var clientSecret = Configured(section, "ClientSecret") ?? DemoStandIns.RandomDemoValue(24, hex: false);
        var userSecret = Configured(section, "OpenConnectors:UserSecret") ?? DemoStandIns.RandomDemoValue(24, hex: false);
        var organizationSecret = Configured(section, "OpenConnectors:OrganizationSecret") ?? DemoStandIns.RandomDemoValue(24, hex: false);
        var demo = await DemoStandIns.StartAsync(clientId, clientSecret, callbackUrl, userSecret, organizationSecret, cancellationToken);

        // Added after every default source, so it wins: the endpoints always point at the stand-ins in demo mode.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [SectionName + ":ClientId"] = clientId,
            [SectionName + ":ClientSecret"] = clientSecret,
            [SectionName + ":EncryptedKey"] = Configured(section, "EncryptedKey") ?? DemoStandIns.RandomDemoValue(16, hex: true),
            [SectionName + ":CallbackUrl"] = callbackUrl.AbsoluteUri,
            [SectionName + ":Server"] = Configured(section, "Server") ?? "ab123.infusionsoft.com",
            [SectionName + ":OAuth:AuthorizationEndpoint"] = demo.Keap.AuthorizationEndpoint.AbsoluteUri,
            [SectionName + ":OAuth:TokenEndpoint"] = demo.Keap.TokenEndpoint.AbsoluteUri,
            [SectionName + ":OpenConnectors:BaseUrl"] = demo.OpenConnectors.BaseUri.AbsoluteUri,
            [SectionName + ":OpenConnectors:UserSecret"] = userSecret,
            [SectionName + ":OpenConnectors:OrganizationSecret"] = organizationSecret,
        });
        return demo;
    }

    private static string? Configured(IConfigurationSection section, string key) =>
        string.IsNullOrEmpty(section[key]) ? null : section[key];

    /// <summary>
    /// The single loopback address the demo listens on: the first of <c>--urls</c> (wildcard hosts become loopback),
    /// else <see cref="DefaultDemoUrl"/>. Port 0 is replaced by a free port now, because Keap's stand-in needs the exact
    /// callback URL before the server starts (a tiny race with other processes taking the port remains).
    /// </summary>
    public static Uri ResolveDemoListenAddress(string? urls)
    {
        var first = urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? DefaultDemoUrl;
        var normalized = first.Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
                              .Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
                              .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)
                              .Replace("://[::]", "://[::1]", StringComparison.Ordinal);
        if (!Uri.TryCreate(normalized, UriKind.Absolute, out var uri) || !uri.IsLoopback ||
            (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidOperationException(
                "In demo mode (no Infusionsoft:OpenConnectors:BaseUrl) the app listens on one loopback address, e.g. --urls " + DefaultDemoUrl + ".");
        }

        var port = uri.Port;
        if (port == 0)
        {
            var address = uri.HostNameType == UriHostNameType.IPv6 ? IPAddress.IPv6Loopback : IPAddress.Loopback;
            var listener = new TcpListener(address, 0);
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
        }

        return new UriBuilder(uri.Scheme, uri.Host, port, "/").Uri;
    }

    // Per client address, so that one client's burst of /connect cannot fill the pending store for everyone else.
    // Behind a reverse proxy the address is the proxy's unless the app trusts its X-Forwarded-For (UseForwardedHeaders
    // with KnownProxies); otherwise every user shares one partition.
    private static void AddConnectRateLimit(WebApplicationBuilder builder)
    {
        var perMinute = builder.Configuration.GetValue(ConnectsPerMinuteKey, DefaultConnectsPerMinute);
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (rejected, _) =>
            {
                rejected.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
            options.AddPolicy(ConnectRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? string.Empty,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
    }

    private static void MapEndpoints(WebApplication app, bool demoMode, bool secureCookies)
    {
        app.MapGet("/", (IConfiguration configuration) =>
        {
            var openConnectors = new Uri(configuration[SectionName + ":OpenConnectors:BaseUrl"]!);
            return Pages.Home(demoMode, openConnectors.GetLeftPart(UriPartial.Authority));
        });

        app.MapGet("/connect", (HttpContext context, InfusionsoftOpenConnectorsClient client, PendingAuthorizations<AuthorizationRequest> pending) =>
        {
            var request = client.CreateAuthorizationRequest();

            // The request (with its state) stays on the server; the browser only gets a random key to find it again.
            var key = DemoStandIns.RandomDemoValue(32, hex: false);
            if (!pending.TryAdd(key, request))
            {
                context.Response.Headers.RetryAfter = "60";
                return Pages.TooManyPending();
            }

            context.Response.Cookies.Append(PendingCookieName, key, new CookieOptions
            {
                HttpOnly = true,
                Secure = secureCookies || context.Request.IsHttps,
                SameSite = SameSiteMode.Lax, // sent on the top-level redirect back from Keap
                Path = CallbackPath,
                MaxAge = PendingLifetime,
                IsEssential = true,
            });
            // Not Results.Redirect: its result logs the target URL (with the state) at Information.
            context.Response.Redirect(request.AuthorizationUrl.AbsoluteUri);
            return Results.Empty;
        }).RequireRateLimiting(ConnectRateLimit);

        app.MapGet(CallbackPath, async (HttpContext context, InfusionsoftOpenConnectorsClient client, PendingAuthorizations<AuthorizationRequest> pending, ConnectedInstances connected, ILoggerFactory loggers) =>
        {
            var logger = loggers.CreateLogger("Contoso.InfusionsoftWeb.Callback");
            var key = context.Request.Cookies[PendingCookieName];
            context.Response.Cookies.Delete(PendingCookieName, new CookieOptions { Path = CallbackPath, Secure = secureCookies || context.Request.IsHttps });

            // Single use: taken atomically (a concurrent callback with the same cookie finds nothing), whatever happens next.
            var request = pending.TryTake(key);

            if (request is null)
            {
                logger.LogWarning("Callback without a pending authorization request (expired, already used, or not started here).");
                return Pages.NoPendingRequest();
            }

            AuthorizationCode code;
            try
            {
                code = client.HandleCallback(context.Request.QueryString.Value ?? string.Empty, request);
            }
            catch (OAuthException ex)
            {
                // The generated exceptions never carry the state, the code or a secret, so the kind is safe to log.
                logger.LogWarning("Callback refused: {Kind}", ex.Kind);
                return ex.Kind switch
                {
                    HandshakeErrorKind.AccessDenied => Pages.AccessDenied(),
                    HandshakeErrorKind.StateMismatch => Pages.StateMismatch(),
                    _ => Pages.AuthorizationFailed(ex.Kind.ToString()),
                };
            }

            try
            {
                var name = "infusionsoft-web-" + DateTimeOffset.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
                var instance = await client.CreateInstanceAsync(code, name, ["connectorgen-web-sample"], context.RequestAborted);
                connected.Remember(instance);
                logger.LogInformation("Created Open Connectors instance {InstanceId} for element {ElementKey}.", instance.Id, instance.ElementKey);
                return Pages.Connected(instance);
            }
            catch (OpenConnectorsException ex)
            {
                logger.LogWarning("Instance creation failed: {Kind} (HTTP {Status}, request id {RequestId})", ex.Kind, (int?)ex.StatusCode, ex.RequestId);
                return Pages.InstanceFailed(ex.Kind.ToString(), ex.RequestId);
            }
        });
    }

    /// <summary>
    /// Whether the pending cookie is Secure, decided once from the configured callback URL (where the browser comes
    /// back): Secure unless it is plain HTTP to a loopback address (the demo). Never from the request's Host header or
    /// scheme: behind a TLS-terminating proxy the app sees HTTP and often the proxy's own Host (nginx's default
    /// <c>proxy_set_header Host $proxy_host</c>), while the browser uses HTTPS.
    /// </summary>
    internal static bool SecureCookies(IConfiguration configuration)
    {
        var configured = configuration[SectionName + ":CallbackUrl"];
        return !Uri.TryCreate(configured, UriKind.Absolute, out var callback) ||
               !(callback.Scheme == Uri.UriSchemeHttp && callback.IsLoopback);
    }
}

/// <summary>
/// Instance tokens received by this app, by instance id. In memory for the sample: a real app stores them encrypted
/// (they authorize every later call on the instance as <c>Element &lt;token&gt;</c>).
/// </summary>
internal sealed class ConnectedInstances
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, string> _tokens = new();

    /// <summary>Keeps the instance's token.</summary>
    public void Remember(OpenConnectorsInstance instance) => _tokens[instance.Id] = instance.Token;

    /// <summary>Whether a token is kept for the instance.</summary>
    public bool HasToken(long instanceId) => _tokens.TryGetValue(instanceId, out var token) && token.Length > 0;

    /// <summary>The instance token, for calls on the instance.</summary>
    public string? TokenFor(long instanceId) => _tokens.TryGetValue(instanceId, out var token) ? token : null;
}
