namespace Matchmaker.Store;

/// <summary>A record as a write left it, with the write's place in the change log.</summary>
public sealed record StoredWrite<T>(T Record, long Sequence, bool Deleted);
