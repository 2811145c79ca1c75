namespace Matchmaker.Store;

/// <summary>A record as a write left it, with the write's place in the change log.</summary>
public sealed record StoredWrite<T>(T Record, long Sequence, bool Deleted)
{
    /// <summary>The live record the write replaced, if there was one (followers such as the cache need both states).</summary>
    public T? Previous { get; init; }
}
