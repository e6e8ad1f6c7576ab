using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace ConnectorGen.Diagnostics;

/// <summary>
/// What the project offers the generated code (CG1040..CG1049): language version, target, references, and types that
/// already come from a referenced assembly. Reported at a mapping file's <c>connector</c> value, once per project for the
/// project-wide ones (at the first mapping by path). Each has docs/rules/&lt;ID&gt;.md and a row in AnalyzerReleases.Unshipped.md.
/// </summary>
internal static class GenerationDiagnosticDescriptors
{
    public const string Category = "ConnectorGen.Generation";

    public const string LanguageVersionTooLowId = "CG1040";
    public const string OAuthClientsNeedNet8Id = "CG1041";
    public const string OptionalMembersSkippedId = "CG1042";
    public const string TypeFromReferenceId = "CG1043";

    public static readonly DiagnosticDescriptor LanguageVersionTooLow = new(
        LanguageVersionTooLowId,
        "The C# language version is below the one ConnectorGen needs",
        "ConnectorGen needs C# {0} or later, but this project compiles with C# {1}: nothing was generated. Set <LangVersion>{0}</LangVersion> (or later) in the project file.",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinks.For(LanguageVersionTooLowId));

    public static readonly DiagnosticDescriptor OAuthClientsNeedNet8 = new(
        OAuthClientsNeedNet8Id,
        "The OAuth clients need .NET 8 or later",
        "The OAuth clients of {0} are not generated: they need .NET 8 or later (System.TimeProvider, System.Text.Json, SHA256.HashData). Target net8.0 or later to get them; the credentials and validators are generated.",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinks.For(OAuthClientsNeedNet8Id));

    public static readonly DiagnosticDescriptor OptionalMembersSkipped = new(
        OptionalMembersSkippedId,
        "Optional generated members are skipped for lack of a reference",
        "Not generated because a package is not referenced: {0}",
        Category,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinks.For(OptionalMembersSkippedId));

    public static readonly DiagnosticDescriptor TypeFromReference = new(
        TypeFromReferenceId,
        "The connector's types already come from a referenced assembly",
        "'{0}' already comes from the referenced assembly '{1}', so this mapping generates nothing here; use the referenced types and remove this mapping from the project, or give it another connector name or namespace",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinks.For(TypeFromReferenceId));

    private static readonly Dictionary<string, DiagnosticDescriptor> ByIdMap = new()
    {
        [LanguageVersionTooLowId] = LanguageVersionTooLow,
        [OAuthClientsNeedNet8Id] = OAuthClientsNeedNet8,
        [OptionalMembersSkippedId] = OptionalMembersSkipped,
        [TypeFromReferenceId] = TypeFromReference,
    };

    public static IEnumerable<DiagnosticDescriptor> All => ByIdMap.Values;

    public static bool TryGet(string id, out DiagnosticDescriptor descriptor) => ByIdMap.TryGetValue(id, out descriptor!);
}
