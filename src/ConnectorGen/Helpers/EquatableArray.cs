using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace ConnectorGen.Helpers;

/// <summary>
/// An immutable array with value equality, so that pipeline models compare by content and cache
/// (after CommunityToolkit.Mvvm's Helpers/EquatableArray{T}).
/// </summary>
internal readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IReadOnlyList<T>
    where T : IEquatable<T>
{
    public static readonly EquatableArray<T> Empty = new(ImmutableArray<T>.Empty);

    private readonly T[]? _array;

    public EquatableArray(ImmutableArray<T> array)
    {
        _array = array.IsDefault ? null : ImmutableArrayAsArray(array);
    }

    public EquatableArray(IEnumerable<T> items)
    {
        _array = new List<T>(items).ToArray();
    }

    public int Count => _array?.Length ?? 0;

    public bool IsEmpty => Count == 0;

    public T this[int index] => _array![index];

    public bool Equals(EquatableArray<T> other)
    {
        var a = _array ?? Array.Empty<T>();
        var b = other._array ?? Array.Empty<T>();
        if (a.Length != b.Length)
        {
            return false;
        }

        for (var i = 0; i < a.Length; i++)
        {
            if (!EqualityComparer<T>.Default.Equals(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

    public override int GetHashCode()
    {
        unchecked
        {
            var hash = 17;
            foreach (var item in _array ?? Array.Empty<T>())
            {
                hash = (hash * 31) + (item is null ? 0 : EqualityComparer<T>.Default.GetHashCode(item));
            }

            return hash;
        }
    }

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)(_array ?? Array.Empty<T>())).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public static bool operator ==(EquatableArray<T> left, EquatableArray<T> right) => left.Equals(right);

    public static bool operator !=(EquatableArray<T> left, EquatableArray<T> right) => !left.Equals(right);

    private static T[] ImmutableArrayAsArray(ImmutableArray<T> array)
    {
        var copy = new T[array.Length];
        array.CopyTo(copy);
        return copy;
    }
}

internal static class EquatableArray
{
    public static EquatableArray<T> ToEquatableArray<T>(this IEnumerable<T> items)
        where T : IEquatable<T> => new(items);
}
