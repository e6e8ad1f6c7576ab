using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ConnectorGen.StandIns;

/// <summary>A confidential OAuth client registered with <see cref="KeapAuthorizationServer"/>.</summary>
/// <param name="ClientId">The client identifier (Keap's "client_id", Open Connectors' <c>oauth.api.key</c>).</param>
/// <param name="ClientSecret">The client secret (Keap's "client_secret", Open Connectors' <c>oauth.api.secret</c>).</param>
/// <param name="RedirectUris">The registered callback URLs: an authorization request must name one of them exactly.</param>
public sealed record KeapClientRegistration(string ClientId, string ClientSecret, IReadOnlyList<Uri> RedirectUris);

/// <summary>Options for <see cref="KeapAuthorizationServer"/>.</summary>
public sealed class KeapAuthorizationServerOptions
{
    /// <summary>The registered confidential clients. At least one is required.</summary>
    public IList<KeapClientRegistration> Clients { get; } = new List<KeapClientRegistration>();

    /// <summary>When true, the authorization endpoint refuses consent (<c>error=access_denied</c>) instead of issuing a code.
    /// Can also be switched per server at run time with <see cref="KeapAuthorizationServer.DenyConsent"/>.</summary>
    public bool DenyConsent { get; set; }

    /// <summary>When true, PKCE (S256) is mandatory for every authorization request. Off by default, like Keap.</summary>
    public bool RequirePkce { get; set; }

    /// <summary>Lifetime of issued access tokens (Keap: about 24 hours).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Lifetime of issued refresh tokens (Keap: about 45 days).</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(45);

    /// <summary>The subject of the test user whose consent is given automatically.</summary>
    public string UserSubject { get; set; } = "keap-test-user";

    /// <summary>
    /// Client authentication as Keap's SDKs send it (contract rows 4 and 5): the code exchange with client_id and
    /// client_secret in the form body and no Basic header, the refresh with HTTP Basic and no secret in the body.
    /// Anything else gets 401 <c>invalid_client</c>. On by default; off accepts both forms for both grants.
    /// </summary>
    public bool StrictClientAuthentication { get; set; } = true;

    /// <summary>
    /// Answer a dead refresh token as Keap is reported to (contract row 10): 400 <c>invalid_request</c> "Invalid Refresh
    /// Token". On by default; off answers RFC 6749's <c>invalid_grant</c>.
    /// </summary>
    public bool KeapRefreshErrors { get; set; } = true;

    /// <summary>The tenant host the token responses name in their scope, <c>full|&lt;host&gt;</c> (contract row 9); null for plain <c>full</c>.</summary>
    public string? TenantHost { get; set; } = "ab123.infusionsoft.com";

    /// <summary>Service Account Keys and Personal Access Tokens the REST resource accepts in <c>X-Keap-API-Key</c> (contract rows 17 and 18).</summary>
    public IList<string> ApiKeys { get; } = new List<string>();

    /// <summary>Calls the REST resource allows per credential before it answers 429 (Keap: 240 per minute for a key); null for no limit.</summary>
    public int? QuotaLimit { get; set; }

    /// <summary>The <c>Retry-After</c> seconds a 429 carries; null for none (whether Keap sends one is disputed, contract row 15).</summary>
    public int? RetryAfterSeconds { get; set; }
}

/// <summary>
/// A real OAuth 2.0 authorization server (OpenIddict 7 over EF Core InMemory) on 127.0.0.1 with Keap's paths:
/// authorize <c>/app/oauth/authorize</c>, token <c>/token</c>; scope <c>full</c>; authorization code flow with or
/// without PKCE S256; rotating refresh tokens with no reuse leeway; as strict as Keap by default (the client in the
/// form body for the code exchange, in HTTP Basic for the refresh; Keap's dead-refresh answer; scope <c>full|host</c>).
/// A test user consents automatically (or refuses, see <see cref="DenyConsent"/>). A protected resource
/// (<see cref="ResourceEndpoint"/>, Keap's <c>GET /crm/rest/v1/account/profile</c>) accepts only a live access token
/// issued here or a registered key in <c>X-Keap-API-Key</c>, with Keap's quota headers and Apigee fault bodies; <see cref="ExpireAccessTokens"/> ends every issued one at once, so tests drive expiry without waiting.
/// </summary>
public sealed class KeapAuthorizationServer : IAsyncDisposable
{
    /// <summary>Keap's only scope.</summary>
    public const string FullScope = "full";

