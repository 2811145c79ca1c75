namespace Matchmaker.Events;

/// <summary>One side of a pair does not want the meeting (no thanks, met before): the schedule never holds it.</summary>
public sealed record PairBlock
{
    public required string EventId { get; init; }

    /// <summary>The pair's participant ids in ordinal order, so a pair has one block record whoever blocked it.</summary>
    public required string A { get; init; }

    public required string B { get; init; }

    public long Version { get; init; }

    /// <summary>The participant who blocked it.</summary>
    public string By { get; init; } = "";

    public BlockReason Reason { get; init; } = BlockReason.NoThanks;

    public string Note { get; init; } = "";

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The block's key in the store: event and pair ("EVT-1/B-1~EXP-7").</summary>
    public string Key => EventId + "/" + PairOf(A, B);

    /// <summary>The pair, its ids in ordinal order: "B-1~EXP-7" either way round.</summary>
    public static string PairOf(string a, string b) => string.CompareOrdinal(a, b) <= 0 ? $"{a}~{b}" : $"{b}~{a}";
}

public enum BlockReason
{
    NoThanks = 1,
    MetBefore = 2,
}
