namespace Matchmaker.Store;

/// <summary>An optimistic-concurrency check failed: someone else wrote the record first.</summary>
public sealed class VersionConflictException(string kind, string id, long expected, long actual)
    : Exception($"{kind} '{id}' is at version {actual}, not the expected {expected}")
{
    public string Kind { get; } = kind;

    public string Id { get; } = id;

    public long Expected { get; } = expected;

    public long Actual { get; } = actual;
}
