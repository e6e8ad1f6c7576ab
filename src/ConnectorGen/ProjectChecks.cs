using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using ConnectorGen.Diagnostics;
using ConnectorGen.Helpers;
using ConnectorGen.Model;

namespace ConnectorGen;

/// <summary>
/// What the project allows the generator to emit, beyond the mapping files: the C# version (CG1040), the target's APIs
/// for the OAuth clients (CG1041), optional references (CG1042), and connector types or the handshake core that a
/// referenced assembly already provides (CG1043). Pure: the compilation was read once, into <see cref="CompilationFacts"/>.
/// </summary>
internal static class ProjectChecks
{
    public static string DisplayVersion(int value) =>
        value % 100 == 0 ? (value / 100).ToString(System.Globalization.CultureInfo.InvariantCulture) : (value / 100) + "." + (value % 100);

    /// <summary>
    /// Every mapping whose connector a referenced assembly already defines, visible here: the same full type name, or
    /// (whatever the namespace) a credentials type generated from the same mapping identity, i.e. the same connector
    /// name and element key in its [ConnectorCredentials] attribute. Plain values in, plain values out.
    /// </summary>
    public static EquatableArray<ReferencedType> TypesFromReferences(ImmutableArray<TypeKey?> keys, CompilationFacts facts)
    {
        if (facts.ReferencedConnectors.IsEmpty)
        {
            return EquatableArray<ReferencedType>.Empty;
        }

        var found = new List<ReferencedType>();
        foreach (var key in ByPath.Sorted(keys, static k => k.FilePath))
        {
            ReferencedConnector? sameName = null;
            ReferencedConnector? sameIdentity = null;
            foreach (var connector in facts.ReferencedConnectors)
            {
                if (connector.TypeName == key.TypeName)
                {
                    sameName = connector;
                    break;
                }

                if (sameIdentity is null && connector.Connector == key.Connector && connector.ElementKey == key.ElementKey)
                {
                    sameIdentity = connector;
                }
            }

            if ((sameName ?? sameIdentity) is { } match)
            {
                found.Add(new ReferencedType(key.TypeName, match.TypeName, match.Assembly));
            }
        }

        return found.ToEquatableArray();
    }

    /// <summary>The project-wide diagnostics, located at the first mapping by path (CG1043 at the mapping concerned).</summary>
    public static EquatableArray<DiagnosticInfo> Diagnostics(ImmutableArray<TypeKey?> keys, CompilationFacts facts, EquatableArray<ReferencedType> referenced)
    {
        var sorted = ByPath.Sorted(keys, static k => k.FilePath);
        if (sorted.Count == 0)
        {
            return EquatableArray<DiagnosticInfo>.Empty;
        }

        var first = sorted[0];
        var result = new List<DiagnosticInfo>();
        if (!facts.LanguageSupported)
        {
            // One error for the project, and nothing else: no code was generated to say more about.
            result.Add(DiagnosticInfo.Create(
                GenerationDiagnosticDescriptors.LanguageVersionTooLow,
                first.Location,
                CompilationFacts.MinimumLanguageVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
                DisplayVersion(facts.LanguageVersion)));
            return result.ToEquatableArray();
        }

        var skippedMappings = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in referenced)
        {
            skippedMappings.Add(entry.MappingTypeName);
            foreach (var key in sorted)
            {
                if (key.TypeName == entry.MappingTypeName)
                {
                    result.Add(DiagnosticInfo.Create(GenerationDiagnosticDescriptors.TypeFromReference, key.Location, entry.FoundTypeName, entry.Assembly));
                }
            }
        }

        TypeKey? firstOAuth = null;
        var oauthConnectors = new List<string>();
        foreach (var key in sorted)
        {
            if (key.OAuthClients && !skippedMappings.Contains(key.TypeName))
            {
                firstOAuth ??= key;
                oauthConnectors.Add(key.Connector);
            }
        }

        if (firstOAuth is not null && !facts.HasHandshakeDependencies)
        {
            result.Add(DiagnosticInfo.Create(GenerationDiagnosticDescriptors.OAuthClientsNeedNet8, firstOAuth.Location, string.Join(", ", oauthConnectors)));
        }

        var missing = new List<string>();
        if (!facts.HasConfiguration)
        {
            missing.Add("FromConfiguration on the credentials (add Microsoft.Extensions.Configuration)");
        }

        if (!facts.HasOptions)
        {
            missing.Add("IValidateOptions<T> on the validators (add Microsoft.Extensions.Options)");
        }

        if (!facts.EmitsServiceRegistration)
        {
            missing.Add("Add<Connector>Connector (add Microsoft.Extensions.DependencyInjection, Microsoft.Extensions.Options and Microsoft.Extensions.Configuration)");
        }
        else if (firstOAuth is not null && facts.HasHandshakeDependencies)
        {
            if (!facts.HasHttpClientFactory)
            {
                missing.Add("the OAuth clients as typed HttpClients in Add<Connector>Connector (add Microsoft.Extensions.Http)");
            }
            else if (!facts.HasLogging)
            {
                missing.Add("the OAuth clients' log lines (add Microsoft.Extensions.Logging)");
            }
        }

        if (missing.Count > 0)
        {
            result.Add(DiagnosticInfo.Create(GenerationDiagnosticDescriptors.OptionalMembersSkipped, first.Location, string.Join("; ", missing) + "."));
        }

        return result.ToEquatableArray();
    }
}
