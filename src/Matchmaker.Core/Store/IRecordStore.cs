namespace Matchmaker.Store;

/// <summary>
/// The system of record: one table per registered <see cref="RecordKind"/>. Every write gets the next
/// number of one global sequence (the change log), which the index, in-memory followers and caches
/// follow through the <see cref="ChangeFeed"/>. Writes are durable when the call returns.
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

    /// <summary>The kinds this store keeps, in registration order.</summary>
    IReadOnlyList<RecordKind> Kinds { get; }

    /// <summary>The table of one record kind.</summary>
    /// <exception cref="InvalidOperationException">No kind of this record type is registered.</exception>
    IRecordTable<T> Table<T>()
        where T : class;

    /// <summary>
    /// The current state of every record written after <paramref name="afterSequence"/>, oldest write first:
    /// what a follower that has applied everything up to that number still needs.
    /// </summary>
    IEnumerable<Change> ReadChangesSince(long afterSequence);

    /// <summary>How many records (of every kind, deleted ones included) a full replay visits.</summary>
    long CountRecords();
}
