using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using static ConnectorGen.StandIns.StandInHttp;

namespace ConnectorGen.StandIns;

/// <summary>An instance as it is now (after any update or re-authorization), recorded for assertions.</summary>
/// <param name="Id">The instance id.</param>
/// <param name="Name">The current name.</param>
/// <param name="Token">The instance token (<c>Element &lt;token&gt;</c>); it does not change on update or re-authorization.</param>
/// <param name="ElementKey">The element key.</param>
/// <param name="Configuration">The current configuration, including the provider tokens obtained.</param>
/// <param name="Tags">The current tags.</param>
/// <param name="Reauthorizations">How many times a new code was redeemed for this instance after creation.</param>
public sealed record OpenConnectorsInstanceState(
    long Id,
    string Name,
    string Token,
    string ElementKey,
    IReadOnlyDictionary<string, string> Configuration,
    IReadOnlyList<string> Tags,
    int Reauthorizations);

/// <summary>
/// The instance API: create, get, list/find, update (PATCH merges, PUT replaces name and tags), re-authorize (PUT with
/// <c>providerData.code</c>), delete. Each change happens under the instance's lock so concurrent updates serialize.
/// </summary>
public sealed partial class OpenConnectorsStandIn
{
    private const string PlatformManagedPrefix = "oauth.user.";

    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, InstanceEntry> _entries = new();
    private TimeSpan _createResponseDelay;

    /// <summary>
    /// A delay between committing a created instance and answering <c>POST /instances</c>: lets a test make the client
    /// time out after the instance exists, the case the find-by-tag recipe is for.
    /// </summary>
    public TimeSpan CreateResponseDelay { get => _createResponseDelay; set => _createResponseDelay = value; }

    /// <summary>The instances that exist now (not deleted), in their current state.</summary>
    public IReadOnlyCollection<OpenConnectorsInstanceState> Instances =>
        _entries.Values.Where(e => !e.Deleted).OrderBy(e => e.Id).Select(e => e.Snapshot()).ToArray();

    /// <summary>The ids of deleted instances.</summary>
    public IReadOnlyCollection<long> DeletedInstanceIds =>
        _entries.Values.Where(e => e.Deleted).Select(e => e.Id).OrderBy(id => id).ToArray();

    /// <summary>The instances endpoint for one instance (<c>/instances/{id}</c>).</summary>
    public Uri InstanceEndpoint(long id) =>
        new(ServerUri, BasePath.TrimStart('/') + "/instances/" + id.ToString(CultureInfo.InvariantCulture));

    private InstanceEntry? FindByToken(string token) =>
        _entries.Values.FirstOrDefault(e => !e.Deleted && FixedTimeEquals(e.Token, token));

    private InstanceEntry? FindLive(long id) =>
        _entries.TryGetValue(id, out var entry) && !entry.Deleted ? entry : null;

    private async Task GetInstance(HttpContext context, long id)
    {
        var entry = FindLive(id);
        if (entry is null)
        {
            await WriteError(context, 404, "No instance found with id " + id.ToString(CultureInfo.InvariantCulture) + ".");
            return;
        }

        await WriteJson(context, 200, entry.ToJson());
    }

    // GET /instances?searchText=..&tags[]=..: searchText matches the name (case-insensitive substring); every tags[]
    // value must be on the instance. The platform documents searchText; the tags[] filter is inferred.
    private async Task ListInstances(HttpContext context)
    {
        var searchText = context.Request.Query["searchText"].ToString();
        var tags = context.Request.Query["tags[]"].Where(t => !string.IsNullOrEmpty(t)).Select(t => t!).ToArray();
        var found = new JsonArray();
        foreach (var entry in _entries.Values.Where(e => !e.Deleted).OrderBy(e => e.Id))
        {
            var snapshot = entry.Snapshot();
            if ((searchText.Length == 0 || snapshot.Name.Contains(searchText, StringComparison.OrdinalIgnoreCase)) &&
                tags.All(t => snapshot.Tags.Contains(t, StringComparer.Ordinal)))
            {
                found.Add(entry.ToJson());
            }
        }

        await WriteJson(context, 200, found);
    }

