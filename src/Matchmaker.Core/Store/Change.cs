namespace Matchmaker.Store;

/// <summary>
/// One entry of the change log with the latest state of the record it wrote, as the store hands it
/// to followers (the index, the product space, the cache's dependency tracker, …). A change is of one
/// <see cref="RecordKind"/>; followers receive the kinds they follow (<see cref="IChangeFollower{T}"/>).
/// </summary>
public abstract record Change(long Sequence, string Id, long Version, bool Deleted)
{
    public abstract RecordKind Kind { get; }

    /// <summary>
    /// The write asked for what was stored already: nothing was written (this is the stored state, its version and the
    /// sequence number that wrote it). Only a write's caller sees such a change: the feed hands it to no follower.
    /// </summary>
    public bool Unchanged { get; init; }

    /// <summary>Hands this change to <paramref name="follower"/> if it follows this kind; true if it did.</summary>
    public abstract bool SendTo(IChangeFollower follower);
}

/// <summary>A change of a record of type <typeparamref name="T"/>; a delete carries the last live record.</summary>
public sealed record Change<T>(RecordKind<T> Of, long Sequence, string Id, long Version, bool Deleted, T Record)
    : Change(Sequence, Id, Version, Deleted)
    where T : class
{
    /// <summary>The live record this change replaced (known on the write path; null when replayed from the store).</summary>
    public T? Previous { get; init; }

    /// <summary>The record's body as the store wrote it (JSON), when the write path has it: the index stores the same text without serializing again.</summary>
    public string? Body { get; init; }

    public override RecordKind Kind => Of;

    public override bool SendTo(IChangeFollower follower)
    {
        if (follower is not IChangeFollower<T> typed)
        {
            return false;
        }

        typed.Follow(this);
        return true;
    }
}
