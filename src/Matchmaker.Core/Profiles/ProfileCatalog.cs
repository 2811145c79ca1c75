using Matchmaker.Features;
using Matchmaker.Index;
using Matchmaker.Store;

namespace Matchmaker.Profiles;

/// <summary>
/// The write path: normalize, validate, store durably, then apply to the index and make it visible.
/// Store and index are updated under one lock so the index sees changes in sequence order; a
/// crash between the two is repaired at start-up by <see cref="SearchIndex.CatchUp"/>.
/// The product space follows the same writes, so relatedness always reflects the stored exporters.
/// </summary>
public sealed class ProfileCatalog(IRecordStore store, SearchIndex index, ProductSpace productSpace)
{
    private readonly Lock _applyLock = new();

    public IRecordStore Store => store;

    /// <summary>Normalizes and validates; <paramref name="prefix"/> is the record's path in the request (e.g. "exporter.").</summary>
    /// <exception cref="ValidationException">The record is invalid.</exception>
    public static Exporter Prepare(Exporter exporter, string prefix = "")
    {
        var normalized = ProfileNormalizer.Normalize(exporter);
        var violations = ProfileValidator.Validate(normalized, prefix);
        return violations.Count == 0 ? normalized : throw new ValidationException(violations);
    }

    /// <inheritdoc cref="Prepare(Exporter, string)"/>
    public static Inquiry Prepare(Inquiry inquiry, string prefix = "")
    {
        var normalized = ProfileNormalizer.Normalize(inquiry);
        var violations = ProfileValidator.Validate(normalized, prefix);
        return violations.Count == 0 ? normalized : throw new ValidationException(violations);
    }

    public StoredWrite<Exporter> UpsertExporter(Exporter exporter, long? expectedVersion, string prefix = "") =>
        Apply(() => store.UpsertExporter(Prepare(exporter, prefix), expectedVersion), Change.Of);

    public StoredWrite<Exporter> DeleteExporter(string id, long? expectedVersion) =>
        Apply(() => store.DeleteExporter(id, expectedVersion), Change.Of);

    public StoredWrite<Inquiry> UpsertInquiry(Inquiry inquiry, long? expectedVersion, string prefix = "") =>
        Apply(() => store.UpsertInquiry(Prepare(inquiry, prefix), expectedVersion), Change.Of);

    public StoredWrite<Inquiry> CloseInquiry(string id, long? expectedVersion) =>
        Apply(() => store.CloseInquiry(id, expectedVersion), Change.Of);

    /// <summary>Stores records already through <see cref="Prepare(Exporter, string)"/> in one transaction.</summary>
    public IReadOnlyList<StoredWrite<Exporter>> ImportExporters(IReadOnlyList<Exporter> prepared) =>
        ApplyMany(() => store.UpsertExporters(prepared), Change.Of);

    /// <summary>Stores records already through <see cref="Prepare(Inquiry, string)"/> in one transaction.</summary>
    public IReadOnlyList<StoredWrite<Inquiry>> ImportInquiries(IReadOnlyList<Inquiry> prepared) =>
        ApplyMany(() => store.UpsertInquiries(prepared), Change.Of);

    /// <summary>Live versions of every record, following the writes.</summary>
    public RecordVersions Versions { get; } = new();

    /// <summary>
    /// Start-up: the product space and the record versions from every stored record (the index
    /// catches up on its own). Returns the number of exporters.
    /// </summary>
    public int LoadFollowers()
    {
        var count = 0;
        foreach (var change in store.ReadChangesSince(0))
        {
            Versions.Follow(change);
            if (change.Exporter is { } exporter)
            {
                productSpace.Apply(exporter, change.Deleted);
                count++;
            }
        }

        return count;
    }

    /// <summary>What searchers acquired from now on reflect (see <see cref="SearchIndex.VisibleSequence"/>).</summary>
    public long VisibleSequence => index.VisibleSequence;

    /// <summary>
    /// The product space and the index's text statistics at one consistent point of the change log.
    /// Writes wait only while the index reopens and the product-space counts are copied; the
    /// vocabulary is enumerated afterwards from a leased point-in-time searcher.
    /// </summary>
    public (long Sequence, ProductSpaceSnapshot Space, TextStatistics Text, TimeSpan WritesHeld) CaptureStatistics()
    {
        long sequence;
        TimeSpan held;
        ProductSpaceSnapshot space;
        SearchIndex.SearcherLease lease;
        lock (_applyLock)
        {
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            // Under the write lock only what must agree with one point of the change log: the
            // sequence, the product-space counts and a searcher over exactly that state.
            index.Refresh();
            sequence = index.VisibleSequence;
            space = productSpace.Snapshot();
            lease = index.Lease();
            held = System.Diagnostics.Stopwatch.GetElapsedTime(start);
        }

        // Enumerating the vocabulary (the long part) reads the leased point-in-time view; writes go on.
        using (lease)
        {
            return (sequence, space, TextStatistics.Capture(lease.Searcher.IndexReader), held);
        }
    }

    /// <summary>
    /// Raised for every write, in change-log order, before the index makes it visible (under the
    /// write lock: handlers must be quick and must not write).
    /// </summary>
    public event Action<Change>? Changing;

    private void Follow(Change change)
    {
        Changing?.Invoke(change);
        Versions.Follow(change);
        index.Apply(change);
        if (change.Exporter is { } exporter)
        {
            productSpace.Apply(exporter, change.Deleted);
        }
    }

    private StoredWrite<T> Apply<T>(Func<StoredWrite<T>> write, Func<StoredWrite<T>, Change> change)
    {
        StoredWrite<T> result;
        lock (_applyLock)
        {
            result = write();
            Follow(change(result));
        }

        index.Refresh();
        return result;
    }

    private IReadOnlyList<StoredWrite<T>> ApplyMany<T>(Func<IReadOnlyList<StoredWrite<T>>> write, Func<StoredWrite<T>, Change> change)
    {
        IReadOnlyList<StoredWrite<T>> results;
        lock (_applyLock)
        {
            results = write();
            foreach (var w in results)
            {
                Follow(change(w));
            }
        }

        index.Refresh();
        return results;
    }
}
