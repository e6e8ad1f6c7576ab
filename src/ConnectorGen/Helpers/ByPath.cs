using System;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace ConnectorGen.Helpers;

/// <summary>
/// The order of every project-wide answer: the mappings that were read (nulls dropped), by file path, ordinal. The
/// first by path is where a project-wide diagnostic is located and which of two duplicates wins, on every machine.
/// </summary>
internal static class ByPath
{
    public static List<T> Sorted<T>(ImmutableArray<T?> items, Func<T, string> path)
        where T : class
    {
        var sorted = new List<T>(items.Length);
        foreach (var item in items)
        {
            if (item is not null)
            {
                sorted.Add(item);
            }
        }

        sorted.Sort((a, b) => string.CompareOrdinal(path(a), path(b)));
        return sorted;
    }
}
