using System.Collections.Concurrent;

namespace Contoso.InfusionsoftWeb;

/// <summary>
/// Pending authorization requests, kept on the server under the random key the browser holds in a cookie. Bounded,
/// because <c>/connect</c> is unauthenticated: anyone can start connections, and each one must not cost memory forever.
/// Expiring, so an abandoned consent does not stay valid. Take-once: <see cref="TryTake"/> removes atomically, so two
/// concurrent callbacks with the same cookie cannot both use one request.
/// </summary>
/// <typeparam name="T">What is kept (the sample keeps the generated <c>AuthorizationRequest</c>).</typeparam>
public sealed class PendingAuthorizations<T>
    where T : class
{
    private readonly ConcurrentDictionary<string, (T Value, DateTimeOffset Expires)> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private int _count;

    /// <summary>Creates the store.</summary>
    /// <param name="capacity">The most requests pending at once; more are refused until some are taken or expire.</param>
    /// <param name="lifetime">How long a request waits for its callback.</param>
    /// <param name="time">The clock.</param>
    public PendingAuthorizations(int capacity, TimeSpan lifetime, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        Capacity = capacity;
        Lifetime = lifetime;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The most requests pending at once.</summary>
    public int Capacity { get; }

    /// <summary>How long a request waits for its callback.</summary>
    public TimeSpan Lifetime { get; }

    /// <summary>How many requests are pending (expired ones included until they are swept).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Keeps <paramref name="value"/> under <paramref name="key"/>; false when the store is full (after sweeping expired entries) or the key is taken.</summary>
    public bool TryAdd(string key, T value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        if (Interlocked.Increment(ref _count) > Capacity)
        {
            Interlocked.Decrement(ref _count);
            SweepExpired();
            if (Interlocked.Increment(ref _count) > Capacity)
            {
                Interlocked.Decrement(ref _count);
                return false;
            }
        }

        if (_entries.TryAdd(key, (value, _time.GetUtcNow() + Lifetime)))
        {
            return true;
        }

        Interlocked.Decrement(ref _count);
        return false;
    }

    /// <summary>Removes and returns the request under <paramref name="key"/>: once only, and null when it expired.</summary>
    public T? TryTake(string? key)
    {
        if (string.IsNullOrEmpty(key) || !_entries.TryRemove(key, out var entry))
        {
            return null;
        }

        Interlocked.Decrement(ref _count);
        return entry.Expires > _time.GetUtcNow() ? entry.Value : null;
    }

    private void SweepExpired()
    {
        var now = _time.GetUtcNow();
        foreach (var (key, entry) in _entries)
        {
            if (entry.Expires <= now && _entries.TryRemove(new KeyValuePair<string, (T, DateTimeOffset)>(key, entry)))
            {
                Interlocked.Decrement(ref _count);
            }
        }
    }
}
