namespace Matchmaker.Matching;

public sealed record MatchResult(
    IReadOnlyList<RankedMatch> Matches,
    string ModelVersion,
    DateTimeOffset GeneratedAt,
    int CandidatesConsidered);
