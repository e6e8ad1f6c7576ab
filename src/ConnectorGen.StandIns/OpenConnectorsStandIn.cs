using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ConnectorGen.StandIns;

/// <summary>An element (connector) known to <see cref="OpenConnectorsStandIn"/>.</summary>
/// <param name="Id">The element's numeric id.</param>
/// <param name="Key">The element key, e.g. <c>infusionsoftcrm</c>.</param>
/// <param name="Name">The display name.</param>
/// <param name="RequiredConfiguration">Configuration keys that instance creation requires.</param>
/// <param name="OptionalConfiguration">Configuration keys that instance creation accepts.</param>
public sealed record OpenConnectorsElement(
    long Id,
    string Key,
    string Name,
    IReadOnlyList<string> RequiredConfiguration,
    IReadOnlyList<string> OptionalConfiguration);

/// <summary>Options for <see cref="OpenConnectorsStandIn"/>.</summary>
public sealed class OpenConnectorsStandInOptions
{
    /// <summary>The user secret expected in <c>Authorization: User &lt;secret&gt;, Organization &lt;secret&gt;</c>.</summary>
    public required string UserSecret { get; init; }

    /// <summary>The organization secret expected in the Authorization header.</summary>
    public required string OrganizationSecret { get; init; }

    /// <summary>The provider's authorization endpoint, used to build <c>oauthUrl</c>.</summary>
    public required Uri ProviderAuthorizationEndpoint { get; init; }

    /// <summary>The provider's token endpoint, where instance creation redeems <c>providerData.code</c>.</summary>
    public required Uri ProviderTokenEndpoint { get; init; }

    /// <summary>The element catalogue. Defaults to <see cref="OpenConnectorsStandIn.DefaultElements"/>.</summary>
    public IReadOnlyList<OpenConnectorsElement>? Elements { get; init; }

    /// <summary>The scope put in <c>oauthUrl</c> when the request names none.</summary>
    public string DefaultScope { get; init; } = "full";
}

/// <summary>An instance created through <see cref="OpenConnectorsStandIn"/>, recorded for assertions.</summary>
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
/// <c>GET /ping</c>), <c>GET /elements/{key}/oauth/url</c>, <c>GET /instances/{id}</c>, and instance creation by
/// <c>POST /instances</c> or <c>POST /elements/{key}/instances</c>, which redeems the authorization code at the
/// provider's token endpoint itself, as the real service does.
/// </summary>
public sealed class OpenConnectorsStandIn : IAsyncDisposable
{
    /// <summary>The API base path.</summary>
    public const string BasePath = "/elements/api-v2";

    private static readonly string[] OAuthKeys = ["oauth.api.key", "oauth.api.secret", "oauth.callback.url"];

    /// <summary>The default catalogue: <c>infusionsoftcrm</c>, <c>infusionsoftmarketing</c>, <c>infusionsoftrest</c>.</summary>
    public static IReadOnlyList<OpenConnectorsElement> DefaultElements { get; } =
    [
        new(3001, "infusionsoftcrm", "Infusionsoft CRM", [.. OAuthKeys, "infusionsoft.private.key"], ["infusionsoft.server"]),
        new(3002, "infusionsoftmarketing", "Infusionsoft Marketing", [.. OAuthKeys, "infusionsoft.private.key"], ["infusionsoft.server"]),
        new(3003, "infusionsoftrest", "Infusionsoft REST", OAuthKeys, []),
    ];

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<OpenConnectorsCreatedInstance> _instances = new();
    private int _requests;
    private int _unauthorized;
    private long _nextId = 100_000;

