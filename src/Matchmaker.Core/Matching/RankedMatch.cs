namespace Matchmaker.Matching;

/// <summary>One entry of a match list: an exporter (for an inquiry) or an inquiry (for an exporter).</summary>
public sealed record RankedMatch(string Id, string DisplayName, int Rank, double Score, IReadOnlyList<MatchReason> Reasons);
