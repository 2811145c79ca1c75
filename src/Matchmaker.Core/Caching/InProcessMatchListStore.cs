namespace Matchmaker.Caching;

/// <summary>
/// The cache when no Redis is configured (the embedded default): a least-recently-used map bounded
/// by bytes, local to this process. A hit is a dictionary lookup; eviction keeps memory bounded.
/// </summary>
public sealed class InProcessMatchListStore(long maxBytes, TimeProvider? clock = null) : IMatchListStore
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _recency = new();
    private readonly Lock _lock = new();
    private long _bytes;

    public long Bytes
    {
        get
        {
            lock (_lock)
            {
                return _bytes;
            }
        }
    }

    public Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(key, out var node))
            {
                return Task.FromResult<byte[]?>(null);
            }

            if (node.Value.ExpiresAt <= _clock.GetUtcNow())
            {
                Remove(node);
                return Task.FromResult<byte[]?>(null);
            }

            _recency.Remove(node);
            _recency.AddFirst(node);
            return Task.FromResult<byte[]?>(node.Value.Value);
        }
    }

    public Task SetAsync(string key, byte[] value, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        if (value.Length > maxBytes)
        {
            return Task.CompletedTask;
        }

        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var old))
            {
                Remove(old);
            }

            var node = _recency.AddFirst(new Entry(key, value, _clock.GetUtcNow() + timeToLive));
            _entries[key] = node;
            _bytes += value.Length;
            while (_bytes > maxBytes && _recency.Last is { } last)
            {
                Remove(last);
            }
        }

        return Task.CompletedTask;
    }

    public Task RemoveAsync(string key, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                Remove(node);
            }
        }

        return Task.CompletedTask;
    }

    private void Remove(LinkedListNode<Entry> node)
    {
        _recency.Remove(node);
        _entries.Remove(node.Value.Key);
        _bytes -= node.Value.Value.Length;
    }

    private sealed record Entry(string Key, byte[] Value, DateTimeOffset ExpiresAt);
}
