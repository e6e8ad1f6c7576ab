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

    /// <summary>CG2003: bytes of a literal that become a signing or encryption key.</summary>
    KeyMaterial,

    /// <summary>CG2003: the base64 of a literal user:password (a Basic header's credentials).</summary>
    BasicCredentials,
}

/// <summary>Why a value was not reported: the answer to "why not?", given by <see cref="SecretClassifier.Classify"/> alone.</summary>
internal enum Dismissal
{
    None,

    /// <summary>Empty or white space.</summary>
    Blank,

    /// <summary>Strong evidence, but the value is a placeholder, trivial, a reference to another name, or not a credential for the sink.</summary>
    NotAValue,

    /// <summary>A credential the mapping declares public, or a public Open Connectors key (oauth.api.key).</summary>
    PublicCredential,

    /// <summary>CG2001/CG2003 in a test project (connectorgen.cg2001_in_tests / cg2003_in_tests turn them on).</summary>
    TestProject,

    /// <summary>Only a name says secret, and the value is not shaped like a credential (see <see cref="Finding.Shape"/>).</summary>
    NotCredentialShaped,

    /// <summary>Nothing says secret.</summary>
    NoEvidence,
}

/// <summary>A decision about one constant: a kind plus what the message needs (no strings are built here).</summary>
internal readonly struct Finding
{
    public Finding(FindingKind kind, KnownFormat format = KnownFormat.None, string? detail = null, ValueShape shape = ValueShape.Credential, Dismissal why = Dismissal.None)
    {
        Kind = kind;
        Format = format;
        Detail = detail;
        Shape = shape;
        Why = why;
    }

    public static Finding Dismissed(Dismissal why, ValueShape shape = ValueShape.Credential) => new(FindingKind.None, shape: shape, why: why);

    /// <summary>For a dismissal: why nothing is reported.</summary>
    public Dismissal Why { get; }

    /// <summary>The value's shape where it was decisive (name-only evidence).</summary>
    public ValueShape Shape { get; }

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

    /// <summary>
    /// The whole secret policy, for C# constants and configuration-file entries alike, strongest evidence first. A
    /// finding names its kind; a dismissal names why nothing is reported (<see cref="Finding.Why"/>), so "why was this
    /// not reported?" is answered here and only here:
    /// <list type="number">
    /// <item>blank values never count;</item>
    /// <item>mapping evidence (CG2001, CG2004; CG2001 is off in test projects like CG2003): a [ConnectorSecret] target, a mapped parameter key, configuration path
    /// or environment variable; any value but a placeholder, a trivial value or a reference to another name;</item>
    /// <item>the value's own format (CG2002): provider formats, a JWT in an Authorization sink;</item>
    /// <item>JSON text with a mapped secret key;</item>
    /// <item>CG2003 is off in test projects (not for configuration files), and public Open Connectors keys never count;</item>
    /// <item>authentication sinks: Authorization headers, key material, Basic credentials;</item>
    /// <item>a secret word in the target's name: only with a credential-shaped value (<see cref="IsCredentialShaped"/>);</item>
    /// <item>a password inside a connection string or a URI, whatever the name.</item>
    /// </list>
    /// </summary>
    public Finding Classify(string value, in Sink sink, SecretAnalyzerOptions options)
    {
        if (IsBlank(value))
        {
            return Finding.Dismissed(Dismissal.Blank);
        }

        // CG2001 / CG2004: the mapping says so.
        if (IsConnectorSink(sink))
        {
            if (!options.ReportCg2001 && sink.Kind != SinkKind.ConfigurationEntry)
            {
                return Finding.Dismissed(Dismissal.TestProject);
            }

            return IsPlausibleForConnector(value, SecretValues.Shape(value), sink.Name) ? new Finding(FindingKind.ConnectorSecret) : Finding.Dismissed(Dismissal.NotAValue);
        }

        if (sink.IsEnvironmentEntry && sink.Name is { } variable && _mappings.PublicEnvironmentVariables.Contains(variable))
        {
            return Finding.Dismissed(Dismissal.PublicCredential);
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

        if ((options.ReportCg2001 || sink.Kind == SinkKind.ConfigurationEntry) && JsonSecretKey(value) is { } jsonKey)
        {
            return new Finding(FindingKind.ConnectorSecretInJson, detail: jsonKey);
        }

        // Configuration files hold no test code: CG2004 is reported in test projects too (docs/rules/CG2004.md).
        if (!options.ReportCg2003 && sink.Kind != SinkKind.ConfigurationEntry)
        {
            return Finding.Dismissed(Dismissal.TestProject);
        }

        if (sink.Key is { } publicKey && OpenConnectorsVocabulary.PublicKeys.Contains(publicKey))
        {
            return Finding.Dismissed(Dismissal.PublicCredential);
        }

        // CG2003: an authentication sink says so.
        if (sink.Kind == SinkKind.Authorization)
        {
            return CredentialContent.HasAuthorizationCredential(value, sink.ParameterOnly) ? new Finding(FindingKind.AuthorizationHeader) : Finding.Dismissed(Dismissal.NotAValue);
        }

        if (sink.Kind is SinkKind.Key or SinkKind.ConfigurationEntry && sink.Name is { } header &&
            (string.Equals(header, "Authorization", StringComparison.OrdinalIgnoreCase) || string.Equals(header, "Proxy-Authorization", StringComparison.OrdinalIgnoreCase)))
        {
            return CredentialContent.HasAuthorizationCredential(value, parameterOnly: false) ? new Finding(FindingKind.AuthorizationHeader) : Finding.Dismissed(Dismissal.NotAValue);
        }

        if (sink.Kind == SinkKind.KeyMaterial)
        {
            return IsPlausibleForConnector(value, SecretValues.Shape(value), null) ? new Finding(FindingKind.KeyMaterial) : Finding.Dismissed(Dismissal.NotAValue);
        }

        if (sink.Kind == SinkKind.BasicCredentials)
        {
            return CredentialContent.IsUserPassword(value) ? new Finding(FindingKind.BasicCredentials) : Finding.Dismissed(Dismissal.NotAValue);
        }

        // CG2003: the name says so, and the value looks like a credential.
        if (info.SecretWord is { } word)
        {
            var shape = SecretValues.Shape(value);
            if (IsCredentialShaped(shape, word, sink) && SecretValues.IsNotNameOrLookAlike(value, name, word))
            {
                return new Finding(FindingKind.SecretName, detail: word, shape: shape);
            }

            // Not a credential by its name: a connection string or URI below may still carry one.
            var content = ContentFinding(value);
            return content.IsNone ? Finding.Dismissed(Dismissal.NotCredentialShaped, shape) : content;
        }

        return ContentFinding(value);
    }

    private static Finding ContentFinding(string value)
    {
        if (CredentialContent.HasConnectionStringPassword(value))
        {
            return new Finding(FindingKind.ConnectionStringPassword);
        }

        return CredentialContent.HasUserInfoPassword(value, out _) ? new Finding(FindingKind.UriPassword) : Finding.Dismissed(Dismissal.NoEvidence);
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
    /// Name-only evidence needs a value shaped like a credential: letters mixed with digits or symbols (not as a slug,
    /// a code, a template, a path, an option list or a marker), or a GUID. Tokens, keys and secrets are generated, so
    /// under those words a word or a name is vocabulary (a lexer token, a purpose, a feature, a tag). People choose
    /// passwords: under a password word a word or a name counts, except where named constants are declared (constants
    /// classes hold protocol words such as "Password"). Messages, URLs, references, placeholders never count.
    /// </summary>
    public static bool IsCredentialShaped(ValueShape shape, string secretWord, in Sink sink) => shape switch
    {
        ValueShape.Credential or ValueShape.Guid => true,
        ValueShape.Word or ValueShape.Identifier or ValueShape.Tag => SecretNames.IsPasswordWord(secretWord) && !sink.IsConstantDeclaration,
        _ => false,
    };

    public bool IsConnectorSink(in Sink sink) =>
        sink.IsConnectorSecret || sink.Kind is SinkKind.EnvironmentVariable or SinkKind.FromEnvironment ||
        (sink.Kind == SinkKind.Key && sink.IsConnectorKey && sink.Key is { } k && IsSecretKey(k)) ||
        (sink.Kind == SinkKind.ConfigurationEntry && ConfigurationConnector(sink) is not null);

    /// <summary>The connector whose secret a configuration entry holds: by configuration path, or by variable for environment entries.</summary>
    public string? ConfigurationConnector(in Sink sink)
    {
        if (sink.Key is { } path && _mappings.ConfigurationPaths.TryGetValue(path, out var connector))
        {
            return connector;
        }

        return sink.IsEnvironmentEntry && sink.Name is { } variable && _mappings.TryGetEnvironmentSecret(variable, out connector) ? connector : null;
    }

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
            case FindingKind.KeyMaterial:
                return (sink.Display, "authentication sink");
            case FindingKind.BasicCredentials:
                return ("the credentials of a Basic header", "base64 of a literal user:password");
            default:
                return ("a password in a URI", "authentication sink");
        }
    }

    /// <summary>The reason part of a CG2004 message (configuration files).</summary>
    public string DescribeConfiguration(in Finding finding, in Sink sink) => finding.Kind switch
    {
        FindingKind.ConnectorSecret => (sink.IsEnvironmentEntry ? "secret variable" : "secret credential") + " of connector '" + ConfigurationConnector(sink) + "'",
        FindingKind.ConnectorSecretInJson => "JSON with the secret key '" + finding.Detail + "'",
        FindingKind.KnownFormat => "the value has the format of " + KnownFormats.Describe(finding.Format),
        FindingKind.SecretName => "its name says '" + finding.Detail + "'",
        FindingKind.AuthorizationHeader => "Authorization header with a credential",
        FindingKind.ConnectionStringPassword => "connection string with a password",
        FindingKind.UriPassword => "URI with a password",
        _ => "credential",
    };

    /// <summary>
    /// The UPPER_SNAKE variable the code fix reads: the generated constant of a [ConnectorSecret] member, the mapped
    /// variable of a secret parameter key or configuration path, else the target's or sink's name.
    /// </summary>
    public string EnvironmentVariable(in Finding finding, in Sink sink, out string? constant)
    {
        constant = null;
        if (sink.GeneratedEnvironmentVariable(out constant) is { } generated)
        {
            return generated;
        }

        if (sink.Kind == SinkKind.Key && sink.Key is { } key && _mappings.VariableOf(key) is { } mapped)
        {
            return mapped;
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
