using System;
using System.Collections.Generic;
using System.Linq;
using ConnectorGen.Analyzers.Secrets;
using ConnectorGen.Mapping;
using ConnectorGen.Model;

namespace ConnectorGen.Analyzers;

/// <summary>Why a constant is reported; the message text is built only when a diagnostic is created.</summary>
internal enum FindingKind
{
    None,

    /// <summary>CG2001: a [ConnectorSecret] member, a secret parameter key or configuration path, a mapped variable.</summary>
    ConnectorSecret,

    /// <summary>CG2001: JSON text whose key is a secret parameter or configuration path of a mapping.</summary>
    ConnectorSecretInJson,

    /// <summary>CG2002: a provider credential format.</summary>
    KnownFormat,

    /// <summary>CG2003: the target's name says secret and the value has the shape of one.</summary>
    SecretName,

    /// <summary>CG2003: an Authorization header value with a credential.</summary>
    AuthorizationHeader,

    /// <summary>CG2003: Password= in a connection string.</summary>
    ConnectionStringPassword,

    /// <summary>CG2003: user:password@ in a URI.</summary>
    UriPassword,
}

/// <summary>A decision about one constant: a kind plus what the message needs (no strings are built here).</summary>
internal readonly struct Finding
{
    public Finding(FindingKind kind, KnownFormat format = KnownFormat.None, string? detail = null)
    {
        Kind = kind;
        Format = format;
        Detail = detail;
    }

    public FindingKind Kind { get; }

    public KnownFormat Format { get; }

    /// <summary>The secret word of the name (SecretName) or the JSON key (ConnectorSecretInJson).</summary>
    public string? Detail { get; }

    public bool IsNone => Kind == FindingKind.None;

    /// <summary>Findings about what the value itself carries: reported even when the constant is only part of a value.</summary>
    public bool IsContent => Kind is FindingKind.KnownFormat or FindingKind.ConnectionStringPassword or FindingKind.UriPassword or FindingKind.ConnectorSecretInJson;
}

/// <summary>
/// Decides what a constant is, from the strongest evidence down: the mapping (CG2001), the value's own format
/// (CG2002), then the sink or the target's name together with the value's shape (CG2003; docs/rules/CG2003.md).
/// </summary>
internal sealed class SecretClassifier
{
    private readonly MappingSecrets _mappings;

    /// <summary>Every JSON property name that can make JSON text a connector secret (see <see cref="JsonSecretKey"/>).</summary>
    private readonly string[] _jsonKeys;

    public SecretClassifier(MappingSecrets mappings)
    {
        _mappings = mappings;
        var keys = new HashSet<string>(OpenConnectorsVocabulary.SecretKeys, StringComparer.OrdinalIgnoreCase);
        keys.UnionWith(mappings.Parameters.Keys);
        foreach (var path in mappings.ConfigurationPaths.Keys)
        {
            keys.Add(path.Substring(path.LastIndexOf(':') + 1));
        }

        _jsonKeys = keys.ToArray();
    }

    public Finding Classify(string value, in Sink sink, SecretAnalyzerOptions options)
    {
        if (IsBlank(value))
        {
            return default;
        }

        // CG2001: the mapping says so.
        if (IsConnectorSink(sink))
        {
            return IsPlausibleForConnector(value, SecretValues.Shape(value), sink.Name) ? new Finding(FindingKind.ConnectorSecret) : default;
        }

        // CG2002: the value says so.
        var name = sink.Name ?? string.Empty;
        var info = options.GetNameInfo(name);
        var format = KnownFormats.Find(value, info.KeyContext, info.AwsContext);
        if (format == KnownFormat.None && sink.Kind == SinkKind.Authorization)
        {
            var credential = CredentialContent.StripScheme(value);
            if (credential.Length > 0 && KnownFormats.IsJwt(credential, 0))
            {
                format = KnownFormat.Jwt;
            }
        }

        if (format != KnownFormat.None)
        {
            return new Finding(FindingKind.KnownFormat, format);
        }

        if (JsonSecretKey(value) is { } jsonKey)
        {
            return new Finding(FindingKind.ConnectorSecretInJson, detail: jsonKey);
        }

        if (!options.ReportCg2003 || (sink.Key is { } publicKey && OpenConnectorsVocabulary.PublicKeys.Contains(publicKey)))
        {
            return default;
        }

        // CG2003: the sink or the name says so.
        if (sink.Kind == SinkKind.Authorization)
        {
            return CredentialContent.HasAuthorizationCredential(value, sink.ParameterOnly) ? new Finding(FindingKind.AuthorizationHeader) : default;
        }

        if (sink.Key is { } key && (string.Equals(key, "Authorization", StringComparison.OrdinalIgnoreCase) || string.Equals(key, "Proxy-Authorization", StringComparison.OrdinalIgnoreCase)))
        {
            return CredentialContent.HasAuthorizationCredential(value, parameterOnly: false) ? new Finding(FindingKind.AuthorizationHeader) : default;
        }

        if (info.SecretWord is { } word)
        {
            return HasSecretShape(SecretValues.Shape(value), sink) && SecretValues.IsNotNameOrLookAlike(value, name, word) ? new Finding(FindingKind.SecretName, detail: word) : default;
        }

        if (CredentialContent.HasConnectionStringPassword(value))
        {
            return new Finding(FindingKind.ConnectionStringPassword);
        }

        return CredentialContent.HasUserInfoPassword(value, out _) ? new Finding(FindingKind.UriPassword) : default;
    }

