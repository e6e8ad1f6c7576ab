using Microsoft.CodeAnalysis;

namespace ConnectorGen.Analyzers;

/// <summary>What kind of place a constant reaches.</summary>
internal enum SinkKind
{
    /// <summary>Nothing we can name (a plain argument of an unknown method, an expression statement...).</summary>
    None,

    /// <summary>A field, property, parameter or local: decided by its [ConnectorSecret] attribute or its name.</summary>
    Symbol,

    /// <summary>A keyed entry: a dictionary, configuration or header key.</summary>
    Key,

    /// <summary>An Authorization header value.</summary>
    Authorization,

    /// <summary><c>Environment.SetEnvironmentVariable(name, value)</c> under a secret variable of a mapping.</summary>
    EnvironmentVariable,

    /// <summary>A value returned by a lambda passed to a generated <c>FromEnvironment(getVariable)</c>.</summary>
    FromEnvironment,

    /// <summary>
    /// Bytes that become key material: <c>SymmetricSecurityKey</c>, <c>HMAC*</c> constructors, <c>HashData(key, ..)</c>,
    /// <c>.Key</c> of a symmetric or keyed hash algorithm, <c>AesGcm</c>/<c>AesCcm</c>/<c>ChaCha20Poly1305</c>.
    /// </summary>
    KeyMaterial,

    /// <summary><c>Convert.ToBase64String(Encoding.X.GetBytes("user:password"))</c>: the credentials of a Basic header.</summary>
    BasicCredentials,

    /// <summary>
    /// An entry of a configuration file (CG2004): <see cref="Sink.Name"/> is its key, <see cref="Sink.Key"/> its
    /// configuration path, <see cref="Sink.IsEnvironmentEntry"/> when the entry sets an environment variable.
    /// </summary>
    ConfigurationEntry,
}

