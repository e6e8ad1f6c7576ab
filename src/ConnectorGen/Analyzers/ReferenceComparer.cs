using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace ConnectorGen.Analyzers;

/// <summary>
/// Identity comparison for caches keyed by objects the compiler hands out once (assembly symbols, options objects):
/// hashing by reference is what keeps lookups made for every constant cheap. A second object for the same thing only
/// adds an entry.
/// </summary>
internal sealed class ReferenceComparer<T> : IEqualityComparer<T>
    where T : class
{
    public static readonly ReferenceComparer<T> Instance = new();

    public bool Equals(T? x, T? y) => ReferenceEquals(x, y);

    public int GetHashCode(T obj) => RuntimeHelpers.GetHashCode(obj);
}
