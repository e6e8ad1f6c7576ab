using System.Collections.Generic;
using System.Collections.Immutable;
using ConnectorGen.Helpers;
using ConnectorGen.Model;

namespace ConnectorGen.Diagnostics;

/// <summary>
/// CG1051: the secret analyzers run only in projects that reference the ConnectorGen package themselves; a library
/// that holds the mappings and references the package in its own project file leaves the apps and tests that use its
/// types unguarded (docs/rules/CG1051.md). Located at the first mapping by path.
/// </summary>
internal static class AnalyzerReach
{
    public static DiagnosticInfo? Notice(ImmutableArray<TypeKey?> keys)
    {
        var sorted = ByPath.Sorted(keys, static k => k.FilePath);
        if (sorted.Count == 0)
        {
            return null;
        }

        var names = new List<string>();
        foreach (var key in sorted)
        {
            names.Add(key.Connector + GeneratedContract.CredentialsTypeSuffix);
        }

        return DiagnosticInfo.Create(DiagnosticDescriptors.AnalyzersStopAtProject, sorted[0].Location, string.Join(", ", names));
    }
}