    // PATCH merges: a configuration key given replaces that key only; tags, when given, replace the list; name, when
    // given, renames. PUT replaces: name is required, tags are replaced (absent = none); configuration merges as with
    // PATCH, and providerData.code re-authorizes: the new code is redeemed at the provider first, and only when that
    // succeeds is anything changed (a failed re-authorization leaves the instance as it was).
    private async Task UpdateInstance(HttpContext context, long id, bool replace)
    {
        var entry = FindLive(id);
        if (entry is null)
        {
            await WriteError(context, 404, "No instance found with id " + id.ToString(CultureInfo.InvariantCulture) + ".");
            return;
        }

        var root = await ReadObjectAsync(context);
        if (root is null)
        {
            return;
        }

        if (root["id"] is JsonNode idNode && (idNode is not JsonValue idValue || !idValue.TryGetValue<long>(out var bodyId) || bodyId != id))
        {
            await WriteError(context, 400, "The 'id' in the body does not match the instance in the path.");
            return;
        }

        string? name = null;
        if (root["name"] is not null && !TryGetString(root, "name", out name!))
        {
            await WriteError(context, 400, "'name' must be a non-empty string.");
            return;
        }

        if (replace && name is null)
        {
            await WriteError(context, 400, "PUT replaces the instance: it must have a 'name'.");
            return;
        }

        List<string>? tags = null;
        if (root["tags"] is JsonNode tagsNode && (tags = await ReadTagsAsync(context, tagsNode)) is null)
        {
            return;
        }

        Dictionary<string, string>? configuration = null;
        if (root["configuration"] is JsonNode configurationNode)
        {
            if (configurationNode is not JsonObject configurationObject)
            {
                await WriteError(context, 400, "'configuration' must be an object.");
                return;
            }

            if ((configuration = await ReadStringMapAsync(context, configurationObject)) is null)
            {
                return;
            }

            var managed = configuration.Keys.FirstOrDefault(k => k.StartsWith(PlatformManagedPrefix, StringComparison.Ordinal));
            if (managed is not null)
            {
                await WriteError(context, 400, "Configuration entry '" + managed + "' is managed by the platform and cannot be set.");
                return;
            }

            var element = _elements[entry.ElementKey];
            var cleared = element.RequiredConfiguration.FirstOrDefault(k => configuration.TryGetValue(k, out var v) && v.Length == 0);
            if (cleared is not null)
            {
                await WriteError(context, 400, "No value was provided for the required configuration property '" + cleared + "'.");
                return;
            }
        }

        (string Access, string? Refresh)? tokens = null;
        if (root["providerData"] is JsonNode providerNode)
        {
            if (!replace || providerNode is not JsonObject providerData || !TryGetString(providerData, "code", out var code))
            {
                await WriteError(context, 400, "Re-authorization is a PUT with 'providerData.code'.");
                return;
            }

            var merged = entry.Snapshot().Configuration.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            foreach (var (key, value) in configuration ?? [])
            {
                merged[key] = value;
            }

            var redeemed = await RedeemAsync(context, code, merged);
            if (redeemed is null)
            {
                return;
            }

            tokens = redeemed;
        }

        lock (entry.Gate)
        {
            if (entry.Deleted)
            {
                tokens = null;
            }
            else
            {
                entry.Name = name ?? entry.Name;
                if (tags is not null || replace)
                {
                    entry.Tags = tags ?? [];
                }

                foreach (var (key, value) in configuration ?? [])
                {
                    entry.Configuration[key] = value;
                }

                if (tokens is { } t)
                {
                    entry.Configuration["oauth.user.token"] = t.Access;
                    entry.Configuration.Remove("oauth.user.refresh_token");
                    if (t.Refresh is not null)
                    {
                        entry.Configuration["oauth.user.refresh_token"] = t.Refresh;
                    }

                    entry.Reauthorizations++;
                }
            }
        }

        if (entry.Deleted)
        {
            await WriteError(context, 404, "No instance found with id " + id.ToString(CultureInfo.InvariantCulture) + ".");
            return;
        }

        await WriteJson(context, 200, entry.ToJson());
    }

    private async Task DeleteInstance(HttpContext context, long id)
    {
        var entry = FindLive(id);
        if (entry is null)
        {
            await WriteError(context, 404, "No instance found with id " + id.ToString(CultureInfo.InvariantCulture) + ".");
            return;
        }

        lock (entry.Gate)
        {
            entry.Deleted = true;
        }

        context.Response.StatusCode = 200;
    }

