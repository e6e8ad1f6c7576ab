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
/// <param name="Disabled">Whether the instance is disabled (its calls answer 403).</param>
/// <param name="Valid">Whether the platform considers the credentials valid (false after failed refreshes).</param>
public sealed record OpenConnectorsInstanceState(
    long Id,
    string Name,
    string Token,
    string ElementKey,
    IReadOnlyDictionary<string, string> Configuration,
    IReadOnlyList<string> Tags,
    int Reauthorizations,
    bool Disabled = false,
    bool Valid = true);

/// <summary>A request the stand-in received, for contract tests that assert exact requests and bodies.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="PathAndQuery">The path under the server and the query, as sent.</param>
/// <param name="Body">The body as text (empty when none).</param>
public sealed record OpenConnectorsRecordedRequest(string Method, string PathAndQuery, string Body);

/// <summary>
/// The instance API: create, get, list/find, update (PATCH merges, PUT replaces name and tags), re-authorize (PATCH or
/// PUT with <c>providerData.code</c>), disable and enable, delete. Each change happens under the instance's lock so
/// concurrent updates serialize.
/// </summary>
public sealed partial class OpenConnectorsStandIn
{
    private const string PlatformManagedPrefix = "oauth.user.";

    /// <summary>The mask the platform shows for configuration values (churros <c>instances.js</c>).</summary>
    public const string ConfigurationMask = "********";

    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, InstanceEntry> _entries = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<OpenConnectorsRecordedRequest> _recorded = new();
    private TimeSpan _createResponseDelay;

    /// <summary>Every request received under the base path, in order.</summary>
    public IReadOnlyList<OpenConnectorsRecordedRequest> RecordedRequests => _recorded.ToArray();

    /// <summary>
    /// Marks the instance as the platform does after five failed refreshes: disabled and not valid; it "will need to be
    /// manually re-enabled and re-authenticated" (SAP help, automatic disabling of instances).
    /// </summary>
    public void DisableAfterFailedRefreshes(long id)
    {
        var entry = FindLive(id) ?? throw new ArgumentException("No such instance.", nameof(id));
        lock (entry.Gate)
        {
            entry.Disabled = true;
            entry.Valid = false;
        }
    }

    private async Task RecordAsync(HttpContext context)
    {
        var body = "";
        if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            context.Request.EnableBuffering();
            using var reader = new StreamReader(context.Request.Body, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
            body = await reader.ReadToEndAsync(context.RequestAborted);
            context.Request.Body.Position = 0;
        }

        _recorded.Enqueue(new OpenConnectorsRecordedRequest(context.Request.Method, context.Request.Path.Value + context.Request.QueryString.Value, body));
    }

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

