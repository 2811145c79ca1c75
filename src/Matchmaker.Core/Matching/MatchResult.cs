namespace Matchmaker.Matching;

public sealed record MatchResult(
    IReadOnlyList<RankedMatch> Matches,
    string ModelVersion,
    DateTimeOffset GeneratedAt,
    int CandidatesConsidered)
{
    /// <summary>Seconds spent extracting features and scoring the candidates.</summary>
    public double ScoringSeconds { get; init; }

    /// <summary>The statistics epoch the features were computed in.</summary>
    public string EpochId { get; init; } = "";

    /// <summary>Every change-log entry up to this sequence number is reflected in the list.</summary>
    public long ComputedAtSequence { get; init; }

    /// <summary>When a candidate's validity ends (reverse lists), after which the list may differ; null: never.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The listed pairs in rank order, with the feature vectors they were ranked by (what the training log keeps).</summary>
    public IReadOnlyList<ScoredPair> Pairs { get; init; } = [];
}
