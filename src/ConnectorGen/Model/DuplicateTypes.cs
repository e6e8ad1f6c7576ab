using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using ConnectorGen.Diagnostics;
using ConnectorGen.Helpers;

namespace ConnectorGen.Model;

/// <summary>Two mappings that would make the same type: the first by path is emitted, every other one gets CG1013.</summary>
internal static class DuplicateTypes
{
    /// <summary>The mappings to emit: one per full type name, the first by path.</summary>
    public static ImmutableArray<MappingModel> Unique(ImmutableArray<MappingModel?> models)
    {
        var sorted = ByPath.Sorted(models, static m => m.FilePath);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var builder = ImmutableArray.CreateBuilder<MappingModel>(sorted.Count);
        foreach (var model in sorted)
        {
            if (seen.Add(model.FullTypeName))
            {
                builder.Add(model);
            }
        }

        return builder.ToImmutable();
    }

    /// <summary>CG1013 at each mapping whose type an earlier one (by path) already makes.</summary>
    public static EquatableArray<DiagnosticInfo> Diagnostics(ImmutableArray<TypeKey?> keys)
    {
        var first = new Dictionary<string, TypeKey>(StringComparer.Ordinal);
        var result = new List<DiagnosticInfo>();
        foreach (var key in ByPath.Sorted(keys, static k => k.FilePath))
        {
            if (first.TryGetValue(key.TypeName, out var original))
            {
                result.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateType, key.Location, key.TypeName, original.FilePath, key.FilePath));
            }
            else
            {
                first.Add(key.TypeName, key);
            }
        }

        return result.ToEquatableArray();
    }
}
