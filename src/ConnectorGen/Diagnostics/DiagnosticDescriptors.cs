using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace ConnectorGen.Diagnostics;

/// <summary>
/// The mapping-file diagnostics (CG1001..CG1099), reported by the generator at the offending JSON token.
/// Each has docs/rules/&lt;ID&gt;.md and a row in AnalyzerReleases.Unshipped.md. Messages never carry credential values:
/// mapping files hold names and rules, and the few values quoted (names, keys, formats) are not secrets.
/// </summary>
internal static class DiagnosticDescriptors
{
    public const string MappingCategory = "ConnectorGen.Mapping";

    public const string MalformedJsonId = "CG1001";
    public const string MissingPropertyId = "CG1002";
    public const string WrongTypeId = "CG1003";
    public const string UnknownPropertyId = "CG1004";
    public const string DuplicateCredentialNameId = "CG1005";
    public const string DuplicateParameterId = "CG1006";
    public const string InvalidIdentifierId = "CG1007";
    public const string ReservedParameterId = "CG1008";
    public const string UnknownFormatId = "CG1009";
    public const string InvalidPatternId = "CG1010";
    public const string InsecureEndpointId = "CG1011";
    public const string SecretNotMarkedId = "CG1012";
    public const string DuplicateTypeId = "CG1013";
    public const string MissingRoleId = "CG1014";
    public const string DeprecatedCredentialId = "CG1015";
    public const string MissingInfusionsoftServerId = "CG1016";
    public const string DuplicateJsonPropertyId = "CG1017";
    public const string LimitExceededId = "CG1018";
    public const string InvalidValueId = "CG1019";
    public const string DuplicateRoleId = "CG1020";
    public const string NotCataloguedId = "CG1021";
    public const string ElementDefinitionUnusableId = "CG1022";
    public const string ConfigurationEntrySkippedId = "CG1023";
    public const string UnknownEntryTypeId = "CG1024";
    public const string ElementDefinitionNotFoundId = "CG1025";
    public const string NoOAuthClientId = "CG1030";

    // CG1030-CG1039: what an input gives that is not what its author probably meant, said instead of generated silently.
    public const string NoUserSuppliedEntriesId = "CG1031";
    public const string NameWithoutLettersId = "CG1032";
    public const string NotUtf8Id = "CG1033";

    // CG1050-CG1054: the project's settings, reported without a source location (they come from MSBuild properties).
    public const string RootNamespaceChangedId = "CG1050";
    public const string AnalyzersStopAtProjectId = "CG1051";

    public static readonly DiagnosticDescriptor MalformedJson = Error(
        MalformedJsonId,
        "Mapping file is not valid JSON",
        "The file is not valid JSON: {0}");

    public static readonly DiagnosticDescriptor MissingProperty = Error(
        MissingPropertyId,
        "Required property is missing",
        "The {0} has no '{1}' property, which is required{2}");

    public static readonly DiagnosticDescriptor WrongType = Error(
        WrongTypeId,
        "Property has the wrong type",
        "'{0}' must be {1}, not {2}");

    public static readonly DiagnosticDescriptor UnknownProperty = Warning(
        UnknownPropertyId,
        "Unknown property",
        "'{0}' is not a property of the {1}{2}; it is ignored");

    public static readonly DiagnosticDescriptor DuplicateCredentialName = Error(
        DuplicateCredentialNameId,
        "Duplicate credential name",
        "The credential name '{0}' is already used in this mapping");

    public static readonly DiagnosticDescriptor DuplicateParameter = Error(
        DuplicateParameterId,
        "Duplicate Open Connectors parameter",
        "The parameter '{0}' is already mapped by credential '{1}'");

    public static readonly DiagnosticDescriptor InvalidIdentifier = Error(
        InvalidIdentifierId,
        "Name is not a usable C# identifier",
        "'{0}' cannot be used as the {1}: {2}");

    public static readonly DiagnosticDescriptor ReservedParameter = Error(
        ReservedParameterId,
        "Parameter key is reserved by Open Connectors",
        "The parameter '{0}' {1}; Open Connectors reserves it for the platform");

    public static readonly DiagnosticDescriptor UnknownFormat = Error(
        UnknownFormatId,
        "Unknown credential format",
        "'{0}' is not a known format; use one of: text, integer, boolean, url, httpsUrl, hostName, guid, email, {{ \"hex\": N }} or {{ \"pattern\": \"regex\" }}");