    /// <summary>The authorization endpoint path.</summary>
    public const string AuthorizationPath = "/app/oauth/authorize";

    /// <summary>The token endpoint path.</summary>
    public const string TokenPath = "/token";

    /// <summary>The protected resource's path (Keap REST: the account profile).</summary>
    public const string ResourcePath = "/crm/rest/v1/account/profile";

    /// <summary>The header Keap reads a Service Account Key or PAT from.</summary>
    public const string ApiKeyHeader = "X-Keap-API-Key";

    /// <summary>Keap's per-key quota window, as its headers name it.</summary>
    public const string QuotaHeaderPrefix = "x-keap-product-quota-";

    private static readonly Lazy<RsaSecurityKey> ProcessSigningKey = new(() => new RsaSecurityKey(RSA.Create(2048)));

    private readonly WebApplication _app;
    private int _authorizationRequests;
    private int _tokenRequests;
    private int _tokenRequestsSucceeded;
    private int _tokenRequestsBasic;
    private int _resourceRequests;
    private int _resourceRequestsRejected;
    private volatile bool _denyConsent;
    private TimeSpan _tokenResponseDelay;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _refreshClaims = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _grantTypes = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _issuedAccessTokens;
    private readonly ConcurrentDictionary<string, int> _callsPerCredential = new(StringComparer.Ordinal);
    private readonly KeapAuthorizationServerOptions _options;
    private int _clientAuthenticationRefused;

    private KeapAuthorizationServer(WebApplication app, Uri baseUri, bool denyConsent, ConcurrentDictionary<string, DateTimeOffset> issuedAccessTokens, KeapAuthorizationServerOptions options)
    {
        _app = app;
        _options = options;
        BaseUri = baseUri;
        _denyConsent = denyConsent;
        _issuedAccessTokens = issuedAccessTokens;
    }

    /// <summary>The server's base address, e.g. <c>http://127.0.0.1:54321/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>The authorization endpoint (<c>/app/oauth/authorize</c>).</summary>
    public Uri AuthorizationEndpoint => new(BaseUri, AuthorizationPath.TrimStart('/'));

    /// <summary>The token endpoint (<c>/token</c>).</summary>
    public Uri TokenEndpoint => new(BaseUri, TokenPath.TrimStart('/'));

    /// <summary>The protected resource (<c>/crm/rest/v1/account/profile</c>): 200 with a live bearer token, else 401.</summary>
    public Uri ResourceEndpoint => new(BaseUri, ResourcePath.TrimStart('/'));

    /// <summary>Requests to <see cref="ResourceEndpoint"/> (any outcome).</summary>
    public int ResourceRequests => Volatile.Read(ref _resourceRequests);

    /// <summary>Requests to <see cref="ResourceEndpoint"/> refused with 401 (missing, unknown or expired token).</summary>
    public int ResourceRequestsRejected => Volatile.Read(ref _resourceRequestsRejected);

    /// <summary>A delay before each token response: widens the window in which concurrent callers would race a refresh.</summary>
    public TimeSpan TokenResponseDelay { get => _tokenResponseDelay; set => _tokenResponseDelay = value; }

    /// <summary>Token requests with <c>grant_type=refresh_token</c> so far.</summary>
    public int RefreshRequests => _grantTypes.Count(g => g == OpenIddictConstants.GrantTypes.RefreshToken);

    /// <summary>Ends every access token issued so far (the resource answers 401 to them); refresh tokens stay valid.</summary>
    public void ExpireAccessTokens()
    {
        foreach (var token in _issuedAccessTokens.Keys)
        {
            _issuedAccessTokens[token] = DateTimeOffset.MinValue;
        }
    }

    /// <summary>When true, the authorization endpoint redirects with <c>error=access_denied</c> and the state.</summary>
    public bool DenyConsent { get => _denyConsent; set => _denyConsent = value; }

    /// <summary>Authorization requests received.</summary>
    public int AuthorizationRequests => Volatile.Read(ref _authorizationRequests);

    /// <summary>Token requests received (any outcome).</summary>
    public int TokenRequests => Volatile.Read(ref _tokenRequests);

    /// <summary>Token requests answered with HTTP 200.</summary>
    public int TokenRequestsSucceeded => Volatile.Read(ref _tokenRequestsSucceeded);

    /// <summary>Token requests that carried HTTP Basic client authentication.</summary>
    public int TokenRequestsWithBasicAuthentication => Volatile.Read(ref _tokenRequestsBasic);

