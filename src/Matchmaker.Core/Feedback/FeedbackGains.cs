namespace Matchmaker.Feedback;

/// <summary>
/// The one table that turns feedback into training labels. A pair's label is the largest gain among
/// its events (0–4, the range ML.NET's default label gains cover), except that a buyer's "declined"
/// that nothing better followed sets it back to 0. Gains follow how far the pair got towards trade:
/// being seen is nothing, looking is a little, reaching out is real interest, a meeting is the
/// purpose of a 1:1 programme, and a contract is the KPI an export support centre reports.
/// </summary>
public static class FeedbackGains
{
    public const int MaxLabel = 4;

    public static IReadOnlyList<(FeedbackKind Kind, int Gain, string Meaning)> Table { get; } =
    [
        (FeedbackKind.Impression, 0, "the portal showed the exporter to the buyer"),
        (FeedbackKind.View, 1, "the buyer opened the exporter's profile"),
        (FeedbackKind.Contact, 2, "the buyer contacted the exporter"),
        (FeedbackKind.Shortlist, 2, "the buyer shortlisted the exporter"),
        (FeedbackKind.MeetingRequested, 3, "a 1:1 meeting was requested"),
        (FeedbackKind.MeetingHeld, 3, "the 1:1 meeting took place"),
        (FeedbackKind.FollowUp, 3, "the pair followed up after the meeting"),
        (FeedbackKind.ContractSigned, 4, "a contract was signed"),
        (FeedbackKind.Declined, 0, "the buyer declined the exporter (label 0 unless something better follows)"),
        (FeedbackKind.NoShow, 1, "a meeting was arranged but one side did not come"),
    ];

    private static readonly int[] Gains = BuildGains();

    public static int GainOf(FeedbackKind kind) => Gains[(int)kind];

    /// <summary>The training label of one pair from all its events (any order).</summary>
    public static int Label(IEnumerable<FeedbackEvent> events)
    {
        var label = 0;
        var declinedAt = DateTimeOffset.MinValue;
        var bestAt = DateTimeOffset.MinValue;
        foreach (var e in events)
        {
            if (e.Kind == FeedbackKind.Declined)
            {
                declinedAt = e.OccurredAt > declinedAt ? e.OccurredAt : declinedAt;
                continue;
            }

            var gain = GainOf(e.Kind);
            if (gain > label || (gain == label && e.OccurredAt > bestAt))
            {
                (label, bestAt) = (gain, e.OccurredAt);
            }
        }

        // A decline after the best thing that happened ends the pair, but not a meeting or contract that came later.
        return declinedAt > DateTimeOffset.MinValue && declinedAt >= bestAt ? 0 : label;
    }

    /// <summary>The buyer reached out (contact, shortlist or anything further).</summary>
    public static bool IsEngagement(FeedbackKind kind) => kind != FeedbackKind.Declined && kind != FeedbackKind.NoShow && GainOf(kind) >= 2;

    /// <summary>A meeting was asked for, whether or not it then took place.</summary>
    public static bool IsMeetingAsked(FeedbackKind kind) =>
        kind is FeedbackKind.MeetingRequested or FeedbackKind.MeetingHeld or FeedbackKind.NoShow
            or FeedbackKind.FollowUp or FeedbackKind.ContractSigned;

    /// <summary>A meeting took place (or the pair is past it).</summary>
    public static bool IsMeetingHeld(FeedbackKind kind) =>
        kind is FeedbackKind.MeetingHeld or FeedbackKind.FollowUp or FeedbackKind.ContractSigned;

    private static int[] BuildGains()
    {
        var gains = new int[Enum.GetValues<FeedbackKind>().Max(k => (int)k) + 1];
        foreach (var (kind, gain, _) in Table)
        {
            gains[(int)kind] = gain;
        }

        return gains;
    }
}
