using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using ConnectorGen.Diagnostics;
using ConnectorGen.Helpers;
using ConnectorGen.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ConnectorGen.Mapping;

/// <summary>
/// A <c>*.element.json</c> file (an element export, or what <c>GET /elements/{key}</c> returns; see
/// docs/elements.md 1.1-1.4) -> the same <see cref="MappingModel"/> a mapping gives. The connector is named after
/// the element's <c>name</c>; every configuration entry the user supplies becomes a credential; entries that are
/// <c>internal</c>, hidden from the console, platform-managed or event/bulk settings are left out. Text after the
/// first JSON value is ignored (real exports have Swagger dumps pasted after it).
/// </summary>
internal sealed class ElementDefinitionReader
{
    public const string FileSuffix = ".element.json";

    /// <summary>
    /// 64 Mi characters: a real export embeds its <c>resources</c> (hundreds, with their models) and passes the 1 MiB a
    /// hand-written mapping may have. Only <see cref="RootProperties"/> are built, so the cost beyond them is one
    /// allocation-free pass over the text.
    /// </summary>
    public const int MaxLength = 64 * 1024 * 1024;

    /// <summary>The root properties this reader uses; the reader skips the values of all others without building them.</summary>
    public static readonly ISet<string> RootProperties = new HashSet<string>(StringComparer.Ordinal)
    {
        "name", "key", "description", "authentication", "configuration",
    };

    private const string TextFieldPrefix = "TEXTFIELD_";

    private readonly DiagnosticSink _sink;
    private readonly CancellationToken _cancellationToken;

    public ElementDefinitionReader(DiagnosticSink sink, CancellationToken cancellationToken)
    {
        _sink = sink;
        _cancellationToken = cancellationToken;
        ConnectorLocation = new LocationInfo(sink.Path, default, default);
    }

    public LocationInfo ConnectorLocation { get; private set; }

    /// <summary>
    /// What the definition generates when no mapping names it that its author probably did not mean (an empty
    /// credentials type, a type named from digits). Not reported when a mapping names the definition: the mapping
    /// then decides the name and the credentials.
    /// </summary>
    public List<DiagnosticInfo> StandaloneNotices { get; } = new();

    public static bool IsElementFile(string path) => path.EndsWith(FileSuffix, StringComparison.OrdinalIgnoreCase);

    public MappingModel? Read(JsonObject root)
    {
        var element = new JsonObjectAccessor(root, "element definition", null, _sink);
        var name = element.OptionalString("name");
        var key = element.OptionalString("key");
        var connector = name is null ? null : Identifiers.ToIdentifier(name.Value);
        connector ??= key is null ? null : Identifiers.ToIdentifier(key.Value);
        if (connector is null)
        {
            _sink.Report(DiagnosticDescriptors.ElementDefinitionUnusable, (name ?? (JsonNode?)key)?.Span ?? root.OpenBraceSpan, "it has no 'name' (or 'key') that makes a C# type name");
            return null;
        }

        ConnectorLocation = _sink.Locate((name ?? key)!.Span);
        if (name is not null && !HasLetter(name.Value))
        {
            var from = Identifiers.ToIdentifier(name.Value) is null ? "from the key '" + key!.Value + "'" : "from the name's digits";
            Notice(DiagnosticDescriptors.NameWithoutLetters, name.Span, name.Value, connector, from);
        }

        var elementKey = key is not null && Identifiers.IsElementKey(key.Value) ? key.Value : DeriveKey(connector);
        var authType = ReadAuthType(element);
        var configuration = element.Get<JsonArray>("configuration", JsonKind.Array, "an array of configuration entries");
        if (configuration is null)
        {
            if (!element.Has("configuration"))
            {
                _sink.Report(DiagnosticDescriptors.ElementDefinitionUnusable, root.OpenBraceSpan, "it has no 'configuration' array (export the element with GET /elements/{key} or the Element Builder)");
            }

            return null;
        }

        var prefix = Identifiers.EnvironmentPrefix(connector);
        var credentials = new List<CredentialModel>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        string? authorizationUrl = null, tokenUrl = null;
        var scopes = EquatableArray<string>.Empty;
        var platformFilled = 0;
        for (var index = 0; index < configuration.Items.Count; index++)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            var item = configuration.Items[index];
            var position = "#" + (index + 1).ToString(CultureInfo.InvariantCulture);
            if (item is not JsonObject entryObject)
            {
                _sink.Report(DiagnosticDescriptors.ConfigurationEntrySkipped, item.Span, position, "it is " + item.KindName + ", not an object");
                continue;
            }

            var entry = new JsonObjectAccessor(entryObject, "configuration entry", null, _sink);
            var entryKey = entry.OptionalString("key");
            if (entryKey is null || !OpenConnectorsVocabulary.IsWellFormedKey(entryKey.Value))
            {
                _sink.Report(DiagnosticDescriptors.ConfigurationEntrySkipped, entryKey?.Span ?? entryObject.OpenBraceSpan, position, "it has no 'key' (a non-empty word without spaces or quotes)");
                continue;
            }

            var k = entryKey.Value;
            if (!keys.Add(k))
            {
                _sink.Report(DiagnosticDescriptors.ConfigurationEntrySkipped, entryKey.Span, "'" + k + "'", "an earlier entry has the same key");
                continue;
            }

            // Exports write "" for "no default" (even on required entries), so only a non-empty default counts.
            var defaultValue = entry.Property("defaultValue")?.Value is JsonString { Value.Length: > 0 } d ? d : null;
            if (k == OpenConnectorsVocabulary.AuthorizationUrl)
            {
                authorizationUrl = Endpoint(defaultValue);
            }
            else if (k == OpenConnectorsVocabulary.TokenUrl)
            {
                tokenUrl = Endpoint(defaultValue);
            }
            else if (k == OpenConnectorsVocabulary.Scope && defaultValue is not null)
            {
                scopes = Scopes(defaultValue.Value);
            }

            if (Flag(entry, "internal") || Flag(entry, "hideFromConsole") || OpenConnectorsVocabulary.InternalKeys.Contains(k) || !OpenConnectorsVocabulary.IsUserSupplied(k))
            {
                platformFilled++;
                continue; // the platform fills it in, or it is an event/bulk setting rather than a credential
            }

            var credential = ReadEntry(entry, entryKey, defaultValue, prefix, connector, names);
            names.Add(credential.Name);
            credentials.Add(credential);
        }