    /// <summary>Empty or white space, decided without trimming (the shape is computed only where a rule needs it).</summary>
    private static bool IsBlank(string value)
    {
        foreach (var c in value)
        {
            if (!char.IsWhiteSpace(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Name-only evidence needs a value shaped like a secret: letters mixed with digits or symbols, or a GUID; a plain
    /// word counts except where named constants are declared (constants classes hold protocol words such as "Password").
    /// Protocol vocabulary, references, URLs, messages, placeholders and trivial values never count.
    /// </summary>
    private static bool HasSecretShape(ValueShape shape, in Sink sink) => shape switch
    {
        ValueShape.Credential or ValueShape.Guid => true,
        ValueShape.Word => !sink.IsConstantDeclaration,
        _ => false,
    };

    public bool IsConnectorSink(in Sink sink) =>
        sink.IsConnectorSecret || sink.Kind is SinkKind.EnvironmentVariable or SinkKind.FromEnvironment ||
        (sink.Kind == SinkKind.Key && sink.IsConnectorKey && sink.Key is { } k && IsSecretKey(k));

    private bool IsSecretKey(string key) =>
        _mappings.Parameters.ContainsKey(key) || OpenConnectorsVocabulary.SecretKeys.Contains(key) || _mappings.ConfigurationPaths.ContainsKey(key);

    private static bool IsPlausibleForConnector(string value, ValueShape shape, string? name)
    {
        if (shape is ValueShape.Placeholder or ValueShape.Trivial or ValueShape.Reference)
        {
            return false;
        }

        return !(name is not null && string.Equals(value.Trim(), name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The key of a secret parameter (top level: Open Connectors configurations are flat) or of a secret configuration
    /// path (any depth) in JSON text held by a string constant.
    /// </summary>
    private string? JsonSecretKey(string value)
    {
        var start = 0;
        while (start < value.Length && char.IsWhiteSpace(value[start]))
        {
            start++;
        }

        if (start >= value.Length || value[start] != '{' || value.IndexOf('"') < 0 || value.IndexOf(':') < 0 || !MentionsJsonKey(value))
        {
            return null;
        }

        return JsonReader.Read(value).Root is JsonObject root ? FindInJson(root, string.Empty) : null;
    }

    /// <summary>
    /// JSON text can only hold a connector secret under one of the known key names: most JSON in code (test data,
    /// serializer samples) names none of them and is not parsed at all.
    /// </summary>
    private bool MentionsJsonKey(string value)
    {
        foreach (var key in _jsonKeys)
        {
            if (value.IndexOf(key, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private string? FindInJson(JsonObject obj, string prefix)
    {
        foreach (var property in obj.Properties)
        {
            var path = prefix.Length == 0 ? property.Name : prefix + ":" + property.Name;
            if (property.Value is JsonObject child)
            {
                if (FindInJson(child, path) is { } found)
                {
                    return found;
                }
            }
            else if (property.Value is JsonString text && ((prefix.Length == 0 && IsSecretKey(property.Name)) || _mappings.ConfigurationPaths.ContainsKey(path)) &&
                     IsPlausibleForConnector(text.Value, SecretValues.Shape(text.Value), property.Name))
            {
                return property.Name;
            }
        }

        return null;
    }

    /// <summary>The message arguments ({0} target, {1} reason) of a finding.</summary>
    public (string Target, string Reason) Describe(in Finding finding, in Sink sink)
    {
        switch (finding.Kind)
        {
            case FindingKind.ConnectorSecret:
                return (sink.Display, ConnectorReason(sink));
            case FindingKind.ConnectorSecretInJson:
                return ("JSON entry '" + finding.Detail + "'", IsSecretKey(finding.Detail!) && _mappings.Parameters.TryGetValue(finding.Detail!, out var c)
                    ? "secret parameter of connector '" + c + "'"
                    : "secret key of a connector mapping");
            case FindingKind.KnownFormat:
                return (KnownFormats.Describe(finding.Format), string.Empty);
            case FindingKind.SecretName:
                return (sink.Display, "its name says '" + finding.Detail + "'");
            case FindingKind.AuthorizationHeader:
                return (sink.Kind == SinkKind.Authorization ? "the Authorization header" : "the " + sink.Key + " header", "authentication sink");
            case FindingKind.ConnectionStringPassword:
                return ("a connection string password", "authentication sink");
            default:
                return ("a password in a URI", "authentication sink");
        }
    }

    /// <summary>The UPPER_SNAKE variable the code fix reads.</summary>
    public static string EnvironmentVariable(in Finding finding, in Sink sink, out string? constant)
    {
        constant = null;
        if (sink.GeneratedEnvironmentVariable(out constant) is { } generated)
        {
            return generated;
        }

        if (sink.Name is { } name)
        {
            return SecretNames.ToEnvironmentVariableName(name);
        }

        return finding.Kind switch
        {
            FindingKind.AuthorizationHeader => "AUTHORIZATION",
            FindingKind.ConnectionStringPassword => "CONNECTION_STRING",
            FindingKind.UriPassword => "URI",
            _ => "SECRET",
        };
    }

    private string ConnectorReason(in Sink sink)
    {
        switch (sink.Kind)
        {
            case SinkKind.EnvironmentVariable:
                return "secret variable of connector '" + sink.Connector + "'";
            case SinkKind.FromEnvironment:
                return "FromEnvironment reads the secrets of connector '" + sink.Connector + "' through it";
        }

        if (sink.IsConnectorSecret)
        {
            return "marked [ConnectorSecret]";
        }

        var key = sink.Key!;
        if (_mappings.Parameters.TryGetValue(key, out var connector))
        {
            return "secret parameter of connector '" + connector + "'";
        }

        if (_mappings.ConfigurationPaths.TryGetValue(key, out connector))
        {
            return "configuration path of a secret credential of connector '" + connector + "'";
        }

        return "well-known secret Open Connectors parameter";
    }
}
