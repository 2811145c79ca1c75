namespace Matchmaker.Matching;

/// <param name="TopK">How many matches to return (1–500).</param>
/// <param name="Explain">Every reason on every match, including features that added nothing.</param>
public sealed record MatchOptions(int TopK = MatchOptions.DefaultTopK, bool Explain = false)
{
    public const int DefaultTopK = 10;
    public const int MaxTopK = 500;

    /// <summary>
    /// How many candidates retrieval hands to the ranker: 4x the list (at least 200, at most 2,000),
    /// so an exporter that text search ranks low but every other feature favours still gets scored.
    /// </summary>
    public int CandidateCount => Math.Clamp(TopK * 4, 200, 2_000);
}