        if (credentials.Count == 0 && (platformFilled > 0 || configuration.Items.Count == 0))
        {
            Notice(
                DiagnosticDescriptors.NoUserSuppliedEntries,
                new TextSpan(configuration.Span.Start, 1),
                connector + GeneratedContract.CredentialsTypeSuffix,
                configuration.Items.Count == 0
                    ? "the definition's 'configuration' array is empty"
                    : "every configuration entry it imports is internal, hidden from the console, platform-managed or an event setting ("
                        + platformFilled.ToString(CultureInfo.InvariantCulture) + " of " + configuration.Items.Count.ToString(CultureInfo.InvariantCulture) + ")");
        }

        var auth = authType == AuthType.OAuth2
            ? new AuthModel(AuthType.OAuth2, authorizationUrl, tokenUrl, scopes, false, ClientAuthentication.Body, ClientAuthentication.Basic)
            : AuthModel.Custom with { Type = authType };
        return new MappingModel(_sink.Path, connector, elementKey, null, connector, prefix, element.OptionalString("description")?.Value, auth, credentials.ToEquatableArray());
    }

    private CredentialModel ReadEntry(JsonObjectAccessor entry, JsonString key, JsonString? defaultValue, string prefix, string connector, HashSet<string> names)
    {
        var label = entry.OptionalString("name")?.Value;
        var type = entry.OptionalString("type");
        var format = FormatKind.Text;
        int? maxLength = null;
        var password = false;
        switch (type?.Value)
        {
            case null or "TEXTAREA":
                break;
            case "BOOLEAN":
                format = FormatKind.Boolean;
                break;
            case "PASSWORD":
                password = true;
                break;
            case var t when t.StartsWith(TextFieldPrefix, StringComparison.Ordinal)
                && int.TryParse(t.Substring(TextFieldPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var length) && length > 0:
                maxLength = length;
                break;
            default:
                _sink.Report(DiagnosticDescriptors.UnknownEntryType, type.Span, key.Value, type.Value);
                break;
        }

        if (key.Value == OpenConnectorsVocabulary.CallbackUrl && format == FormatKind.Text)
        {
            format = FormatKind.Url;
            maxLength = null;
        }

        var role = OpenConnectorsVocabulary.RoleOf(key.Value);
        var secret = password || OpenConnectorsVocabulary.IsSecretByMeaning(role, null, key.Value);
        var required = Flag(entry, "required") && defaultValue is null;
        var description = entry.OptionalString("description")?.Value;

        // A default is the platform's value when none is sent: the property becomes optional and says so, unless it is a secret.
        if (defaultValue is not null && !secret)
        {
            description = (description is null ? string.Empty : description.TrimEnd() + " ") + "Default: " + defaultValue.Value + ".";
        }

        var name = PropertyName(RoleName(role) ?? label, key.Value, connector, names);
        return new CredentialModel(
            name,
            string.IsNullOrWhiteSpace(label) ? key.Value : label!,
            key.Value,
            secret,
            required,
            format,
            0,
            null,
            null,
            maxLength,
            description,
            null,
            role,
            Identifiers.EnvironmentVariable(prefix, name));
    }

    /// <summary>
    /// The conventional property name of a role key, as the catalogue and the samples name them: exports label
    /// <c>oauth.api.key</c> "API Key" although it holds the public client id, and a property called ApiKey reads as a secret.
    /// </summary>
    private static string? RoleName(CredentialRole role) => role switch
    {
        CredentialRole.ClientId => "ClientId",
        CredentialRole.ClientSecret => "ClientSecret",
        CredentialRole.RedirectUri => "CallbackUrl",
        CredentialRole.Username => "Username",
        CredentialRole.Password => "Password",
        _ => null,
    };

    /// <summary>A property name from the label, else from the key; never a generated member's or a taken name.</summary>
    private static string PropertyName(string? label, string key, string connector, HashSet<string> taken)
    {
        var typeName = connector + GeneratedContract.CredentialsTypeSuffix;
        foreach (var candidate in new[] { label is null ? null : Identifiers.ToIdentifier(label), Identifiers.ToIdentifier(key) })
        {
            if (candidate is not null && Identifiers.IdentifierProblem(candidate, typeName, isMember: true) is null && !taken.Contains(candidate))
            {
                return candidate;
            }
        }

        var stem = Identifiers.ToIdentifier(key) ?? "Parameter";
        for (var i = 2; ; i++)
        {
            var candidate = stem + i.ToString(CultureInfo.InvariantCulture);
            if (Identifiers.IdentifierProblem(candidate, typeName, isMember: true) is null && !taken.Contains(candidate))
            {
                return candidate;
            }
        }
    }

    private AuthType ReadAuthType(JsonObjectAccessor element)
    {
        var type = (element.Property("authentication")?.Value as JsonObject)?.Find("type")?.Value as JsonString;
        return type?.Value switch
        {
            "oauth2" => AuthType.OAuth2,
            "basic" => AuthType.Basic,
            "apiKey" => AuthType.ApiKey,
            _ => AuthType.Custom, // custom, oauth1, AWS signatures: the platform runs them; no OAuth 2 client to generate
        };
    }

    /// <summary>An endpoint default usable by the OAuth client: absolute https (or loopback http), without {placeholders}.</summary>
    private string? Endpoint(JsonString? value)
    {
        if (value is null || value.Value.IndexOf('{') >= 0)
        {
            return null;
        }

        switch (EndpointRule.Check(value.Value))
        {
            case EndpointProblem.NotHttpUrl:
                return null; // not a URL the OAuth client can call, like a {placeholder}: no client from this default
            case EndpointProblem.Insecure:
                _sink.Report(DiagnosticDescriptors.InsecureEndpoint, value.Span, "defaultValue");
                return null;
            default:
                return value.Value;
        }
    }

    private static EquatableArray<string> Scopes(string value)
    {
        var scopes = new List<string>();
        foreach (var part in value.Split(new[] { ' ', ',' }, StringSplitOptions.RemoveEmptyEntries))
        {
            scopes.Add(part);
        }

        return scopes.ToEquatableArray();
    }

    private void Notice(DiagnosticDescriptor descriptor, TextSpan span, params string[] arguments) =>
        StandaloneNotices.Add(DiagnosticInfo.Create(descriptor, _sink.Locate(span), arguments));

    private static bool HasLetter(string text)
    {
        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Flag(JsonObjectAccessor entry, string name) => entry.Property(name)?.Value.Kind == JsonKind.True;

    /// <summary>The default element key: the name's letters and digits, lower-case (elements.md 1.1).</summary>
    private static string DeriveKey(string connector)
    {
        var key = connector.ToLowerInvariant().Replace("_", string.Empty);
        return key.Length == 0 ? "element" : key;
    }
}
