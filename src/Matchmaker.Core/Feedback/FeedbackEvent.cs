namespace Matchmaker.Feedback;

/// <summary>One recorded event of a pair; <see cref="Sequence"/> is set by the store.</summary>
/// <param name="Position">1-based rank at which the portal showed the exporter; 0 when unknown.</param>
/// <param name="Source">Where it came from: "portal", an event id, "import", …</param>
public sealed record FeedbackEvent(
    string InquiryId,
    string ExporterId,
    FeedbackKind Kind,
    DateTimeOffset OccurredAt,
    double ValueUsd = 0,
    int Position = 0,
    string Source = "",
    long Sequence = 0);
