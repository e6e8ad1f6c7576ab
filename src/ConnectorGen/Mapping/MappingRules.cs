using System;
using System.Collections.Generic;
using ConnectorGen.Catalog;
using ConnectorGen.Diagnostics;
using ConnectorGen.Model;

namespace ConnectorGen.Mapping;

/// <summary>
/// Checks that look at more than one credential (duplicates, roles) or at the element (quirks), run by
/// <see cref="CredentialOverlay"/> on the overlaid credentials, and the parameter-key rules of Open Connectors. Each
/// mistake is reported once, where it is, and costs only the credential it is in.
/// </summary>
internal static class MappingRules
{
    /// <summary>Infusionsoft elements that take the account host in <c>infusionsoft.server</c>.</summary>
    public static readonly string[] InfusionsoftElementsWithServer = { "infusionsoftcrm", "infusionsoftmarketing", "infusionsofterp" };

    /// <summary>Whether a credential may map <paramref name="parameter"/>; reports why not.</summary>
    /// <param name="element">The catalogued element of the mapping, whose documented exceptions are allowed.</param>
    public static bool CheckParameterKey(DiagnosticSink sink, JsonString parameter, CatalogElement? element)
    {
        var key = parameter.Value;
        if (!OpenConnectorsVocabulary.IsWellFormedKey(key))
        {
            sink.Report(DiagnosticDescriptors.InvalidValue, parameter.Span, "parameter", "an Open Connectors parameter key is a non-empty word without spaces or quotes");
            return false;
        }

        if (element is not null && element.AllowsKey(key))
        {
            return true;
        }

        switch (OpenConnectorsVocabulary.Classify(key))
        {
            case ParameterKeyKind.PlatformManaged:
                sink.Report(DiagnosticDescriptors.ReservedParameter, parameter.Span, key, "is filled in by the platform, not supplied by a credential");
                return false;
            case ParameterKeyKind.UnderReservedPrefix:
                sink.Report(DiagnosticDescriptors.ReservedParameter, parameter.Span, key, "is a new key under the reserved prefix '" + OpenConnectorsVocabulary.ReservedPrefix(key) + "'");
                return false;
            default:
                return true;
        }
    }

    /// <summary>
    /// The file's credentials to generate, in file order: a second credential with a taken name or parameter is
    /// reported and left out; a second holder of a role is reported and keeps its property without the role.
    /// </summary>
    public static List<CredentialModel> RemoveDuplicates(List<DiagnosticInfo> diagnostics, List<FileCredential> reads)
    {
        var kept = new List<CredentialModel>();
        var names = new Dictionary<string, CredentialModel>(StringComparer.Ordinal);
        var parameters = new Dictionary<string, CredentialModel>(StringComparer.Ordinal);
        var roles = new Dictionary<CredentialRole, CredentialModel>();
        var variables = new Dictionary<string, CredentialModel>(StringComparer.Ordinal);
        foreach (var read in reads)
        {
            if (read.Model is not { } model)
            {
                continue;
            }

            if (names.ContainsKey(model.Name))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateCredentialName, read.Places.Name, model.Name));
                continue;
            }

            if (parameters.TryGetValue(model.Parameter, out var first))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateParameter, read.Places.Parameter, model.Parameter, first.Name));
                continue;
            }

            if (model.Role != CredentialRole.None)
            {
                if (roles.TryGetValue(model.Role, out var holder))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateRole, read.Places.Role, MappingVocabulary.Roles.NameOf(model.Role), holder.Name));
                    model = model with { Role = CredentialRole.None };
                }
                else
                {
                    roles.Add(model.Role, model);
                }
            }

            if (variables.TryGetValue(model.EnvironmentVariable, out var other))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidValue, read.Places.Variable, "environmentVariable", "credential '" + other.Name + "' already reads the variable " + model.EnvironmentVariable));
            }
            else
            {
                variables.Add(model.EnvironmentVariable, model);
            }

            names.Add(model.Name, model);
            parameters.Add(model.Parameter, model);
            kept.Add(model);
        }

        return kept;
    }

    /// <summary>
    /// A base entry appended under the mapping's prefix may read the variable a file credential already reads (one
    /// names it in <c>environmentVariable</c>, or <c>APIKey</c> and <c>ApiKey</c> both make <c>API_KEY</c>): reported
    /// where the file credential names its variable, or at its name, since the base entry has no text in this file.
    /// </summary>
    public static void CheckAppendedVariables(List<DiagnosticInfo> diagnostics, List<FileCredential> reads, IReadOnlyList<CredentialModel> credentials, int fileCount)
    {
        for (var i = fileCount; i < credentials.Count; i++)
        {
            var appended = credentials[i];
            foreach (var read in reads)
            {
                if (read.Model is { } model && model.EnvironmentVariable == appended.EnvironmentVariable)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidValue, read.Places.Variable, "environmentVariable", "credential '" + appended.Name + "', which this mapping takes from its element, reads the variable " + appended.EnvironmentVariable + " too"));
                    break;
                }
            }
        }
    }

    /// <summary>
    /// Reports each role the authentication needs that no credential holds (the base's count). Roles claimed by file
    /// credentials that were left out for another mistake count as held (that mistake is already reported), and one
    /// invalid role value silences the check (the user meant some role there).
    /// </summary>
    public static void CheckRoles(List<DiagnosticInfo> diagnostics, AuthType type, LocationInfo typeLocation, IReadOnlyList<CredentialModel> credentials, List<FileCredential> reads)
    {
        foreach (var read in reads)
        {
            if (read.RoleInvalid)
            {
                return;
            }
        }

        foreach (var role in MappingVocabulary.NeededRoles(type))
        {
            if (!Holds(credentials, role) && !reads.Exists(r => r.ClaimedRole == role))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingRole, typeLocation, MappingVocabulary.AuthTypes.NameOf(type), MappingVocabulary.Roles.NameOf(role)));
            }
        }
    }

    /// <summary>Element quirks: the Infusionsoft CRM and Marketing elements need their account host.</summary>
    public static void CheckElement(List<DiagnosticInfo> diagnostics, string elementKey, LocationInfo elementKeyLocation, IReadOnlyList<CredentialModel> credentials, List<FileCredential> reads)
    {
        if (Array.IndexOf(InfusionsoftElementsWithServer, elementKey) < 0)
        {
            return;
        }

        foreach (var c in credentials)
        {
            if (c.Parameter == "infusionsoft.server")
            {
                return;
            }
        }

        foreach (var read in reads)
        {
            if (read.ClaimedKey == "infusionsoft.server")
            {
                return;
            }
        }

        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingInfusionsoftServer, elementKeyLocation, elementKey));
    }

    private static bool Holds(IReadOnlyList<CredentialModel> credentials, CredentialRole role)
    {
        foreach (var c in credentials)
        {
            if (c.Role == role)
            {
                return true;
            }
        }

        return false;
    }
}
