using Matchmaker.Profiles;
using Matchmaker.Store;

namespace Matchmaker.Serving;

/// <summary>
/// The profiles' write path: normalize and validate (<see cref="ProfileValidator"/>), store durably
/// with the version check, hand the change to every follower (cache dependencies, record versions,
/// index, product space) under the feed's lock, make it visible, return. Reads come from the store.
/// </summary>
public sealed class ProfileCatalog(ChangeFeed changes)
{
    private readonly IRecordTable<Exporter> _exporters = changes.Store.Table<Exporter>();
    private readonly IRecordTable<Inquiry> _inquiries = changes.Store.Table<Inquiry>();

    /// <summary>Live versions of every record (a cache hit's key without a store read).</summary>
    public RecordVersions Versions => changes.Versions;

    /// <summary>The change log's position: the sequence number of the newest change stored.</summary>
    public long LastSequence => changes.Store.LastSequence;

    /// <param name="prefix">The record's path in the request (e.g. "exporter."), for error fields.</param>
    /// <exception cref="ValidationException"/>
    /// <exception cref="VersionConflictException"/>
    public Change<Exporter> UpsertExporter(Exporter exporter, long? expectedVersion, string prefix = "")
    {
        var prepared = ProfileValidator.Prepare(exporter, prefix);
        return changes.Write<Exporter>(t => t.Upsert(prepared, expectedVersion));
    }

    /// <exception cref="RecordNotFoundException"/>
    /// <exception cref="VersionConflictException"/>
    public Change<Exporter> DeleteExporter(string id, long? expectedVersion) =>
        changes.Write<Exporter>(t => t.Delete(id, expectedVersion));

    /// <inheritdoc cref="UpsertExporter"/>
    public Change<Inquiry> UpsertInquiry(Inquiry inquiry, long? expectedVersion, string prefix = "")
    {
        var prepared = ProfileValidator.Prepare(inquiry, prefix);
        return changes.Write<Inquiry>(t => t.Upsert(prepared, expectedVersion));
    }

    /// <inheritdoc cref="DeleteExporter"/>
    /// <remarks>Closing a closed inquiry changes nothing (no new version): the reply is the record as it is.</remarks>
    public Change<Inquiry> CloseInquiry(string id, long? expectedVersion) =>
        _inquiries.Get(id) is { Status: InquiryStatus.Closed } closed && (expectedVersion is null || expectedVersion == closed.Version)
            ? new Change<Inquiry>(ProfileRecordKinds.Inquiry, changes.Store.LastSequence, id, closed.Version, false, closed) { Unchanged = true }
            : changes.Write<Inquiry>(t => t.Update(id, expectedVersion, q => q with { Status = InquiryStatus.Closed }));

    /// <summary>Stores records already through <see cref="ProfileValidator.Prepare(Exporter, string)"/> in one transaction.</summary>
    /// <param name="bulk">One batch of an import, which calls <see cref="Publish"/> at its end (<see cref="ChangeFeed"/>).</param>
    public IReadOnlyList<Change<Exporter>> ImportExporters(IReadOnlyList<Exporter> prepared, bool bulk = false) =>
        changes.WriteMany<Exporter>(t => t.UpsertMany(prepared), bulk);

    /// <summary>Stores records already through <see cref="ProfileValidator.Prepare(Inquiry, string)"/> in one transaction.</summary>
    /// <param name="bulk">One batch of an import, which calls <see cref="Publish"/> at its end (<see cref="ChangeFeed"/>).</param>
    public IReadOnlyList<Change<Inquiry>> ImportInquiries(IReadOnlyList<Inquiry> prepared, bool bulk = false) =>
        changes.WriteMany<Inquiry>(t => t.UpsertMany(prepared), bulk);

    /// <summary>A single write came in the last seconds (bulk imports then store small batches).</summary>
    public bool SingleWritesRecently => changes.SingleWritesRecently;

    /// <summary>Makes every stored change visible (what bulk batches left unpublished).</summary>
    public void Publish() => changes.Publish();

    /// <summary>The live exporter, or null when absent or deleted.</summary>
    public Exporter? GetExporter(string id) => _exporters.Get(id);

    /// <summary>The stored inquiry (open or closed), or null when absent.</summary>
    public Inquiry? GetInquiry(string id) => _inquiries.Get(id);
}
