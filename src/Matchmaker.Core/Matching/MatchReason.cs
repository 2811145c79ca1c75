namespace Matchmaker.Matching;

/// <summary>Why a pair scored as it did: one feature, its value, its share of the score, in plain words.</summary>
public sealed record MatchReason(string Feature, double Value, double Contribution, string Text);