    public static readonly DiagnosticDescriptor InvalidPattern = Error(
        InvalidPatternId,
        "Invalid regular expression",
        "The pattern is not a valid .NET regular expression: {0}");

    public static readonly DiagnosticDescriptor InsecureEndpoint = Error(
        InsecureEndpointId,
        "Endpoint is not HTTPS",
        "'{0}' must use https (plain http is allowed only for loopback hosts)");

    public static readonly DiagnosticDescriptor SecretNotMarked = Warning(
        SecretNotMarkedId,
        "Credential that is secret by meaning is marked public",
        "Credential '{1}' (parameter '{0}') is secret by its role, name or key, or by the catalogued entry it overrides, but the mapping says \"secret\": false; ToString shows its value and the secret analyzers do not guard it");

    public static readonly DiagnosticDescriptor DuplicateType = Error(
        DuplicateTypeId,
        "Two mappings generate the same type",
        "The type '{0}' of '{2}' is already generated from '{1}'; give this mapping another connector name or namespace");

    public static readonly DiagnosticDescriptor MissingRole = Error(
        MissingRoleId,
        "Authentication needs a credential in a role",
        "The '{0}' authentication needs a credential with \"role\": \"{1}\"");

    public static readonly DiagnosticDescriptor DeprecatedCredential = new(
        DeprecatedCredentialId,
        "Credential is deprecated",
        "Credential '{0}' is deprecated: {1}",
        MappingCategory,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinks.For(DeprecatedCredentialId));

    public static readonly DiagnosticDescriptor MissingInfusionsoftServer = Warning(
        MissingInfusionsoftServerId,
        "Infusionsoft element without infusionsoft.server",
        "The element '{0}' takes the account host in 'infusionsoft.server', but no credential maps it");

    public static readonly DiagnosticDescriptor DuplicateJsonProperty = Error(
        DuplicateJsonPropertyId,
        "Duplicate JSON property",
        "The property '{0}' appears more than once in this object; only the first is read");

    public static readonly DiagnosticDescriptor LimitExceeded = Error(
        LimitExceededId,
        "Mapping file is too large",
        "The mapping file is not read: {0}");

    public static readonly DiagnosticDescriptor InvalidValue = Error(
        InvalidValueId,
        "Invalid value",
        "'{0}' has an invalid value: {1}");

    public static readonly DiagnosticDescriptor DuplicateRole = Error(
        DuplicateRoleId,
        "Two credentials have the same role",
        "The role '{0}' is already taken by credential '{1}'");

    public static readonly DiagnosticDescriptor NotCatalogued = Error(
        NotCataloguedId,
        "Element is not catalogued",
        "The element '{0}' is not in the built-in catalogue, so the mapping needs a \"credentials\" array{1}");

    public static readonly DiagnosticDescriptor NoOAuthClient = Warning(
        NoOAuthClientId,
        "The oauth2 mapping gets no OAuth client",
        "The element '{0}' authenticates with oauth2, but its OAuth endpoints are per instance or not documented, so connector '{1}' gets credentials and a validator but no {1}OAuthClient and no Add{1}AccessToken; name them in \"auth\": {{ \"type\": \"oauth2\", \"authorizationEndpoint\": \"https://...\", \"tokenEndpoint\": \"https://...\" }}");

    public static readonly DiagnosticDescriptor ElementDefinitionUnusable = Error(
        ElementDefinitionUnusableId,
        "Element definition cannot be imported",
        "The element definition cannot be imported: {0}");

    public static readonly DiagnosticDescriptor ConfigurationEntrySkipped = Warning(
        ConfigurationEntrySkippedId,
        "Configuration entry is not imported",
        "The configuration entry {0} is not imported: {1}");

    public static readonly DiagnosticDescriptor UnknownEntryType = Warning(
        UnknownEntryTypeId,
        "Unknown configuration entry type",
        "The configuration entry '{0}' has the type '{1}', which ConnectorGen does not know; it is imported as text");

    public static readonly DiagnosticDescriptor ElementDefinitionNotFound = Error(
        ElementDefinitionNotFoundId,
        "Element definition not found",
        "The element definition '{0}' is not an AdditionalFile of this project; the mapping is generated from its own credentials only");

    public static readonly DiagnosticDescriptor NoUserSuppliedEntries = Warning(
        NoUserSuppliedEntriesId,
        "Element definition has no entry the user supplies",
        "{0} is generated without properties: {1}. If the element needs values at instance creation, set \"hideFromConsole\": false and \"internal\": false on them, or reference this definition from a mapping (\"elementDefinition\") and list them under \"credentials\".");

