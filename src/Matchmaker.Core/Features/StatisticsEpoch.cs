using Matchmaker.Feedback;
using Matchmaker.Index;

namespace Matchmaker.Features;

/// <summary>
/// The shared statistics that features read, frozen together: BM25 text statistics, the product
/// space, and exporters' feedback records, as of change-log sequence <see cref="ChangeSequence"/>
/// and feedback sequence <see cref="FeedbackSequence"/>. Within an epoch a pair's features depend
/// only on the two profiles, so a profile write can change only the lists that profile touches.
/// </summary>
public sealed record StatisticsEpoch(
    long ChangeSequence,
    long FeedbackSequence,
    TextStatistics Text,
    ProductSpaceSnapshot ProductSpace,
    HistorySnapshot History)
{
    public static StatisticsEpoch Empty { get; } =
        new(0, 0, TextStatistics.Empty, ProductSpaceSnapshot.Empty, HistorySnapshot.Empty);

    /// <summary>"change.feedback": the same on every replica that captured at the same sequence numbers.</summary>
    public string Id { get; } = FormattableString.Invariant($"{ChangeSequence}.{FeedbackSequence}");

    /// <summary>How long profile writes waited while this epoch was captured (the index reopen and the product-space copy).</summary>
    public TimeSpan WritesHeldFor { get; init; }

    public FeatureExtractor Features() => new(ProductSpace, History);
}