/// <summary>
/// What a constant reaches. A struct built for every constant: only the name and the attribute check are computed
/// eagerly; display text and environment-variable names are computed when a diagnostic is actually reported.
/// </summary>
internal readonly struct Sink
{
    public static readonly Sink None = default;

    private Sink(SinkKind kind, ISymbol? symbol, string? name, string? key, bool isConnectorSecret, bool parameterOnly, bool isConnectorKey, string? connector, bool isEnvironmentEntry = false)
    {
        IsEnvironmentEntry = isEnvironmentEntry;
        Kind = kind;
        Symbol = symbol;
        Name = name;
        Key = key;
        IsConnectorSecret = isConnectorSecret;
        ParameterOnly = parameterOnly;
        IsConnectorKey = isConnectorKey;
        Connector = connector;
    }

    public SinkKind Kind { get; }

    public ISymbol? Symbol { get; }

    public string? Name { get; }

    public string? Key { get; }

    /// <summary>A member or parameter marked [ConnectorSecret] (the generator marks the mapping's secret credentials).</summary>
    public bool IsConnectorSecret { get; }

    /// <summary>For <see cref="SinkKind.Authorization"/>: the value is the credential alone (no scheme).</summary>
    public bool ParameterOnly { get; }

    /// <summary>False for keys that cannot be Open Connectors configuration (a connection-string builder's "Password").</summary>
    public bool IsConnectorKey { get; }

    /// <summary>For environment sinks: the connector whose variable it is (null when not a mapped variable).</summary>
    public string? Connector { get; }

    /// <summary>For <see cref="SinkKind.ConfigurationEntry"/>: the entry sets an environment variable (launchSettings, .env, compose).</summary>
    public bool IsEnvironmentEntry { get; }

    /// <summary>A const or static readonly field: the declaration of a named constant, where protocol vocabulary lives.</summary>
    public bool IsConstantDeclaration => Symbol is IFieldSymbol { IsConst: true } or IFieldSymbol { IsStatic: true, IsReadOnly: true };

    public bool IsLocal => Symbol is ILocalSymbol;

    public static Sink ForKey(string key, bool connectorKey = true) => new(SinkKind.Key, null, key, key, false, false, connectorKey, null);

    public static Sink ForAuthorization(string header, bool parameterOnly) => new(SinkKind.Authorization, null, header, null, false, parameterOnly, false, null);

    public static Sink ForEnvironmentVariable(string variable, string connector) => new(SinkKind.EnvironmentVariable, null, variable, null, false, false, false, connector);

    public static Sink ForFromEnvironment(INamedTypeSymbol credentials) => new(SinkKind.FromEnvironment, credentials, credentials.Name, null, false, false, false, ConnectorOf(credentials));

    /// <summary>The connector a generated <c>&lt;Connector&gt;Credentials</c> type belongs to, as messages name it (Billing, not BillingCredentials).</summary>
    public static string ConnectorOf(INamedTypeSymbol credentials)
    {
        const string Suffix = "Credentials";
        var name = credentials.Name;
        return name.Length > Suffix.Length && name.EndsWith(Suffix, System.StringComparison.Ordinal) ? name.Substring(0, name.Length - Suffix.Length) : name;
    }

    public static Sink ForKeyMaterial(string target) => new(SinkKind.KeyMaterial, null, target, null, false, false, false, null);

    public static Sink ForBasicCredentials() => new(SinkKind.BasicCredentials, null, null, null, false, false, false, null);

    /// <summary>A configuration-file entry: its key (the last part of the path), its configuration path, and whether it is an environment variable.</summary>
    public static Sink ForConfigurationEntry(string name, string path, bool environmentVariable) =>
        new(SinkKind.ConfigurationEntry, null, name, path, false, false, false, null, environmentVariable);

    public static Sink ForUnboundName(string name) => new(SinkKind.Symbol, null, name, null, false, false, true, null);

    public static Sink ForSymbol(ISymbol symbol, SecretAttributeLookup lookup) =>
        new(SinkKind.Symbol, symbol, symbol.Name, null, symbol is not ILocalSymbol && lookup.CanHave(symbol) && HasSecretAttribute(symbol), false, true, null);

    public static bool HasSecretAttribute(ISymbol symbol)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (TypeLookup.IsMarker(attribute, GeneratedContract.ConnectorSecretAttribute))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>How the target reads in a message: "property 'C.Password'", "entry 'oauth.api.secret'"...</summary>
    public string Display
    {
        get
        {
            switch (Kind)
            {
                case SinkKind.Authorization:
                    return "the " + Name + " header";
                case SinkKind.Key:
                    return "entry '" + Key + "'";
                case SinkKind.EnvironmentVariable:
                    return "environment variable '" + Name + "'";
                case SinkKind.FromEnvironment:
                    return "a variable read by " + Name + ".FromEnvironment";
                case SinkKind.KeyMaterial:
                    return "key material of " + Name;
                case SinkKind.BasicCredentials:
                    return "the credentials of a Basic header";
                case SinkKind.ConfigurationEntry:
                    return "'" + Key + "'";
            }

            if (Symbol is null)
            {
                return Kind == SinkKind.Symbol ? "member '" + Name + "'" : "a value";
            }

            var kind = Symbol switch
            {
                IParameterSymbol => "parameter",
                ILocalSymbol => "local",
                IFieldSymbol => "field",
                _ => "property",
            };
            return Symbol is IPropertySymbol or IFieldSymbol && Symbol.ContainingType is { } container
                ? kind + " '" + container.Name + "." + Symbol.Name + "'"
                : kind + " '" + Symbol.Name + "'";
        }
    }

    /// <summary>For a [ConnectorSecret] member of a generated credentials type: its EnvironmentVariables constant.</summary>
    public string? GeneratedEnvironmentVariable(out string? constant)
    {
        constant = null;
        if (Kind == SinkKind.EnvironmentVariable)
        {
            return Name;
        }

        if (!IsConnectorSecret || Symbol is not (IPropertySymbol or IFieldSymbol) || Symbol.ContainingType is not { } type)
        {
            return null;
        }

        foreach (var nested in type.GetTypeMembers(GeneratedContract.EnvironmentVariablesClass))
        {
            foreach (var member in nested.GetMembers(Symbol.Name))
            {
                if (member is IFieldSymbol { IsConst: true, ConstantValue: string name })
                {
                    constant = nested.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + member.Name;
                    return name;
                }
            }
        }

        return null;
    }
}
