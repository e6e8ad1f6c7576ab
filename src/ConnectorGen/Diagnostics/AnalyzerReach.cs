using System.Collections.Generic;
using System.Collections.Immutable;

namespace ConnectorGen.Diagnostics;

/// <summary>
/// CG1051: the secret analyzers run only in projects that reference the ConnectorGen package themselves; a library
/// that holds the mappings and references the package in its own project file leaves the apps and tests that use its
/// types unguarded (docs/rules/CG1051.md). Located at the first mapping by path.
/// </summary>
internal static class AnalyzerReach
{
    public static DiagnosticInfo? Notice(ImmutableArray<ConnectorGenerator.TypeKey?> keys)
    {
        var sorted = new List<ConnectorGenerator.TypeKey>();
        foreach (var key in keys)
        {
            if (key is not null)
            {
                sorted.Add(key);
            }
        }

        if (sorted.Count == 0)
        {
            return null;
        }

        sorted.Sort(static (a, b) => string.CompareOrdinal(a.FilePath, b.FilePath));
        var names = new List<string>();
        foreach (var key in sorted)
        {
            names.Add(key.Connector + "Credentials");
        }

        return DiagnosticInfo.Create(DiagnosticDescriptors.AnalyzersStopAtProject, sorted[0].Location, string.Join(", ", names));
    }
}
