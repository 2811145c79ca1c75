using System.Collections.Concurrent;

namespace Matchmaker.Store;

/// <summary>
/// The live version of every stored record, by kind and id, in memory, following the change log: a
/// cache lookup needs (id, version) and must not pay a store read and a JSON parse for it, and
/// "is this id stored?" is a dictionary read. Kept by the <see cref="ChangeFeed"/> for every kind.
/// </summary>
public sealed class RecordVersions
{
    private readonly Dictionary<Type, OfKind> _kinds;

    public RecordVersions(IEnumerable<RecordKind> kinds)
    {
        _kinds = kinds.ToDictionary(k => k.RecordType, _ => new OfKind());
    }

    /// <summary>The versions of one kind's records (resolve once, read per request).</summary>
    /// <exception cref="InvalidOperationException">The kind is not registered.</exception>
    public OfKind For<T>()
        where T : class =>
        _kinds.TryGetValue(typeof(T), out var versions)
            ? versions
            : throw new InvalidOperationException($"no record kind of {typeof(T).Name} is registered with the store");

    internal void Follow(Change change)
    {
        if (_kinds.TryGetValue(change.Kind.RecordType, out var versions))
        {
            versions.Set(change.Id, change.Version, change.Deleted);
        }
    }

    /// <summary>Live versions of the records of one kind.</summary>
    public sealed class OfKind
    {
        private readonly ConcurrentDictionary<string, long> _versions = new(StringComparer.Ordinal);

        /// <summary>The live version, or null when the id is absent or deleted.</summary>
        public long? Of(string id) => _versions.TryGetValue(id, out var v) ? v : null;

        internal void Set(string id, long version, bool deleted)
        {
            if (deleted)
            {
                _versions.TryRemove(id, out _);
            }
            else
            {
                _versions[id] = version;
            }
        }
    }
}
