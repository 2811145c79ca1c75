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
    /// Share of pairs where the buyer reached out, shrunk towards the population's rate with the
    /// weight of 10 pairs: an exporter with no record scores exactly as an average one (unknown is
    /// not zero), one lucky contact does not make a newcomer the best in the store, and a record
    /// counts for more the longer it is.
    /// </summary>
    /// <param name="population">Every exporter's pairs together (<see cref="ExporterHistorySource.Population"/>).</param>
    public double EngagementRate(ExporterHistory population) =>
        (Engaged + (population.PopulationEngagementRate * PriorWeight)) / (Pairs + PriorWeight);

    /// <summary>Share of requested meetings that took place, shrunk towards the population's rate with the weight of 5 meetings.</summary>
    public double MeetingRate(ExporterHistory population) =>
        (MeetingsHeld + (population.PopulationMeetingRate * MeetingPriorWeight)) / (MeetingsAsked + MeetingPriorWeight);

    /// <summary>
    /// This record read as a population's: its engagement rate, itself shrunk towards
    /// <see cref="EngagementPrior"/> with the weight of 10 pairs so that a store with little
    /// feedback does not set the prior from a handful of pairs.
    /// </summary>
    public double PopulationEngagementRate => (Engaged + (EngagementPrior * PriorWeight)) / (Pairs + PriorWeight);

    /// <summary>This record read as a population's meeting rate, shrunk towards <see cref="MeetingPrior"/> with the weight of 5 meetings.</summary>
    public double PopulationMeetingRate => (MeetingsHeld + (MeetingPrior * MeetingPriorWeight)) / (MeetingsAsked + MeetingPriorWeight);

    /// <summary>The priors of an empty store, and the weights (in pairs, in meetings) of the shrinkage.</summary>
    public const double EngagementPrior = 0.1, PriorWeight = 10, MeetingPrior = 0.5, MeetingPriorWeight = 5;

    public ExporterHistory Add(IEnumerable<FeedbackEvent> pairEvents) => this + Of(pairEvents);
}
