using System.Collections.Generic;
using ConnectorGen.Helpers;
using ConnectorGen.Model;

namespace ConnectorGen.Catalog;

/// <summary>
/// One built-in element: what its Open Connectors setup page documents (docs/elements.md section 2), as data.
/// <see cref="Source"/> names the page the facts come from.
/// </summary>
internal sealed class CatalogElement
{
    public CatalogElement(string key, string name, string connector, AuthModel auth, string source, params CatalogParameter[] parameters)
    {
        Key = key;
        Name = name;
        Connector = connector;
        Auth = auth;
        Source = source;
        Parameters = parameters;
    }

    /// <summary>The Open Connectors element key, e.g. <c>hubspotcrm</c>.</summary>
    public string Key { get; }

    /// <summary>The element's display name, e.g. "HubSpot CRM".</summary>
    public string Name { get; }

    /// <summary>A connector name to suggest in docs (the mapping chooses its own).</summary>
    public string Connector { get; }

    public AuthModel Auth { get; }

    /// <summary>Where the facts come from: <c>cloud-elements/devportal:&lt;path&gt;</c>, see <see cref="SourceUrl"/>.</summary>
    public string Source { get; }

    public IReadOnlyList<CatalogParameter> Parameters { get; }

    /// <summary>
    /// Reserved keys this element documents as user-supplied (Marketo's REST endpoint is <c>base.url</c>); a mapping
    /// for the element may map them too.
    /// </summary>
    public IReadOnlyList<string> UserSuppliedReservedKeys { get; init; } = System.Array.Empty<string>();

    /// <summary>Whether a credential of this element may map <paramref name="key"/>.</summary>
    public bool AllowsKey(string key) => OpenConnectorsVocabulary.IsUserSupplied(key) || System.Linq.Enumerable.Contains(UserSuppliedReservedKeys, key);

    /// <summary>Element-specific behaviour worth a sentence in the catalogue table (auth modes, odd keys).</summary>
    public string? Quirks { get; init; }

    public string SourceUrl => ElementCatalog.SourceUrl(Source);
}

/// <summary>One user-supplied configuration entry of a catalogued element.</summary>
internal sealed record CatalogParameter(
    string Name,
    string Label,
    string Key,
    bool Secret = false,
    bool Required = true,
    FormatKind Format = FormatKind.Text,
    CredentialRole Role = CredentialRole.None,
    string? Description = null,
    string? Pattern = null)
{
    /// <summary>Why the entry should no longer be used, and what replaces it (CG1015 and the property's documentation).</summary>
    public string? Deprecated { get; init; }

    /// <summary>The credential a mapping gets for this entry; the environment variable follows the mapping's prefix.</summary>
    public CredentialModel ToCredential(string environmentPrefix) => new(
        Name,
        Label,
        Key,
        Secret,
        Required,
        Pattern is null ? Format : FormatKind.Pattern,
        0,
        Pattern,
        null,
        null,
        Description,
        Deprecated,
        Role,
        Mapping.Identifiers.EnvironmentVariable(environmentPrefix, Name));

    /// <summary>The OAuth client id (<c>oauth.api.key</c>); not a secret, it appears in browser URLs.</summary>
    public static CatalogParameter ClientId(string label = "Client ID") =>
        new("ClientId", label, OpenConnectorsVocabulary.ApiKey, Role: CredentialRole.ClientId);

    public static CatalogParameter ClientSecret(string label = "Client Secret") =>
        new("ClientSecret", label, OpenConnectorsVocabulary.ApiSecret, Secret: true, Role: CredentialRole.ClientSecret);

    public static CatalogParameter CallbackUrl(string label = "Callback URL", bool required = true) =>
        new("CallbackUrl", label, OpenConnectorsVocabulary.CallbackUrl, Required: required, Format: FormatKind.Url, Role: CredentialRole.RedirectUri);

    public static CatalogParameter Username(string label = "Username", string key = OpenConnectorsVocabulary.Username, bool secret = false) =>
        new("Username", label, key, Secret: secret, Role: CredentialRole.Username);

    public static CatalogParameter Password(string label = "Password", string key = OpenConnectorsVocabulary.Password) =>
        new("Password", label, key, Secret: true, Role: CredentialRole.Password);

    /// <summary>An optional boolean entry such as <c>document.tagging</c> or <c>filter.response.nulls</c>.</summary>
    public static CatalogParameter Flag(string name, string label, string key, bool required = false) =>
        new(name, label, key, Required: required, Format: FormatKind.Boolean);

    /// <summary><c>authentication.type</c> for elements that choose their auth mode per instance.</summary>
    public static CatalogParameter AuthenticationType(string pattern, bool required, string description) =>
        new("AuthenticationType", "Authentication type", OpenConnectorsVocabulary.AuthenticationType, Required: required, Description: description, Pattern: pattern);
}

/// <summary>Shorthands for the auth models of catalogued elements.</summary>
internal static class CatalogAuth
{
    /// <summary>OAuth 2.0; the endpoints are null where the element's page does not state them.</summary>
    public static AuthModel OAuth2(string? authorizationEndpoint, string? tokenEndpoint, params string[] scopes) =>
        new(AuthType.OAuth2, authorizationEndpoint, tokenEndpoint, scopes.ToEquatableArray(), false, ClientAuthentication.Body, ClientAuthentication.Basic);

    public static AuthModel Basic { get; } = AuthModel.Custom with { Type = AuthType.Basic };

    /// <summary>
    /// Keap serves its authorize page on accounts.infusionsoft.com (Keap's developer docs) and on signin.infusionsoft.com
    /// (the host Open Connectors puts in <c>oauthUrl</c>: cloud-elements/devportal:_includes/Elements/infusionsoft/authenticate.md).
    /// </summary>
    public static EquatableArray<string> KeapAuthorizationHosts { get; } = new[] { "accounts.infusionsoft.com" }.ToEquatableArray();

    public static AuthModel Custom => AuthModel.Custom;
}
