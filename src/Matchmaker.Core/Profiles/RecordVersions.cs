using System.Collections.Concurrent;
using Matchmaker.Store;

namespace Matchmaker.Profiles;

/// <summary>
/// The live version of every stored record, in memory, following the change log: a cache lookup
/// needs (id, version) and must not pay a store read and a JSON parse for it.
/// </summary>
public sealed class RecordVersions
{
    private readonly ConcurrentDictionary<string, long> _exporters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _inquiries = new(StringComparer.Ordinal);

    public long? Exporter(string id) => _exporters.TryGetValue(id, out var v) ? v : null;

    public long? Inquiry(string id) => _inquiries.TryGetValue(id, out var v) ? v : null;

    public void Follow(Change change)
    {
        if (change.Exporter is { } e)
        {
            Set(_exporters, e.Id, e.Version, change.Deleted);
        }

        if (change.Inquiry is { } q)
        {
            Set(_inquiries, q.Id, q.Version, change.Deleted);
        }
    }

    private static void Set(ConcurrentDictionary<string, long> versions, string id, long version, bool deleted)
    {
        if (deleted)
        {
            versions.TryRemove(id, out _);
        }
        else
        {
            versions[id] = version;
        }
    }
}
