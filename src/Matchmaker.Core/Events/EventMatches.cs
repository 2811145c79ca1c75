using Matchmaker.Feedback;
using Matchmaker.Matching;
using Matchmaker.Profiles;
using Matchmaker.Store;

namespace Matchmaker.Events;

/// <summary>
/// The match engine inside one event: how well each buyer's inquiries fit the event's exporters, as
/// the active ranker scores them. Suggestions (whom to ask) and schedule values both come from here,
/// and buyer–exporter requests, declines and outcomes become ranker feedback through it.
/// </summary>
public sealed class EventMatches(ChangeFeed changes, EventRosters rosters, Matcher matcher, FeedbackRecorder feedback, TimeProvider? clock = null)
{
    private readonly IRecordTable<Inquiry> _inquiries = changes.Store.Table<Inquiry>();
    private readonly IRecordTable<Exporter> _exporters = changes.Store.Table<Exporter>();
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>One counterpart for a participant: its score, the inquiry it is best for, and the engine's reasons.</summary>
    public sealed record Suggestion(Participant Counterpart, double Score, string InquiryId, IReadOnlyList<MatchReason> Reasons);

    /// <summary>The best-fitting buyer–exporter pairs' scores: buyer participant id → exporter participant id → (score, inquiry).</summary>
    public IReadOnlyDictionary<string, Dictionary<string, (double Score, string InquiryId)>> Scores(string eventId)
    {
        var roster = rosters.Of(eventId).ById.Values.ToList();
        var exporters = ExportersOf(roster);
        var participantOf = exporters.ToDictionary(e => e.Exporter.Id, e => e.Participant, StringComparer.Ordinal);
        var result = new Dictionary<string, Dictionary<string, (double, string)>>(StringComparer.Ordinal);
        foreach (var buyer in roster.Where(p => p.Role == ParticipantRole.Buyer))
        {
            var best = new Dictionary<string, (double Score, string InquiryId)>(StringComparer.Ordinal);
            foreach (var inquiry in buyer.InquiryIds.Select(_inquiries.Get).OfType<Inquiry>())
            {
                foreach (var m in matcher.MatchInquiryAmong(inquiry, [.. exporters.Select(e => e.Exporter)], reasons: false).Matches)
                {
                    var participant = participantOf[m.Id];
                    if (!best.TryGetValue(participant.Id, out var b) || m.Score > b.Score)
                    {
                        best[participant.Id] = (m.Score, inquiry.Id);
                    }
                }
            }

            result[buyer.Id] = best;
        }

        return result;
    }

    /// <summary>
    /// Ranked counterparts for a participant among the event's participants only: exporters for a buyer,
    /// buyers for an exporter, each with the match engine's reasons.
    /// </summary>
    /// <exception cref="RuleViolationException">A consultant: the engine scores buyers against exporters only.</exception>
    public IReadOnlyList<Suggestion> Suggest(string eventId, Participant who, int top)
    {
        var roster = rosters.Of(eventId).ById.Values.ToList();
        var suggestions = new List<Suggestion>();
        switch (who.Role)
        {
            case ParticipantRole.Buyer:
                var exporters = ExportersOf(roster);
                var byExporter = exporters.ToDictionary(e => e.Exporter.Id, e => e.Participant, StringComparer.Ordinal);
                foreach (var inquiry in who.InquiryIds.Select(_inquiries.Get).OfType<Inquiry>())
                {
                    foreach (var m in matcher.MatchInquiryAmong(inquiry, [.. exporters.Select(e => e.Exporter)], top).Matches)
                    {
                        suggestions.Add(new Suggestion(byExporter[m.Id], m.Score, inquiry.Id, m.Reasons));
                    }
                }

                break;
            case ParticipantRole.Exporter:
                var exporter = _exporters.Get(who.ExporterId);
                foreach (var buyer in exporter is null ? [] : roster.Where(p => p.Role == ParticipantRole.Buyer))
                {
                    foreach (var inquiry in buyer.InquiryIds.Select(_inquiries.Get).OfType<Inquiry>())
                    {
                        var m = matcher.MatchInquiryAmong(inquiry, [exporter!], 1).Matches[0];
                        suggestions.Add(new Suggestion(buyer, m.Score, inquiry.Id, m.Reasons));
                    }
                }

                break;
            default:
                throw new RuleViolationException($"participant {who.Id}", Rule.Of("suggestions_for", $"suggestions are for buyers and exporters: the match engine scores buyers' inquiries against exporters"));
        }

        // Each counterpart once, for its best inquiry; ties by id so the same data gives the same list.
        return [.. suggestions.GroupBy(s => s.Counterpart.Id, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(s => s.Score).ThenBy(s => s.InquiryId, StringComparer.Ordinal).First())
            .OrderByDescending(s => s.Score).ThenBy(s => s.Counterpart.Id, StringComparer.Ordinal)
            .Take(top)];
    }

    /// <summary>The buyer's inquiry that fits the exporter best (of those the buyer brought to the event).</summary>
    public string BestInquiry(Participant buyer, Participant exporter)
    {
        var e = _exporters.Get(exporter.ExporterId);
        if (e is null || buyer.InquiryIds.Count <= 1)
        {
            return buyer.InquiryIds.Count > 0 ? buyer.InquiryIds[0] : "";
        }

        return buyer.InquiryIds.Select(_inquiries.Get).OfType<Inquiry>()
            .Select(q => (q.Id, Score: matcher.MatchInquiryAmong(q, [e], 1, reasons: false).Matches[0].Score))
            .OrderByDescending(x => x.Score).ThenBy(x => x.Id, StringComparer.Ordinal)
            .Select(x => x.Id).FirstOrDefault() ?? buyer.InquiryIds[0];
    }

    /// <summary>
    /// Records what happened between a buyer and an exporter of the event as ranker feedback, with the
    /// event id as its source. Pairs that are not a buyer and an exporter (two exporters, a consultant)
    /// teach the ranker nothing and are skipped, as is a pair whose inquiry or exporter is gone.
    /// </summary>
    /// <returns>Whether feedback was recorded.</returns>
    public bool Record(string eventId, Participant a, Participant b, string inquiryId, FeedbackKind kind, double valueUsd = 0)
    {
        var (buyer, exporter) = a.Role == ParticipantRole.Buyer && b.Role == ParticipantRole.Exporter ? (a, b)
            : b.Role == ParticipantRole.Buyer && a.Role == ParticipantRole.Exporter ? (b, a) : (null, null);
        if (buyer is null || exporter is null)
        {
            return false;
        }

        var inquiry = inquiryId.Length > 0 ? inquiryId : BestInquiry(buyer, exporter);
        try
        {
            feedback.RecordOne(new FeedbackEvent(inquiry, exporter.ExporterId, kind, _clock.GetUtcNow(), valueUsd, Source: eventId));
            return true;
        }
        catch (ValidationException)
        {
            // The inquiry or exporter was deleted since the participant joined: nothing to learn from.
            return false;
        }
    }

    private List<(Participant Participant, Exporter Exporter)> ExportersOf(IEnumerable<Participant> roster) =>
        [.. roster.Where(p => p.Role == ParticipantRole.Exporter)
            .Select(p => (p, _exporters.Get(p.ExporterId)))
            .Where(x => x.Item2 is not null)
            .Select(x => (x.p, x.Item2!))];
}
