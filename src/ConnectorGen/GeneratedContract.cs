namespace ConnectorGen;

/// <summary>
/// The names that generated code is found by: the emitters write them, the analyzers and the project checks look for
/// them (also in referenced assemblies built by another version of the generator, so a change here is a breaking
/// change), and the tests assert them. Nothing else spells them.
/// </summary>
internal static class GeneratedContract
{
    /// <summary>The namespace of the marker attributes and the credential helpers (emitted once per compilation).</summary>
    public const string AttributesNamespace = "ConnectorGen";

    /// <summary>The credential helpers (CredentialValues, CredentialChecks) live beside the marker attributes.</summary>
    public const string CredentialHelpersNamespace = AttributesNamespace;

    /// <summary>On a generated credentials class: its element key (constructor), <see cref="ConnectorProperty"/> and <see cref="ConfigurationSectionProperty"/>.</summary>
    public const string ConnectorCredentials = "ConnectorCredentials";

    /// <summary>On a credential member: its Open Connectors parameter key (constructor).</summary>
    public const string ConnectorParameter = "ConnectorParameter";

    /// <summary>On a credential member that the mapping declares secret.</summary>
    public const string ConnectorSecret = "ConnectorSecret";

    // The class names; the names above are how generated code applies them ([ConnectorSecret]).
    public const string ConnectorCredentialsAttribute = ConnectorCredentials + AttributeSuffix;

    public const string ConnectorParameterAttribute = ConnectorParameter + AttributeSuffix;

    public const string ConnectorSecretAttribute = ConnectorSecret + AttributeSuffix;

    public const string ConnectorCredentialsAttributeMetadataName = AttributesNamespace + "." + ConnectorCredentialsAttribute;

    public const string ConnectorParameterAttributeMetadataName = AttributesNamespace + "." + ConnectorParameterAttribute;

    public const string ConnectorSecretAttributeMetadataName = AttributesNamespace + "." + ConnectorSecretAttribute;

    private const string AttributeSuffix = "Attribute";

    /// <summary>The named argument of <see cref="ConnectorCredentialsAttribute"/> that holds the mapping's connector name.</summary>
    public const string ConnectorProperty = "Connector";

    /// <summary>The named argument of <see cref="ConnectorCredentialsAttribute"/> that holds the configuration section.</summary>
    public const string ConfigurationSectionProperty = "ConfigurationSection";

    /// <summary>A credentials type is named connector + this suffix.</summary>
    public const string CredentialsTypeSuffix = "Credentials";

    /// <summary>The class nested in each credentials type whose constants name its environment variables.</summary>
    public const string EnvironmentVariablesClass = "EnvironmentVariables";

    /// <summary>
    /// The namespace of the shared handshake core. Fixed, whatever the project's namespace: a referenced assembly's core
    /// (through InternalsVisibleTo) is recognised by <see cref="CoreSentinelMetadataName"/>.
    /// </summary>
    public const string CoreNamespace = "ConnectorGen.Generated";

    /// <summary>The core type whose presence in a referenced assembly means that assembly provides the core.</summary>
    public const string CoreSentinelMetadataName = CoreNamespace + ".HandshakeException";

    /// <summary>
    /// Where a mapping without "namespace" lands when the project has neither a RootNamespace nor an assembly name to
    /// derive one from. Another fact than <see cref="CoreNamespace"/> that happens to have the same value: the user's
    /// types could move elsewhere without moving the core.
    /// </summary>
    public const string FallbackNamespace = "ConnectorGen.Generated";

    /// <summary>
    /// Where DI extension methods live by convention (Microsoft.Extensions.* and most libraries put theirs there), so
    /// <c>services.Add&lt;Connector&gt;Connector(...)</c> needs no <c>using</c> of the mapping's namespace.
    /// </summary>
    public const string ConventionalDependencyInjectionNamespace = "Microsoft.Extensions.DependencyInjection";
}
