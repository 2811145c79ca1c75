using Google.Protobuf.WellKnownTypes;
using Matchmaker.Feedback;

namespace Matchmaker.Mapping;

/// <summary>Feedback events, proto ⇄ domain.</summary>
public static class FeedbackMapping
{
    public static FeedbackEvent ToDomain(this V1.Feedback f) => new(
        f.InquiryId,
        f.ExporterId,
        f.Kind == V1.FeedbackKind.Unspecified ? 0 : (FeedbackKind)(int)f.Kind,
        f.OccurredAt?.ToChecked("occurred_at") ?? default,
        f.ValueUsd,
        f.Position,
        f.Source);

    public static V1.Feedback ToProto(this FeedbackEvent e) => new()
    {
        InquiryId = e.InquiryId,
        ExporterId = e.ExporterId,
        Kind = (V1.FeedbackKind)(int)e.Kind,
        ValueUsd = e.ValueUsd,
        Position = e.Position,
        OccurredAt = Timestamp.FromDateTimeOffset(e.OccurredAt),
        Source = e.Source,
    };
}