    private async Task CreateInstance(HttpContext context, string? pathKey)
    {
        var root = await ReadObjectAsync(context);
        if (root is null)
        {
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

        if (!_elements.TryGetValue(key, out var element))
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

        var configuration = await ReadStringMapAsync(context, configurationNode);
        if (configuration is null)
        {
            return;
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
        if (root["tags"] is JsonNode tagsNode && (tags = await ReadTagsAsync(context, tagsNode)) is null)
        {
            return;
        }

        if (root["providerData"] is not JsonObject providerData || !TryGetString(providerData, "code", out var code))
        {
            await WriteError(context, 400, "OAuth elements need 'providerData.code'.");
            return;
        }

        var tokens = await RedeemAsync(context, code, configuration);
        if (tokens is not { } redeemed)
        {
            return;
        }

        var id = Interlocked.Increment(ref _nextId);
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        configuration["oauth.user.token"] = redeemed.Access;
        if (redeemed.Refresh is not null)
        {
            configuration["oauth.user.refresh_token"] = redeemed.Refresh;
        }

        var entry = new InstanceEntry(id, token, element, name, configuration, tags);
        _entries[id] = entry;
        _instances.Enqueue(new OpenConnectorsCreatedInstance(id, name, token, element.Key,
            new Dictionary<string, string>(configuration, StringComparer.Ordinal), tags.ToArray(), context.Request.Path.Value ?? ""));

        var delay = _createResponseDelay;
        if (delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        await WriteJson(context, 200, entry.ToJson());
    }

    // Redeems a code at the provider, as Open Connectors does: a replayed or bogus code fails there (400 with the
    // provider's answer as providerMessage, answered here; the result is then null).
    private async Task<(string Access, string? Refresh)?> RedeemAsync(HttpContext context, string code, IReadOnlyDictionary<string, string> configuration)
    {
        using var tokenRequest = new HttpRequestMessage(HttpMethod.Post, _options.ProviderTokenEndpoint)
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
            // Not tied to the caller's connection: like the real service, a redemption (and the instance it makes) goes
            // on after a client gives up, which is the case the find-by-tag recipe is for.
            using var providerResponse = await _providerHttp.SendAsync(tokenRequest, CancellationToken.None);
            providerStatus = (int)providerResponse.StatusCode;
            providerBody = await providerResponse.Content.ReadAsStringAsync(CancellationToken.None);
        }
        catch (HttpRequestException)
        {
            await WriteError(context, 502, "The provider could not be reached.");
            return null;
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
            return null;
        }

        return (accessToken, refreshToken);
    }

    private sealed class InstanceEntry(long id, string token, OpenConnectorsElement element, string name, Dictionary<string, string> configuration, List<string> tags)
    {
        public readonly object Gate = new();
        private volatile bool _deleted;

        public long Id { get; } = id;
        public string Token { get; } = token;
        public string ElementKey => element.Key;
        public string Name { get; set; } = name;
        public Dictionary<string, string> Configuration { get; } = configuration;
        public List<string> Tags { get; set; } = tags;
        public int Reauthorizations { get; set; }
        public bool Deleted { get => _deleted; set => _deleted = value; }
        public DateTimeOffset CreatedAt { get; } = DateTimeOffset.UtcNow;

        public OpenConnectorsInstanceState Snapshot()
        {
            lock (Gate)
            {
                return new OpenConnectorsInstanceState(Id, Name, Token, element.Key,
                    new Dictionary<string, string>(Configuration, StringComparer.Ordinal), Tags.ToArray(), Reauthorizations);
            }
        }

        public JsonObject ToJson()
        {
            var snapshot = Snapshot();
            var configurationJson = new JsonObject();
            foreach (var (key, value) in snapshot.Configuration)
            {
                configurationJson[key] = value;
            }

            return new JsonObject
            {
                ["id"] = snapshot.Id,
                ["name"] = snapshot.Name,
                ["token"] = snapshot.Token,
                ["element"] = new JsonObject { ["id"] = element.Id, ["key"] = element.Key, ["name"] = element.Name },
                ["elementId"] = element.Id,
                ["configuration"] = configurationJson,
                ["tags"] = new JsonArray(snapshot.Tags.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()),
                ["valid"] = true,
                ["disabled"] = false,
                ["createdDate"] = CreatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            };
        }
    }
}
