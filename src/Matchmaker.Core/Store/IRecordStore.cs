using Matchmaker.Feedback;
using Matchmaker.Profiles;

namespace Matchmaker.Store;

/// <summary>
/// The system of record. Every write gets the next number of one global sequence (the change log),
/// which the search index and, later, caches follow. Writes are durable when the call returns.
/// </summary>
public interface IRecordStore : IDisposable
{
    /// <summary>
    /// A random id given to the store when it was created: caches shared by several deployments
    /// (one Redis for staging and production, say) keep their keys apart by it.
    /// </summary>
    string StoreId { get; }

    /// <summary>The sequence number of the newest write.</summary>
    long LastSequence { get; }

    /// <summary>Inserts or replaces; with <paramref name="expectedVersion"/> set, only if the stored version equals it (0: absent).</summary>
    /// <exception cref="VersionConflictException">The stored version differs.</exception>
    StoredWrite<Exporter> UpsertExporter(Exporter exporter, long? expectedVersion);

    /// <summary>Upserts many in one durable transaction, in order (a later duplicate id wins).</summary>
    IReadOnlyList<StoredWrite<Exporter>> UpsertExporters(IReadOnlyList<Exporter> exporters);

    /// <summary>The live exporter, or null when absent or deleted.</summary>
    Exporter? GetExporter(string id);

    /// <summary>Records the deletion (a tombstone with a new version); the last profile is kept.</summary>
    /// <exception cref="RecordNotFoundException">No live exporter has this id.</exception>
    StoredWrite<Exporter> DeleteExporter(string id, long? expectedVersion);

    StoredWrite<Inquiry> UpsertInquiry(Inquiry inquiry, long? expectedVersion);

    IReadOnlyList<StoredWrite<Inquiry>> UpsertInquiries(IReadOnlyList<Inquiry> inquiries);

    Inquiry? GetInquiry(string id);

    /// <exception cref="RecordNotFoundException">No inquiry has this id.</exception>
    StoredWrite<Inquiry> CloseInquiry(string id, long? expectedVersion);

    /// <summary>
    /// The current state of every record written after <paramref name="afterSequence"/>, oldest write first:
    /// what an index that has applied everything up to that number still needs.
    /// </summary>
    IEnumerable<Change> ReadChangesSince(long afterSequence);

    /// <summary>How many records (exporters and inquiries, deleted ones included) a full replay visits.</summary>
    long CountRecords();

    /// <summary>Appends feedback events in one durable transaction; returns them with their sequence numbers.</summary>
    IReadOnlyList<FeedbackEvent> AppendFeedback(IReadOnlyList<FeedbackEvent> events);

    /// <summary>Feedback events after a feedback sequence number, oldest first.</summary>
    IEnumerable<FeedbackEvent> ReadFeedback(long afterSequence = 0);
}
