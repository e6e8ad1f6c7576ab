using ConnectorGen.Helpers;

namespace ConnectorGen.Model;

/// <summary>
/// What the compilation offers the generated code, reduced to plain values so that the step caches (read by
/// <c>CompilationFacts.Read.cs</c>, the one place that probes; nothing here holds a symbol). All but
/// <see cref="LanguageVersion"/> come from the references and the assembly's identity, so a C# edit changes none.
/// </summary>
internal sealed partial record CompilationFacts(
    bool HasConfiguration,
    bool HasOptions,
    bool HasHandshakeDependencies,
    string? AssemblyName,
    bool HasDependencyInjection = false,
    bool HasValidateOnStart = false,
    bool HasHttpClientFactory = false,
    bool HasLogging = false,
    int LanguageVersion = int.MaxValue,
    bool HasReferencedCore = false,
    bool HasHttpClientLoggerApi = false,
    bool HasDistributedCache = false,
    bool HasRedis = false,
    bool HasHosting = false)
{
    /// <summary>The lowest C# version the generated code compiles with (README, CG1040).</summary>
    public const int MinimumLanguageVersion = 9;

    private const int MinimumLanguageVersionValue = MinimumLanguageVersion * 100;

    /// <summary>The generated credentials types of referenced assemblies that this compilation can see (CG1043).</summary>
    public EquatableArray<ReferencedConnector> ReferencedConnectors { get; init; } = EquatableArray<ReferencedConnector>.Empty;

    /// <summary>AddConnector(...) needs DI, options and configuration.</summary>
    public bool EmitsServiceRegistration => HasDependencyInjection && HasOptions && HasConfiguration;

    /// <summary>Below <see cref="MinimumLanguageVersion"/> nothing is emitted (one CG1040 instead of CS errors in generated files).</summary>
    public bool LanguageSupported => LanguageVersion >= MinimumLanguageVersionValue;
}

/// <summary>
/// A generated credentials type that a referenced assembly defines and this compilation can see: its full name, the
/// mapping identity from its [ConnectorCredentials] attribute (connector name and element key), and the assembly.
/// </summary>
internal sealed record ReferencedConnector(string TypeName, string Connector, string ElementKey, string Assembly);

/// <summary>Who the compilation is, as far as the facts depend on it: the name and public key that InternalsVisibleTo grants to.</summary>
internal sealed record OwnAssembly(string? Name, EquatableArray<byte> PublicKey);
