namespace Matchmaker.Matching;

/// <param name="TopK">How many matches to return (1–500).</param>
/// <param name="Explain">Every reason on every match, including features that added nothing.</param>
public sealed record MatchOptions(int TopK = MatchOptions.DefaultTopK, bool Explain = false)
{
    public const int DefaultTopK = 10;
    public const int MaxTopK = 500;

    /// <summary>
    /// Every list is ranked from the first this many candidates of retrieval, whatever top_k asks for,
    /// so an exporter that text search ranks low but every other feature favours still gets scored,
    /// and a list's first k are the same for every top_k.
    /// </summary>
    public const int RankedCandidates = 200;

    /// <summary>
    /// How many candidates retrieval hands to the ranker: <see cref="RankedCandidates"/>; a longer list
    /// (top_k above it) retrieves 4x top_k (at most 2,000) and ranks the ones beyond the first
    /// <see cref="RankedCandidates"/> after them, so its first <see cref="RankedCandidates"/> stay as ever.
    /// </summary>
    public int CandidateCount => TopK <= RankedCandidates ? RankedCandidates : Math.Min(TopK * 4, 2_000);

    /// <summary>
    /// The call's cancellation (its deadline, or the client going away): checked after retrieval and
    /// while features are extracted, so a cancelled call stops its work instead of finishing a list
    /// nobody reads. Not part of what the list depends on (the cache key leaves it out).
    /// </summary>
    public CancellationToken Cancellation { get; init; }
}
