namespace Matchmaker.Matching;

/// <summary>One pair of a ranked list with its place, its score and the exact feature vector the ranker scored.</summary>
public sealed record ScoredPair(
    string InquiryId,
    long InquiryVersion,
    string ExporterId,
    long ExporterVersion,
    int Position,
    double Score,
    float[] Features);