    public static readonly DiagnosticDescriptor NameWithoutLetters = Warning(
        NameWithoutLettersId,
        "Element definition's name has no letters",
        "The element definition's name '{0}' has no letters, so the connector is named '{1}' ({2}). Give the definition a name with letters, or reference it from a mapping (\"elementDefinition\") whose \"connector\" names it.");

    public static readonly DiagnosticDescriptor NotUtf8 = Warning(
        NotUtf8Id,
        "File is not UTF-8",
        "The file is not UTF-8 ({0}), so the character here and any other non-ASCII text may be read wrong. Save the file as UTF-8.");

    public static readonly DiagnosticDescriptor AnalyzersStopAtProject = new(
        AnalyzersStopAtProjectId,
        "The secret analyzers stop at this library",
        "This library's connector types ({0}) are used by other projects, but ConnectorGen is referenced in this project file only, and a package's analyzers never flow to the projects that reference this one: their hard-coded secrets and appsettings.json secrets go unreported. Reference ConnectorGen from a Directory.Build.props that every project imports (or in each project), or set <ConnectorGenConsumersCovered>true</ConnectorGenConsumersCovered> when they have it.",
        "ConnectorGen.Project",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinks.For(AnalyzersStopAtProjectId));

    public static readonly DiagnosticDescriptor RootNamespaceChanged = new(
        RootNamespaceChangedId,
        "The project's namespace was changed into a valid C# namespace",
        "The project's {0} '{1}' is not a valid C# namespace; mappings without a \"namespace\" generate their types in '{2}'",
        "ConnectorGen.Project",
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinks.For(RootNamespaceChangedId));

    private static readonly Dictionary<string, DiagnosticDescriptor> ByIdMap = new()
    {
        [MalformedJsonId] = MalformedJson,
        [MissingPropertyId] = MissingProperty,
        [WrongTypeId] = WrongType,
        [UnknownPropertyId] = UnknownProperty,
        [DuplicateCredentialNameId] = DuplicateCredentialName,
        [DuplicateParameterId] = DuplicateParameter,
        [InvalidIdentifierId] = InvalidIdentifier,
        [ReservedParameterId] = ReservedParameter,
        [UnknownFormatId] = UnknownFormat,
        [InvalidPatternId] = InvalidPattern,
        [InsecureEndpointId] = InsecureEndpoint,
        [SecretNotMarkedId] = SecretNotMarked,
        [DuplicateTypeId] = DuplicateType,
        [MissingRoleId] = MissingRole,
        [DeprecatedCredentialId] = DeprecatedCredential,
        [MissingInfusionsoftServerId] = MissingInfusionsoftServer,
        [DuplicateJsonPropertyId] = DuplicateJsonProperty,
        [LimitExceededId] = LimitExceeded,
        [InvalidValueId] = InvalidValue,
        [DuplicateRoleId] = DuplicateRole,
        [NotCataloguedId] = NotCatalogued,
        [ElementDefinitionUnusableId] = ElementDefinitionUnusable,
        [ConfigurationEntrySkippedId] = ConfigurationEntrySkipped,
        [UnknownEntryTypeId] = UnknownEntryType,
        [ElementDefinitionNotFoundId] = ElementDefinitionNotFound,
        [NoUserSuppliedEntriesId] = NoUserSuppliedEntries,
        [NameWithoutLettersId] = NameWithoutLetters,
        [NotUtf8Id] = NotUtf8,
        [NoOAuthClientId] = NoOAuthClient,
        [RootNamespaceChangedId] = RootNamespaceChanged,
        [AnalyzersStopAtProjectId] = AnalyzersStopAtProject,
    };

    /// <summary>Every generator diagnostic: these and <see cref="GenerationDiagnosticDescriptors"/>.</summary>
    public static IEnumerable<DiagnosticDescriptor> All => System.Linq.Enumerable.Concat(ByIdMap.Values, GenerationDiagnosticDescriptors.All);

    public static DiagnosticDescriptor ById(string id) =>
        ByIdMap.TryGetValue(id, out var descriptor) ? descriptor : GenerationDiagnosticDescriptors.TryGet(id, out descriptor) ? descriptor : throw new KeyNotFoundException(id);

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, MappingCategory, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLinks.For(id));

    private static DiagnosticDescriptor Warning(string id, string title, string message) =>
        new(id, title, message, MappingCategory, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpLinks.For(id));
}
