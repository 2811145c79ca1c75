using System.Collections.Concurrent;

namespace Matchmaker.Caching;

/// <summary>
/// Follows the change log: for every bucket (an HS chapter or a text term, on the exporter or the
/// inquiry side, see <see cref="CacheBuckets"/>) the sequence number of the last change that
/// touched it. A list computed at sequence C that depends on buckets B is current iff no change
/// after C touched any of B. Changes are recorded before they become visible to searches, so a
/// list that misses a change always sees that change's mark. Every replica derives the same marks
/// from the same change log; the marks start at <see cref="Open"/>'s floor, which retires every
/// list computed before this process started following the log (it is not replayed into the tracker).
/// Until opened, no list is current.
/// </summary>
public sealed class DependencyTracker
{
    private readonly ConcurrentDictionary<uint, long> _touched = new();
    private long _floor = long.MaxValue;

    public long Floor => Volatile.Read(ref _floor);

    /// <summary>Starts trusting lists computed at or after <paramref name="floor"/>; call once the change handler is attached.</summary>
    public void Open(long floor) => Volatile.Write(ref _floor, floor);

    /// <summary>Marks what a profile change touches: both the state it replaced and the new one.</summary>
    public void Follow(Store.Change change)
    {
        if (change.Exporter is { } exporter)
        {
            Touch(CacheBuckets.OfExporter(exporter), change.Sequence);
            if (change.PreviousExporter is { } previous)
            {
                Touch(CacheBuckets.OfExporter(previous), change.Sequence);
            }
        }

        if (change.Inquiry is { } inquiry)
        {
            Touch(CacheBuckets.OfInquiry(inquiry), change.Sequence);
            if (change.PreviousInquiry is { } previous)
            {
                Touch(CacheBuckets.OfInquiry(previous), change.Sequence);
            }
        }
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
