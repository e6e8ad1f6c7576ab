namespace ConnectorGen.Model;

/// <summary>
/// What the compilation offers the generated code, reduced to plain values so that the step caches (read once per
/// compilation by <c>ConnectorGenerator.ReadFacts</c>; nothing here holds a symbol).
/// </summary>
internal sealed record CompilationFacts(
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

    /// <summary>AddConnector(...) needs DI, options and configuration.</summary>
    public bool EmitsServiceRegistration => HasDependencyInjection && HasOptions && HasConfiguration;

    /// <summary>Below <see cref="MinimumLanguageVersion"/> nothing is emitted (one CG1040 instead of CS errors in generated files).</summary>
    public bool LanguageSupported => LanguageVersion >= MinimumLanguageVersionValue;
}