        await WriteJson(context, 200, entry.ToJson(_options.EchoConfigurationInClear, hydrate: true));
    }

    // GET /instances?searchText=..&tags[]=..&hydrate=..: searchText matches the name or the element key (case-insensitive
    // substring; devportal release notes 2.163); every tags[] value must be on the instance (churros instances.js; AND is
    // inferred). hydrate=false leaves the element's details out (churros provisioner.js). Nothing found: 404 "No instances
    // found" (churros "should fail there are no instances matching search"; the-doctor maps ^No (.*) found$ to empty).
    private async Task ListInstances(HttpContext context)
    {
        var searchText = context.Request.Query["searchText"].ToString();
        var tags = context.Request.Query["tags[]"].Where(t => !string.IsNullOrEmpty(t)).Select(t => t!).ToArray();
        var hydrate = !string.Equals(context.Request.Query["hydrate"].ToString(), "false", StringComparison.OrdinalIgnoreCase);
        var found = new JsonArray();
        foreach (var entry in _entries.Values.Where(e => !e.Deleted).OrderBy(e => e.Id))
        {
            var snapshot = entry.Snapshot();
            if ((searchText.Length == 0 || snapshot.Name.Contains(searchText, StringComparison.OrdinalIgnoreCase) ||
                 snapshot.ElementKey.Contains(searchText, StringComparison.OrdinalIgnoreCase)) &&
                tags.All(t => snapshot.Tags.Contains(t, StringComparer.Ordinal)))
            {
                found.Add(entry.ToJson(_options.EchoConfigurationInClear, hydrate));
            }
        }

        if (found.Count == 0)
        {
            await WriteError(context, 404, "No instances found");
            return;
        }

        await WriteJson(context, 200, found);
    }

    // PUT (enable) and DELETE (disable) /instances/{id}/enabled, or /instances/enabled naming the instance by its Element
    // token (churros instances.js "should allow disabling and enabling an instance"; SAP help "Disabling and Enabling").
    private async Task SetEnabled(HttpContext context, long? id, bool enabled)
    {
        var entry = id is long given ? FindLive(given) : context.Items[typeof(InstanceEntry)] as InstanceEntry;
        if (entry is null)
        {
            await WriteError(context, 404, id is null ? "This call needs 'Element <instance token>' in the Authorization header." : "No instance found with id " + id.Value.ToString(CultureInfo.InvariantCulture) + ".");
            return;
        }

        lock (entry.Gate)
        {
            entry.Disabled = !enabled;
        }

        await WriteJson(context, 200, entry.ToJson(_options.EchoConfigurationInClear, hydrate: false));
    }

    // PATCH merges: a configuration key given replaces that key only; tags, when given, replace the list; name, when
    // given, renames. PUT replaces: name is required, tags are replaced (absent = none); configuration merges as with
    // PATCH. On either, providerData.code re-authorizes (PATCH: churros instances.js "re-provision"; PUT: churros
    // provisioner.update): the new code is redeemed at the provider first, and only when that succeeds is anything
    // changed (a failed re-authorization leaves the instance as it was). A re-authorization makes the credentials valid
    // again but does not enable a disabled instance: that is a separate call (SAP help, automatic disabling).
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

        Dictionary<string, JsonNode?>? configuration = null;
        if (root["configuration"] is JsonNode configurationNode)
        {
            if (configurationNode is not JsonObject configurationObject)
            {
                await WriteError(context, 400, "'configuration' must be an object.");
                return;
            }

            if ((configuration = await ReadConfigurationAsync(context, configurationObject)) is null)
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
            var cleared = element.RequiredConfiguration.FirstOrDefault(k => configuration.TryGetValue(k, out var v) && IsEmpty(v));
            if (cleared is not null)
            {
                await WriteError(context, 400, "No value was provided for the required configuration property '" + cleared + "'.");
                return;
            }
        }

        (string Access, string? Refresh)? tokens = null;
        if (root["providerData"] is JsonNode providerNode)
        {
            if (providerNode is not JsonObject providerData || !TryGetString(providerData, "code", out var code))
            {
                await WriteError(context, 400, "Re-authorization needs 'providerData.code'.");
                return;
            }

            var merged = entry.Snapshot().Configuration.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            foreach (var (key, value) in configuration ?? [])
            {
                merged[key] = Text(value);
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
                    entry.Configuration[key] = value?.DeepClone();
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
                    entry.Valid = true;
                }
            }
        }

        if (entry.Deleted)
        {
            await WriteError(context, 404, "No instance found with id " + id.ToString(CultureInfo.InvariantCulture) + ".");
            return;
        }

        await WriteJson(context, 200, entry.ToJson(_options.EchoConfigurationInClear, hydrate: true));
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

        var configuration = await ReadConfigurationAsync(context, configurationNode);
        if (configuration is null)
        {
            return;
        }

        foreach (var required in element.RequiredConfiguration)
        {
            if (!configuration.TryGetValue(required, out var value) || IsEmpty(value))
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

        // An instance created without tags is tagged with its name (churros instances.js "should sanitize element
        // instance tags": the first tag is the name; devportal's list example "QA Box").
        if (tags.Count == 0)
        {
            tags.Add(name);
        }

        var external = root["externalAuthentication"] is JsonValue externalValue && externalValue.TryGetValue<string>(out var mode) && mode == "initial";
        if (external)
        {
            // Given tokens (devportal quickbooksonline authenticate; churros provisioner createExternalInstance): no code.
            if (IsEmpty(configuration.GetValueOrDefault("oauth.user.refresh_token")) && IsEmpty(configuration.GetValueOrDefault("oauth.user.token")))
            {
                await WriteError(context, 400, "External authentication needs 'oauth.user.token' or 'oauth.user.refresh_token' in the configuration.");
                return;
            }
        }
        else
        {
            if (root["providerData"] is not JsonObject providerData || !TryGetString(providerData, "code", out var code))
            {
                await WriteError(context, 400, "OAuth elements need 'providerData.code'.");
                return;
            }

            var tokens = await RedeemAsync(context, code, configuration.ToDictionary(p => p.Key, p => Text(p.Value), StringComparer.Ordinal));
            if (tokens is not { } redeemed)
            {
                return;
            }

            configuration["oauth.user.token"] = redeemed.Access;
            if (redeemed.Refresh is not null)
            {
                configuration["oauth.user.refresh_token"] = redeemed.Refresh;
            }
        }

        var id = Interlocked.Increment(ref _nextId);
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var entry = new InstanceEntry(id, token, element, name, configuration, tags);
        _entries[id] = entry;
        _instances.Enqueue(new OpenConnectorsCreatedInstance(id, name, token, element.Key,
            entry.Snapshot().Configuration, tags.ToArray(), context.Request.Path.Value ?? ""));

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

        await WriteJson(context, 200, entry.ToJson(_options.EchoConfigurationInClear, hydrate: true));
    }

    /// <summary>A configuration value as text: strings as they are, null as empty, anything else as its JSON.</summary>
    private static string Text(JsonNode? value) =>
        value is null ? "" : value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value.ToJsonString();

    private static bool IsEmpty(JsonNode? value) => value is null || (value is JsonValue v && v.TryGetValue<string>(out var s) && s.Length == 0);

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

    private sealed class InstanceEntry(long id, string token, OpenConnectorsElement element, string name, Dictionary<string, JsonNode?> configuration, List<string> tags)
    {
        public readonly object Gate = new();
        private volatile bool _deleted;
        private volatile bool _disabled;

        public long Id { get; } = id;
        public string Token { get; } = token;
        public string ElementKey => element.Key;
        public string Name { get; set; } = name;
        public Dictionary<string, JsonNode?> Configuration { get; } = configuration;
        public List<string> Tags { get; set; } = tags;
        public int Reauthorizations { get; set; }
        public bool Deleted { get => _deleted; set => _deleted = value; }
        public bool Disabled { get => _disabled; set => _disabled = value; }
        public bool Valid { get; set; } = true;
        public DateTimeOffset CreatedAt { get; } = DateTimeOffset.UtcNow;

        public OpenConnectorsInstanceState Snapshot()
        {
            lock (Gate)
            {
                return new OpenConnectorsInstanceState(Id, Name, Token, element.Key,
                    Configuration.ToDictionary(p => p.Key, p => Text(p.Value), StringComparer.Ordinal), Tags.ToArray(), Reauthorizations, Disabled, Valid);
            }
        }

        // Values masked unless the stand-in echoes in clear; null stays null (the platform returns null values). The
        // element is embedded whole unless the caller asked for hydrate=false.
        public JsonObject ToJson(bool clear, bool hydrate)
        {
            JsonObject configurationJson;
            string name;
            string[] tags;
            bool valid, disabled;
            lock (Gate)
            {
                configurationJson = new JsonObject();
                foreach (var (key, value) in Configuration)
                {
                    configurationJson[key] = value is null ? null : clear ? value.DeepClone() : JsonValue.Create(ConfigurationMask);
                }

                name = Name;
                tags = Tags.ToArray();
                valid = Valid;
                disabled = Disabled;
            }

            return new JsonObject
            {
                ["id"] = Id,
                ["name"] = name,
                ["token"] = Token,
                ["element"] = hydrate ? OpenConnectorsElementJson.Hydrated(element) : OpenConnectorsElementJson.Slim(element),
                ["elementId"] = element.Id,
                ["configuration"] = configurationJson,
                ["tags"] = new JsonArray(tags.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()),
                ["valid"] = valid,
                ["disabled"] = disabled,
                ["eventsEnabled"] = false,
                ["externalAuthentication"] = "none",
                ["user"] = new JsonObject { ["id"] = 4242, ["emailAddress"] = "owner@example.test", ["firstName"] = "Stand", ["lastName"] = "In" },
                ["createdDate"] = CreatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            };
        }
    }
}
