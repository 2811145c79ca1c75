namespace Matchmaker.Training;

/// <summary>One pair of a served list with the exact feature vector the model ranked it by.</summary>
public sealed record ServedPair(
    string InquiryId,
    long InquiryVersion,
    string ExporterId,
    long ExporterVersion,
    int Position,
    double Score,
    float[] Features);
