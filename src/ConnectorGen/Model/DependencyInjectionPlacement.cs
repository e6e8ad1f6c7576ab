using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using ConnectorGen.Helpers;

namespace ConnectorGen.Model;

/// <summary>
/// Decides which connectors' DI extensions (<c>Add&lt;Connector&gt;Connector</c>, <c>...AccessToken</c>,
/// <c>...Authentication</c>) may live in <see cref="GeneratedContract.ConventionalDependencyInjectionNamespace"/>: every connector
/// whose name no other visible connector has. Two connectors of one name in that namespace would collide (the same
/// extension class twice, CS0101; or the same method from two assemblies, CS0121), so both keep their own namespaces.
/// </summary>
internal static class DependencyInjectionPlacement
{
    /// <summary>
    /// The connector names that more than one visible connector has: two mappings of this project that make different
    /// types (the same type twice is CG1013, and only one is emitted), or a mapping and a connector of a referenced
    /// project that is not this mapping's own (that one is CG1043, and nothing is emitted for the mapping).
    /// </summary>
    /// <param name="keys">This project's mappings.</param>
    /// <param name="referenced">The connectors generated into referenced projects (<see cref="CompilationFacts.ReferencedConnectors"/>).</param>
    public static EquatableArray<string> SharedConnectorNames(ImmutableArray<TypeKey?> keys, EquatableArray<ReferencedConnector> referenced)
    {
        var typesByName = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var identities = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (key is null)
            {
                continue;
            }

            if (!typesByName.TryGetValue(key.Connector, out var types))
            {
                typesByName.Add(key.Connector, types = new HashSet<string>(StringComparer.Ordinal));
            }

            types.Add(key.TypeName);
            identities.Add(key.Connector + "\n" + key.ElementKey);
        }

        var shared = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var pair in typesByName)
        {
            if (pair.Value.Count > 1)
            {
                shared.Add(pair.Key);
            }
        }

        foreach (var connector in referenced)
        {
            if (typesByName.ContainsKey(connector.Connector) && !identities.Contains(connector.Connector + "\n" + connector.ElementKey))
            {
                shared.Add(connector.Connector);
            }
        }

        return shared.ToEquatableArray();
    }

    public static bool IsShared(EquatableArray<string> sharedNames, string connector)
    {
        foreach (var name in sharedNames)
        {
            if (string.Equals(name, connector, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
