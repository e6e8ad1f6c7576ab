using ConnectorGen.Helpers;

namespace ConnectorGen.Model;

/// <summary>
/// One mapping file, read and checked: everything the emitters need and nothing else. Only strings, numbers, bools,
/// enums and <see cref="EquatableArray{T}"/>, so that an unchanged file compares equal and its output is cached.
/// Positions are not part of the model (they travel with the diagnostics), so moving text around re-emits no code.
/// </summary>
internal sealed record MappingModel(
    string FilePath,
    string Connector,
    string ElementKey,
    string? Namespace,
    string ConfigurationSection,
    string EnvironmentPrefix,
    string? Description,
    AuthModel Auth,
    EquatableArray<CredentialModel> Credentials)
{
    /// <summary>
    /// The provider's REST base URL (<c>apiBaseUrl</c>): the origin the credential handlers may send credentials to.
    /// Null when the mapping names none (then the application passes the allowed origin itself).
    /// </summary>
    public string? ApiBaseUrl { get; init; }

    public string CredentialsTypeName => Connector + GeneratedContract.CredentialsTypeSuffix;

    public string ValidatorTypeName => Connector + "CredentialsValidator";

    /// <summary>The namespace with the project default applied; set before emitting.</summary>
    public string EffectiveNamespace => string.IsNullOrEmpty(Namespace) ? GeneratedContract.FallbackNamespace : Namespace!;

    public string FullTypeName => EffectiveNamespace + "." + CredentialsTypeName;

    /// <summary>
    /// The mapping asks for the OAuth clients (oauth2 with both endpoints); whether the project can take them is the
    /// plan's question. Decided here once: the project checks (CG1041) and <see cref="EmitPlan"/> both read it.
    /// </summary>
    public bool WantsOAuthClients => Auth.Type == AuthType.OAuth2 && Auth.HasEndpoints;

    public CredentialModel? FindRole(CredentialRole role)
    {
        foreach (var credential in Credentials)
        {
            if (credential.Role == role)
            {
                return credential;
            }
        }

        return null;
    }
}

internal enum AuthType
{
    Custom,
    OAuth2,
    Basic,
    ApiKey,
}

/// <summary>How the OAuth client authenticates itself at the token endpoint for one grant.</summary>
internal enum ClientAuthentication
{
    /// <summary><c>client_id</c> and <c>client_secret</c> in the form body (client_secret_post).</summary>
    Body,

    /// <summary>HTTP Basic with <c>client_id:client_secret</c> (client_secret_basic).</summary>
    Basic,
}

internal sealed record AuthModel(
    AuthType Type,
    string? AuthorizationEndpoint,
    string? TokenEndpoint,
    EquatableArray<string> Scopes,
    bool UsePkce,
    ClientAuthentication CodeExchangeAuthentication,
    ClientAuthentication RefreshAuthentication)
{
    /// <summary>
    /// Other hosts that serve the same authorize path for this provider (e.g. Keap's accounts. and signin.infusionsoft.com):
    /// the managed flow accepts an <c>oauthUrl</c> from Open Connectors on any of them.
    /// </summary>
    public EquatableArray<string> AuthorizationHosts { get; init; } = EquatableArray<string>.Empty;

    public static AuthModel Custom { get; } = new(AuthType.Custom, null, null, EquatableArray<string>.Empty, false, ClientAuthentication.Body, ClientAuthentication.Basic);

    /// <summary>The refresh errors that RFC 6749 says mean "this grant is dead".</summary>
    public static EquatableArray<string> DefaultDeadGrantErrors { get; } = new[] { "invalid_grant" }.ToEquatableArray();

    /// <summary>
    /// The token endpoint's <c>error</c> codes that, answering a refresh, mean the grant is dead and the user must
    /// authorize again (<c>deadGrantErrors</c>). Keap answers a dead refresh token with <c>invalid_request</c>.
    /// </summary>
    public EquatableArray<string> DeadGrantErrors { get; init; } = DefaultDeadGrantErrors;

    /// <summary>apiKey: where the key goes (<c>apiKeyIn</c>), a header by default.</summary>
    public ApiKeyLocation ApiKeyIn { get; init; } = ApiKeyLocation.Header;

    /// <summary>apiKey: the header or query parameter name (<c>apiKeyName</c>); null for the default, <c>X-API-Key</c>.</summary>
    public string? ApiKeyName { get; init; }

    /// <summary>The header or query parameter name the key goes in.</summary>
    public string EffectiveApiKeyName => ApiKeyName ?? "X-API-Key";

    /// <summary>
    /// Both OAuth endpoints are known, so the handshake clients can be generated. A catalogued element whose page
    /// does not state them (or a mapping whose endpoint was rejected) keeps its credentials but gets no client.
    /// </summary>
    public bool HasEndpoints => AuthorizationEndpoint is not null && TokenEndpoint is not null;
}

/// <summary>Where an API key goes on each request.</summary>
internal enum ApiKeyLocation
{
    Header,
    Query,
}

internal enum CredentialRole
{
    None,
    ClientId,
    ClientSecret,
    RedirectUri,
    Username,
    Password,
    ApiKey,
}

internal enum FormatKind
{
    Text,
    Integer,
    Boolean,
    Url,
    HttpsUrl,
    HostName,
    Hex,
    Guid,
    Email,
    Pattern,
}

internal sealed record CredentialModel(
    string Name,
    string Source,
    string Parameter,
    bool Secret,
    bool Required,
    FormatKind Format,
    int HexDigits,
    string? Pattern,
    int? MinLength,
    int? MaxLength,
    string? Description,
    string? Deprecated,
    CredentialRole Role,
    string EnvironmentVariable)
{
    /// <summary>The C# type of the property, without nullability.</summary>
    public ValueKind ValueKind => Format switch
    {
        FormatKind.Integer => ValueKind.Int32,
        FormatKind.Boolean => ValueKind.Boolean,
        FormatKind.Url or FormatKind.HttpsUrl => ValueKind.Uri,
        _ => ValueKind.String,
    };

    /// <summary>What the validator says is wrong, e.g. "Encrypted Key (infusionsoft.private.key)".</summary>
    public string Label => Source + " (" + Parameter + ")";
}

internal enum ValueKind
{
    String,
    Int32,
    Boolean,
    Uri,
}
