using System;
using System.Collections.Generic;
using ConnectorGen.Model;

namespace ConnectorGen.Mapping;

/// <summary>A fixed set of (JSON name, value) pairs: the one place that spells an enum in mapping files.</summary>
internal sealed class NamedValues<T>
    where T : struct, Enum
{
    private readonly (string Name, T Value)[] _pairs;

    public NamedValues(params (string Name, T Value)[] pairs)
    {
        _pairs = pairs;
        var names = new string[pairs.Length];
        for (var i = 0; i < pairs.Length; i++)
        {
            names[i] = pairs[i].Name;
        }

        Names = names;
    }

    /// <summary>The JSON names, in schema order.</summary>
    public IReadOnlyList<string> Names { get; }

    public bool TryParse(string name, out T value)
    {
        foreach (var pair in _pairs)
        {
            if (pair.Name == name)
            {
                value = pair.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    public string NameOf(T value)
    {
        foreach (var pair in _pairs)
        {
            if (EqualityComparer<T>.Default.Equals(pair.Value, value))
            {
                return pair.Name;
            }
        }

        return value.ToString();
    }

    /// <summary>"a, b, c" for messages.</summary>
    public string List() => string.Join(", ", Names);
}

/// <summary>
/// The words of the mapping format (schema/connector-mapping.schema.json): member names of each object and one
/// (name, value) table per enum. SchemaTests keep this file and the schema in step.
/// </summary>
internal static class MappingVocabulary
{
    public static readonly string[] MappingProperties =
        { "$schema", "connector", "elementKey", "elementDefinition", "namespace", "configurationSection", "environmentPrefix", "description", "auth", "credentials", "apiBaseUrl" };

    /// <summary>The mapping members that must be present (credentials may be left out for a catalogued element).</summary>
    public static readonly string[] RequiredMappingProperties = { "connector", "elementKey" };

    public static readonly string[] AuthProperties =
        { "type", "authorizationEndpoint", "authorizationHosts", "tokenEndpoint", "scopes", "pkce", "clientAuthentication", "deadGrantErrors", "apiKeyIn", "apiKeyName" };

    public static readonly string[] ClientAuthenticationProperties = { "authorizationCode", "refreshToken" };

    public static readonly string[] CredentialProperties =
    {
        "name", "source", "parameter", "secret", "required", "format", "minLength", "maxLength", "description", "deprecated",
        "role", "environmentVariable",
    };

    public static readonly NamedValues<FormatKind> Formats = new(
        ("text", FormatKind.Text),
        ("integer", FormatKind.Integer),
        ("boolean", FormatKind.Boolean),
        ("url", FormatKind.Url),
        ("httpsUrl", FormatKind.HttpsUrl),
        ("hostName", FormatKind.HostName),
        ("guid", FormatKind.Guid),
        ("email", FormatKind.Email));

    public static readonly NamedValues<AuthType> AuthTypes = new(
        ("oauth2", AuthType.OAuth2),
        ("basic", AuthType.Basic),
        ("apiKey", AuthType.ApiKey),
        ("custom", AuthType.Custom));

    public static readonly NamedValues<CredentialRole> Roles = new(
        ("clientId", CredentialRole.ClientId),
        ("clientSecret", CredentialRole.ClientSecret),
        ("redirectUri", CredentialRole.RedirectUri),
        ("username", CredentialRole.Username),
        ("password", CredentialRole.Password),
        ("apiKey", CredentialRole.ApiKey));

    public static readonly NamedValues<ApiKeyLocation> ApiKeyLocations = new(
        ("header", ApiKeyLocation.Header),
        ("query", ApiKeyLocation.Query));

    public static readonly NamedValues<ClientAuthentication> ClientAuthentications = new(
        ("body", ClientAuthentication.Body),
        ("basic", ClientAuthentication.Basic));

    /// <summary>The roles an authentication type needs among the credentials.</summary>
    public static CredentialRole[] NeededRoles(AuthType type) => type switch
    {
        AuthType.OAuth2 => new[] { CredentialRole.ClientId, CredentialRole.ClientSecret, CredentialRole.RedirectUri },
        AuthType.Basic => new[] { CredentialRole.Username, CredentialRole.Password },
        AuthType.ApiKey => new[] { CredentialRole.ApiKey },
        _ => Array.Empty<CredentialRole>(),
    };
}
