namespace Matchmaker.Feedback;

/// <summary>How an exporter fared with buyers: counts of pairs (inquiries it was shown or met for).</summary>
/// <param name="Pairs">Pairs with any feedback.</param>
/// <param name="Engaged">Pairs where the buyer reached out (contact or further).</param>
/// <param name="MeetingsAsked">Pairs where a meeting was requested.</param>
/// <param name="MeetingsHeld">Pairs where the meeting took place.</param>
public readonly record struct ExporterHistory(int Pairs, int Engaged, int MeetingsAsked, int MeetingsHeld)
{
    public static ExporterHistory None => default;

    public static ExporterHistory Of(IEnumerable<FeedbackEvent> pairEvents)
    {
        bool any = false, engaged = false, asked = false, held = false;
        foreach (var e in pairEvents)
        {
            any = true;
            engaged |= FeedbackGains.IsEngagement(e.Kind);
            asked |= FeedbackGains.IsMeetingAsked(e.Kind);
            held |= FeedbackGains.IsMeetingHeld(e.Kind);
        }

        return new ExporterHistory(any ? 1 : 0, engaged ? 1 : 0, asked ? 1 : 0, held ? 1 : 0);
    }

    public static ExporterHistory operator +(ExporterHistory a, ExporterHistory b) =>
        new(a.Pairs + b.Pairs, a.Engaged + b.Engaged, a.MeetingsAsked + b.MeetingsAsked, a.MeetingsHeld + b.MeetingsHeld);

    public static ExporterHistory operator -(ExporterHistory a, ExporterHistory b) =>
        new(a.Pairs - b.Pairs, a.Engaged - b.Engaged, a.MeetingsAsked - b.MeetingsAsked, a.MeetingsHeld - b.MeetingsHeld);

    /// <summary>
    /// Share of pairs where the buyer reached out, shrunk towards 10% with the weight of 10 pairs so
    /// that one lucky contact does not make a newcomer look like the best exporter in the store.
    /// </summary>
    public double EngagementRate => (Engaged + (EngagementPrior * PriorWeight)) / (Pairs + PriorWeight);

    /// <summary>Share of requested meetings that took place, shrunk towards 50% with the weight of 5 meetings.</summary>
    public double MeetingRate => (MeetingsHeld + (MeetingPrior * MeetingPriorWeight)) / (MeetingsAsked + MeetingPriorWeight);

    /// <summary>How much history there is: log10(1 + pairs) / 3, capped at 1 (1,000 pairs).</summary>
    public double Volume => Math.Min(1.0, Math.Log10(1 + Pairs) / 3);

    public const double EngagementPrior = 0.1, PriorWeight = 10, MeetingPrior = 0.5, MeetingPriorWeight = 5;

    public ExporterHistory Add(IEnumerable<FeedbackEvent> pairEvents) => this + Of(pairEvents);
}
