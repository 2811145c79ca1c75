namespace Matchmaker.Feedback;

/// <summary>One exporter's feedback: events by inquiry, and the totals over all its pairs. Immutable.</summary>
internal sealed record ExporterEntry(Dictionary<string, FeedbackEvent[]> Pairs, ExporterHistory Total)
{
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
