using System.Collections.Immutable;

namespace Matchmaker.Feedback;

/// <summary>
/// One exporter's feedback: events by inquiry, and the totals over all its pairs. Immutable; an
/// event adds a new entry that shares all other pairs with the old one (a persistent map), so a
/// popular exporter's next event costs O(log pairs), not a copy of everything it has.
/// </summary>
internal sealed record ExporterEntry(ImmutableDictionary<string, FeedbackEvent[]> Pairs, ExporterHistory Total)
{
    public static ExporterEntry Empty { get; } = new(ImmutableDictionary.Create<string, FeedbackEvent[]>(StringComparer.Ordinal), ExporterHistory.None);

    /// <summary>This entry with <paramref name="events"/> (all of this exporter) added to their pairs; the totals follow the changed pairs only.</summary>
    public ExporterEntry With(IEnumerable<FeedbackEvent> events)
    {
        var pairs = Pairs.ToBuilder();
        var total = Total;
        foreach (var pair in events.GroupBy(e => e.InquiryId, StringComparer.Ordinal))
        {
            FeedbackEvent[] merged;
            if (pairs.TryGetValue(pair.Key, out var old))
            {
                total -= ExporterHistory.Of(old);
                merged = [.. old, .. pair];
            }
            else
            {
                merged = [.. pair];
            }

            total += ExporterHistory.Of(merged);
            pairs[pair.Key] = merged;
        }

        return new ExporterEntry(pairs.ToImmutable(), total);
    }

    /// <summary>The record without one pair (no leak of the outcome being predicted), optionally as of a moment.</summary>
    public ExporterHistory HistoryExcept(string excludeInquiryId, DateTimeOffset? asOf)
    {
        if (asOf is null)
        {
            return Pairs.TryGetValue(excludeInquiryId, out var own) ? Total - ExporterHistory.Of(own) : Total;
        }

        var history = ExporterHistory.None;
        foreach (var (inquiryId, events) in Pairs)
        {
            if (!string.Equals(inquiryId, excludeInquiryId, StringComparison.Ordinal))
            {
                history = history.Add(events.Where(e => e.OccurredAt < asOf.Value));
            }
        }

        return history;
    }
}