    private OpenConnectorsStandIn(WebApplication app)
    {
        _app = app;
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
        var self = new OpenConnectorsStandIn(app);
        var providerHttp = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };
        var expectedHeader = "User " + options.UserSecret + ", Organization " + options.OrganizationSecret;

        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments(BasePath, StringComparison.Ordinal))
            {
                await WriteError(context, 404, "Not found.");
                return;
            }

            Interlocked.Increment(ref self._requests);
            // Platform calls: "User <secret>, Organization <secret>"; instance calls add ", Element <instance token>".
            var header = context.Request.Headers.Authorization;
            var text = header.Count == 1 ? header.ToString() : string.Empty;
            var platform = text;
            OpenConnectorsCreatedInstance? instance = null;
            var elementAt = text.IndexOf(", Element ", StringComparison.Ordinal);
            if (elementAt >= 0)
            {
                platform = text[..elementAt];
                var elementToken = text[(elementAt + ", Element ".Length)..];
                instance = self._instances.FirstOrDefault(i => FixedTimeEquals(i.Token, elementToken));
            }

            if (!FixedTimeEquals(platform, expectedHeader) || (elementAt >= 0 && instance is null))
            {
                Interlocked.Increment(ref self._unauthorized);
                await WriteError(context, 401, "Invalid Organization or User secret, or invalid Element token provided.");
                return;
            }

            if (instance is not null)
            {
                context.Items[typeof(OpenConnectorsCreatedInstance)] = instance;
            }

            await next(context);
        });

        var api = app.MapGroup(BasePath);

        // An instance-level call: needs the Element token of an existing instance (as hub calls do).
        api.MapGet("/ping", async (HttpContext context) =>
        {
            if (context.Items[typeof(OpenConnectorsCreatedInstance)] is not OpenConnectorsCreatedInstance caller)
            {
                await WriteError(context, 401, "This call needs 'Element <instance token>' in the Authorization header.");
                return;
            }

            await WriteJson(context, 200, new JsonObject { ["instanceId"] = caller.Id, ["element"] = caller.ElementKey });
        });

        api.MapGet("/instances/{id:long}", async (HttpContext context, long id) =>
        {
            var found = self._instances.FirstOrDefault(i => i.Id == id);
            if (found is null)
            {
                await WriteError(context, 404, "No instance found with id " + id + ".");
                return;
            }

            await WriteJson(context, 200, new JsonObject
            {
                ["id"] = found.Id,
                ["name"] = found.Name,
                ["element"] = new JsonObject { ["key"] = found.ElementKey },
                ["valid"] = true,
                ["disabled"] = false,
            });
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

            var oauthUrl = options.ProviderAuthorizationEndpoint.GetLeftPart(UriPartial.Path) + "?" +
                string.Join('&', parameters.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
            await WriteJson(context, 200, new JsonObject { ["oauthUrl"] = oauthUrl, ["element"] = element.Key });
        });

        api.MapPost("/instances", (HttpContext context) => self.CreateInstance(context, null, elements, options, providerHttp));
        api.MapPost("/elements/{key}/instances", (HttpContext context, string key) => self.CreateInstance(context, key, elements, options, providerHttp));

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        self.ServerUri = LoopbackHost.GetBaseUri(app);
        app.Lifetime.ApplicationStopped.Register(providerHttp.Dispose);
        return self;
    }

    private async Task CreateInstance(
        HttpContext context,
        string? pathKey,
        Dictionary<string, OpenConnectorsElement> elements,
        OpenConnectorsStandInOptions options,
        HttpClient providerHttp)
    {
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType) ||
            !string.Equals(mediaType.MediaType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            await WriteError(context, 415, "Content type '" + (context.Request.ContentType ?? "") + "' is not supported; use application/json.");
            return;
        }

        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException)
        {
            await WriteError(context, 400, "The request body is not valid JSON.");
            return;
        }

        if (body is not JsonObject root)
        {
            await WriteError(context, 400, "The request body must be a JSON object.");
            return;
        }

        string? key = pathKey;
        if (key is null)
        {
            if (root["element"] is not JsonObject elementNode || !TryGetString(elementNode, "key", out var bodyKey))
            {
                await WriteError(context, 400, "The instance must name its element in 'element.key'.");
                return;
            }

            key = bodyKey;
        }

        if (!elements.TryGetValue(key, out var element))
        {
            await WriteError(context, 404, "No element found with key or id '" + key + "'.");
            return;
        }

        if (!TryGetString(root, "name", out var name))
        {
            await WriteError(context, 400, "The instance must have a 'name'.");
            return;
        }

        if (root["configuration"] is not JsonObject configurationNode)
        {
            await WriteError(context, 400, "The instance must have a 'configuration' object.");
            return;
        }

        var configuration = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (configKey, value) in configurationNode)
        {
            if (value is not JsonValue scalar || !scalar.TryGetValue<string>(out var text))
            {
                await WriteError(context, 400, "Configuration entry '" + configKey + "' must be a string.");
                return;
            }

            configuration[configKey] = text;
        }

        foreach (var required in element.RequiredConfiguration)
        {
            if (!configuration.TryGetValue(required, out var value) || string.IsNullOrEmpty(value))
            {
                await WriteError(context, 400, "No value was provided for the required configuration property '" + required + "'.");
                return;
            }
        }

        var tags = new List<string>();
        if (root["tags"] is JsonNode tagsNode)
        {
            if (tagsNode is not JsonArray tagArray || tagArray.Any(t => t is not JsonValue v || !v.TryGetValue<string>(out _)))
            {
                await WriteError(context, 400, "'tags' must be an array of strings.");
                return;
            }

            tags.AddRange(tagArray.Select(t => t!.GetValue<string>()));
        }

        if (root["providerData"] is not JsonObject providerData || !TryGetString(providerData, "code", out var code))
        {
            await WriteError(context, 400, "OAuth elements need 'providerData.code'.");
            return;
        }

        // Redeem the code at the provider, as Open Connectors does: a replayed or bogus code fails there.
        using var tokenRequest = new HttpRequestMessage(HttpMethod.Post, options.ProviderTokenEndpoint)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = code,
                ["client_id"] = configuration.GetValueOrDefault("oauth.api.key", ""),
                ["client_secret"] = configuration.GetValueOrDefault("oauth.api.secret", ""),
                ["redirect_uri"] = configuration.GetValueOrDefault("oauth.callback.url", ""),
            }),
        };

        string providerBody;
        int providerStatus;
        try
        {
            using var providerResponse = await providerHttp.SendAsync(tokenRequest, context.RequestAborted);
            providerStatus = (int)providerResponse.StatusCode;
            providerBody = await providerResponse.Content.ReadAsStringAsync(context.RequestAborted);
        }
        catch (HttpRequestException)
        {
            await WriteError(context, 502, "The provider could not be reached.");
            return;
        }

        string? accessToken = null, refreshToken = null;
        try
        {
            using var document = JsonDocument.Parse(providerBody);
            if (providerStatus == 200 && document.RootElement.ValueKind == JsonValueKind.Object)
            {
                accessToken = document.RootElement.TryGetProperty("access_token", out var at) ? at.GetString() : null;
                refreshToken = document.RootElement.TryGetProperty("refresh_token", out var rt) ? rt.GetString() : null;
            }
        }
        catch (JsonException)
        {
        }

        if (accessToken is null)
        {
            await WriteError(context, 400, "Failed to retrieve the OAuth token from the provider.", providerBody);
            return;
        }

        var id = Interlocked.Increment(ref _nextId);
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var echoed = new Dictionary<string, string>(configuration, StringComparer.Ordinal)
        {
            ["oauth.user.token"] = accessToken,
        };
        if (refreshToken is not null)
        {
            echoed["oauth.user.refresh_token"] = refreshToken;
        }

        _instances.Enqueue(new OpenConnectorsCreatedInstance(id, name, token, element.Key, echoed, tags, context.Request.Path.Value ?? ""));

        var configurationJson = new JsonObject();
        foreach (var (configKey, value) in echoed)
        {
            configurationJson[configKey] = value;
        }

        await WriteJson(context, 200, new JsonObject
        {
            ["id"] = id,
            ["name"] = name,
            ["token"] = token,
            ["element"] = new JsonObject { ["id"] = element.Id, ["key"] = element.Key, ["name"] = element.Name },
            ["configuration"] = configurationJson,
            ["tags"] = new JsonArray(tags.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()),
            ["valid"] = true,
            ["disabled"] = false,
            ["createdDate"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    private static bool TryGetString(JsonObject node, string name, out string value)
    {
        value = "";
        if (node[name] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0)
        {
            value = s;
            return true;
        }

        return false;
    }

    private static bool FixedTimeEquals(string actual, string expected) =>
        CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(actual),
            System.Text.Encoding.UTF8.GetBytes(expected));

    private static Task WriteError(HttpContext context, int status, string message, string? providerMessage = null)
    {
        var error = new JsonObject { ["requestId"] = Guid.NewGuid().ToString("N"), ["message"] = message };
        if (providerMessage is not null)
        {
            error["providerMessage"] = providerMessage;
        }

        return WriteJson(context, status, error);
    }

    private static Task WriteJson(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
