using System.Collections.Concurrent;
using Matchmaker.Profiles;
using Matchmaker.Store;

namespace Matchmaker.Caching;

/// <summary>
/// Follows the change log: for every bucket (an HS chapter or a text term, on the exporter or the
/// inquiry side, see <see cref="CacheBuckets"/>) the sequence number of the last change that
/// touched it. A list computed at sequence C that depends on buckets B is current iff no change
/// after C touched any of B. Changes are recorded before they become visible to searches, so a
/// list that misses a change always sees that change's mark. Every replica derives the same marks
/// from the same change log; the marks start at <see cref="Open"/>'s floor, which retires every
/// list computed before this process started following the log (it is not replayed into the tracker).
/// Until opened, no list is current. Follows exporters and inquiries on the change log, live writes only.
/// </summary>
public sealed class DependencyTracker : IChangeFollower<Exporter>, IChangeFollower<Inquiry>
{
    private readonly ConcurrentDictionary<uint, long> _touched = new();
    private long _floor = long.MaxValue;

    public long Floor => Volatile.Read(ref _floor);

    /// <summary>Starts trusting lists computed at or after <paramref name="floor"/>; call before any write can reach the store after it.</summary>
    public void Open(long floor) => Volatile.Write(ref _floor, floor);

    /// <summary>Nothing is replayed: lists computed before this process started are below the floor anyway.</summary>
    long IChangeFollower.ReplayAfter => long.MaxValue;

    /// <summary>A change is marked before any other follower can make it visible to a search.</summary>
    bool IChangeFollower.SeesChangesFirst => true;

    /// <summary>Marks what an exporter change touches: both the state it replaced and the new one.</summary>
    public void Follow(Change<Exporter> change)
    {
        Touch(CacheBuckets.OfExporter(change.Record), change.Sequence);
        if (change.Previous is { } previous)
        {
            Touch(CacheBuckets.OfExporter(previous), change.Sequence);
        }
    }

    /// <summary>Marks what an inquiry change touches: both the state it replaced and the new one.</summary>
    public void Follow(Change<Inquiry> change)
    {
        Touch(CacheBuckets.OfInquiry(change.Record), change.Sequence);
        if (change.Previous is { } previous)
        {
            Touch(CacheBuckets.OfInquiry(previous), change.Sequence);
        }
    }

    /// <summary>
    /// A bulk import's batch retires every list computed before its last change at once, instead of
    /// marking each record's buckets: a few hundred profiles touch most HS chapters anyway, and an
    /// import ends with a new statistics epoch, which is in every list's key. Marking them one by one
    /// cost a sixth of an import's time.
    /// </summary>
    bool IChangeFollower.FollowBatch(IReadOnlyList<Change> changes)
    {
        var last = changes[^1].Sequence;
        long floor;
        while ((floor = Volatile.Read(ref _floor)) < last && Interlocked.CompareExchange(ref _floor, last, floor) != floor)
        {
        }

        return true;
    }

    public void Touch(IEnumerable<uint> buckets, long sequence)
    {
        foreach (var bucket in buckets)
        {
            _touched.AddOrUpdate(bucket, sequence, (_, old) => Math.Max(old, sequence));
        }
    }

    public bool IsCurrent(ReadOnlySpan<uint> buckets, long computedAt)
    {
        if (computedAt < Floor)
        {
            return false;
        }

        foreach (var bucket in buckets)
        {
            if (_touched.TryGetValue(bucket, out var sequence) && sequence > computedAt)
            {
                return false;
            }
        }

        return true;
    }
}