    /// <summary>Token requests refused for client authentication Keap does not take (strict mode).</summary>
    public int ClientAuthenticationRefused => Volatile.Read(ref _clientAuthenticationRefused);

    /// <summary>The <c>grant_type</c> of each token request, in arrival order.</summary>
    public IReadOnlyCollection<string> GrantTypes => _grantTypes.ToArray();

    /// <summary>Starts the server on 127.0.0.1 with a dynamic port and registers the clients.</summary>
    public static async Task<KeapAuthorizationServer> StartAsync(KeapAuthorizationServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Clients.Count == 0)
        {
            throw new ArgumentException("Register at least one client.", nameof(options));
        }

        var builder = LoopbackHost.CreateBuilder("ConnectorGen.StandIns.Keap");
        var issuedAccessTokens = new ConcurrentDictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var databaseName = "keap-" + Guid.NewGuid().ToString("N");
        builder.Services.AddDbContext<KeapDbContext>(db =>
        {
            db.UseInMemoryDatabase(databaseName);
            db.UseOpenIddict();
        });

        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<KeapDbContext>())
            .AddServer(server =>
            {
                server.SetAuthorizationEndpointUris(AuthorizationPath.TrimStart('/'))
                      .SetTokenEndpointUris(TokenPath.TrimStart('/'));
                server.AllowAuthorizationCodeFlow().AllowRefreshTokenFlow();
                if (options.RequirePkce)
                {
                    server.RequireProofKeyForCodeExchange();
                }

                server.RegisterScopes(FullScope, Scopes.OfflineAccess);
                server.SetAccessTokenLifetime(options.AccessTokenLifetime);
                server.SetRefreshTokenLifetime(options.RefreshTokenLifetime);

                // Keap rotates refresh tokens: each refresh returns a new one and the old one is dead at once.
                // Rolling refresh tokens are OpenIddict's default; a null leeway means a redeemed token is never accepted again.
                server.SetRefreshTokenReuseLeeway(null);

                // Ephemeral keys (never persisted). The RSA signing key is made once per process: generating one per
                // server cost seconds of CPU on the first request of every test. The encryption key is per server.
                server.AddSigningKey(ProcessSigningKey.Value);
                server.AddEncryptionKey(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)));
                server.DisableAccessTokenEncryption();

                // Keap does not use offline_access: the stand-in grants it internally (OpenIddict issues refresh tokens
                // only with it) and hides it from the token response, so clients see Keap's "scope": "full".
                server.AddEventHandler<OpenIddictServerEvents.ApplyTokenResponseContext>(handler =>
                    handler.UseInlineHandler(context =>
                    {
                        if (context.Response.AccessToken is not null)
                        {
                            // expires_in is whole seconds (rounded down); the resource uses the configured lifetime itself.
                            issuedAccessTokens[context.Response.AccessToken] = DateTimeOffset.UtcNow + options.AccessTokenLifetime;
                            var scopes = (context.Response.Scope ?? FullScope)
                                .Split(' ', StringSplitOptions.RemoveEmptyEntries)
                                .Where(scope => scope != Scopes.OfflineAccess)
                                .Select(scope => scope == FullScope && options.TenantHost is not null ? FullScope + "|" + options.TenantHost : scope);
                            context.Response.Scope = string.Join(' ', scopes);
                        }
                        else if (options.KeapRefreshErrors && context.Response.Error == Errors.InvalidGrant &&
                                 context.Request?.GrantType == OpenIddictConstants.GrantTypes.RefreshToken)
                        {
                            // Keap's reported answer to a dead refresh token (contract row 10).
                            context.Response.Error = Errors.InvalidRequest;
                            context.Response.ErrorDescription = "Invalid Refresh Token";
                            context.Response.ErrorUri = null;
                        }

                        return default;
                    }).SetOrder(int.MinValue + 100_000));

                server.UseAspNetCore()
                      .EnableAuthorizationEndpointPassthrough()
                      .DisableTransportSecurityRequirement();
            });

        var app = builder.Build();
        KeapAuthorizationServer? self = null;

        app.Use(async (context, next) =>
        {
            var server = self!;
            if (context.Request.Path.Equals(ResourcePath, StringComparison.Ordinal))
            {
                await server.ServeResourceAsync(context);
                return;
            }

            if (context.Request.Path.Equals(TokenPath, StringComparison.Ordinal))
            {
                Interlocked.Increment(ref server._tokenRequests);
                if (context.Request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
                {
                    Interlocked.Increment(ref server._tokenRequestsBasic);
                }

                string? claimed = null;
                if (context.Request.HasFormContentType)
                {
                    var form = await context.Request.ReadFormAsync(context.RequestAborted);
                    var grantType = form["grant_type"].ToString();
                    server._grantTypes.Enqueue(grantType);
                    if (server._options.StrictClientAuthentication && !server.TakesClientAuthentication(context, form, grantType))
                    {
                        Interlocked.Increment(ref server._clientAuthenticationRefused);
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                        context.Response.ContentType = "application/json";
                        await context.Response.WriteAsync(
                            "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication is not as Keap takes it for this grant.\"}",
                            context.RequestAborted);
                        return;
                    }

                    // Strict rotation, atomically: OpenIddict refuses a redeemed refresh token, but two redemptions that
                    // arrive at the same instant can both pass its check. A refresh token is claimed here before it is
                    // redeemed; a second request with it is answered as Keap answers a dead one. A request that does not
                    // succeed (refused, aborted by a killed caller) gives its claim back: nothing was rotated.
                    if (grantType == OpenIddictConstants.GrantTypes.RefreshToken && form["refresh_token"].ToString() is { Length: > 0 } presented)
                    {
                        if (!server._refreshClaims.TryAdd(presented, 0))
                        {
                            context.Response.StatusCode = StatusCodes.Status400BadRequest;
                            context.Response.ContentType = "application/json";
                            await context.Response.WriteAsync(
                                server._options.KeapRefreshErrors
                                    ? "{\"error\":\"invalid_request\",\"error_description\":\"Invalid Refresh Token\"}"
                                    : "{\"error\":\"invalid_grant\",\"error_description\":\"The specified refresh token has already been redeemed.\"}",
                                context.RequestAborted);
                            return;
                        }

                        claimed = presented;
                    }
                }

                var succeeded = false;
                try
                {
                    if (server._tokenResponseDelay > TimeSpan.Zero)
                    {
                        await Task.Delay(server._tokenResponseDelay, context.RequestAborted);
                    }

                    // Counted as the response starts, not after it was written: the client may read the answer, and a
                    // test the counter, before this middleware resumes.
                    context.Response.OnStarting(() =>
                    {
                        if (context.Response.StatusCode == StatusCodes.Status200OK)
                        {
                            succeeded = true;
                            Interlocked.Increment(ref server._tokenRequestsSucceeded);
                        }

                        return Task.CompletedTask;
                    });
                    await next(context);
                }
                finally
                {
                    if (claimed is not null && !succeeded)
                    {
                        server._refreshClaims.TryRemove(claimed, out _);
                    }
                }

                return;
            }

            if (context.Request.Path.Equals(AuthorizationPath, StringComparison.Ordinal))
            {
                Interlocked.Increment(ref server._authorizationRequests);
            }

            await next(context);
        });
        app.UseAuthentication();

        app.MapMethods(AuthorizationPath, ["GET", "POST"], (HttpContext context) =>
        {
            var request = context.GetOpenIddictServerRequest()
                ?? throw new InvalidOperationException("The OpenIddict server request cannot be retrieved.");

            if (self!.DenyConsent)
            {
                return Results.Forbid(
                    new AuthenticationProperties(new Dictionary<string, string?>
                    {
                        [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.AccessDenied,
                        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "The user refused to grant access.",
                    }),
                    [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
            }

            var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, options.UserSubject);
            identity.SetScopes(request.GetScopes().Append(Scopes.OfflineAccess).Distinct(StringComparer.Ordinal));
            identity.SetDestinations(static _ => [Destinations.AccessToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        self = new KeapAuthorizationServer(app, LoopbackHost.GetBaseUri(app), options.DenyConsent, issuedAccessTokens, options);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
            foreach (var client in options.Clients)
            {
                var descriptor = new OpenIddictApplicationDescriptor
                {
                    ClientId = client.ClientId,
                    ClientSecret = client.ClientSecret,
                    ClientType = ClientTypes.Confidential,
                    ConsentType = ConsentTypes.Implicit,
                    DisplayName = client.ClientId,
                    Permissions =
                    {
                        Permissions.Endpoints.Authorization,
                        Permissions.Endpoints.Token,
                        Permissions.GrantTypes.AuthorizationCode,
                        Permissions.GrantTypes.RefreshToken,
                        Permissions.ResponseTypes.Code,
                        Permissions.Prefixes.Scope + FullScope,
                    },
                };
                foreach (var redirectUri in client.RedirectUris)
                {
                    descriptor.RedirectUris.Add(redirectUri);
                }

                await manager.CreateAsync(descriptor, cancellationToken).ConfigureAwait(false);
            }
        }

        return self;
    }

    // Keap's SDKs: the code exchange carries the client in the body (a Basic header is refused, toddstoker's comment);
    // the refresh carries it in Basic only (infusionsoft-php refreshAccessToken, toddstoker resolveRefreshTokenRequest).
    private bool TakesClientAuthentication(HttpContext context, IFormCollection form, string grantType)
    {
        var basic = context.Request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.OrdinalIgnoreCase);
        var inBody = form.ContainsKey("client_secret");
        return grantType switch
        {
            OpenIddictConstants.GrantTypes.AuthorizationCode => !basic && inBody && form.ContainsKey("client_id"),
            OpenIddictConstants.GrantTypes.RefreshToken => basic && !inBody,
            _ => true,
        };
    }

    // A live Bearer token (RFC 6750) or a registered key in X-Keap-API-Key. Refusals carry Apigee's fault envelope with
    // the error codes Keap's gateway uses (contract row 11); every answer carries the per-credential quota headers
    // (row 14), and a credential past QuotaLimit gets Apigee's 429 QuotaViolation (row 15).
    private async Task ServeResourceAsync(HttpContext context)
    {
        Interlocked.Increment(ref _resourceRequests);
        var header = context.Request.Headers.Authorization.ToString();
        const string Scheme = "Bearer ";
        var token = header.StartsWith(Scheme, StringComparison.Ordinal) ? header[Scheme.Length..] : null;
        var key = context.Request.Headers[ApiKeyHeader].ToString();
        string? refusal = null;
        string credential;
        if (key.Length != 0)
        {
            credential = "key:" + key;
            refusal = _options.ApiKeys.Contains(key) ? null : "oauth.v2.InvalidApiKey";
        }
        else if (token is null)
        {
            credential = string.Empty;
            refusal = "oauth.v2.InvalidAccessToken";
        }
        else
        {
            credential = "token:" + token;
            refusal = !_issuedAccessTokens.TryGetValue(token, out var expiresAt) ? "keymanagement.service.invalid_access_token"
                : expiresAt <= DateTimeOffset.UtcNow ? "keymanagement.service.access_token_expired" : null;
        }

        if (refusal is not null)
        {
            Interlocked.Increment(ref _resourceRequestsRejected);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            if (key.Length == 0)
            {
                context.Response.Headers.WWWAuthenticate = token is null ? "Bearer" : "Bearer error=\"invalid_token\"";
            }

            await WriteFaultAsync(context, refusal == "oauth.v2.InvalidApiKey" ? "Invalid ApiKey" : "Invalid access token", refusal);
            return;
        }

        var used = _callsPerCredential.AddOrUpdate(credential, 1, static (_, n) => n + 1);
        var limit = _options.QuotaLimit;
        var expiry = DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers[QuotaHeaderPrefix + "time-unit"] = "minute";
        context.Response.Headers[QuotaHeaderPrefix + "interval"] = "1";
        context.Response.Headers[QuotaHeaderPrefix + "limit"] = (limit ?? 240).ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers[QuotaHeaderPrefix + "used"] = used.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers[QuotaHeaderPrefix + "available"] = Math.Max(0, (limit ?? 240) - used).ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers[QuotaHeaderPrefix + "expiry-time"] = expiry;
        context.Response.Headers["x-keap-tenant-throttle-time-unit"] = "minute|day";
        context.Response.Headers["x-keap-tenant-throttle-limit"] = "10000|250000";
        context.Response.Headers["x-keap-tenant-throttle-available"] = (10000 - used).ToString(System.Globalization.CultureInfo.InvariantCulture) + "|" + (250000 - used).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (limit is int max && used > max)
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            if (_options.RetryAfterSeconds is int seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            await WriteFaultAsync(context, "Rate limit quota violation. Quota limit exceeded.", "policies.ratelimit.QuotaViolation");
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("{\"email\":\"keap-test-user@example.test\",\"name\":\"Keap test account\"}", context.RequestAborted);
    }

    private static Task WriteFaultAsync(HttpContext context, string faultString, string errorCode)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(
            "{\"fault\":{\"faultstring\":\"" + faultString + "\",\"detail\":{\"errorcode\":\"" + errorCode + "\"}}}",
            context.RequestAborted);
    }

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private sealed class KeapDbContext(DbContextOptions<KeapDbContext> options) : DbContext(options);
}
