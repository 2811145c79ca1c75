namespace Matchmaker.Store;

/// <summary>
/// The records of one kind. Every write is one change-log entry with a new version; versions keep
/// rising across a delete and a re-create, so (id, version) never names two states.
/// </summary>
public interface IRecordTable<T>
    where T : class
{
    RecordKind<T> Kind { get; }

    /// <summary>Inserts or replaces; with <paramref name="expectedVersion"/> set, only if the live version equals it (0: absent).</summary>
    /// <exception cref="VersionConflictException">The live version differs.</exception>
    Change<T> Upsert(T record, long? expectedVersion);

    /// <summary>Upserts many in one durable transaction, in order (a later duplicate id wins).</summary>
    IReadOnlyList<Change<T>> UpsertMany(IReadOnlyList<T> records);

    /// <summary>Rewrites the live record with <paramref name="change"/> (closing an inquiry, say).</summary>
    /// <exception cref="RecordNotFoundException">No live record has this id.</exception>
    /// <exception cref="VersionConflictException"/>
    Change<T> Update(string id, long? expectedVersion, Func<T, T> change);

    /// <summary>Records the deletion (a tombstone with a new version); the last record is kept.</summary>
    /// <exception cref="RecordNotFoundException">No live record has this id.</exception>
    /// <exception cref="VersionConflictException"/>
    Change<T> Delete(string id, long? expectedVersion);

    /// <summary>The live record, or null when absent or deleted.</summary>
    T? Get(string id);

    /// <summary>Every live record, by id (for kinds with few records: events, not exporters).</summary>
    IReadOnlyList<T> List();
}
