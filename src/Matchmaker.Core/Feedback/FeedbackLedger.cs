using System.Collections.Concurrent;

namespace Matchmaker.Feedback;

/// <summary>
/// Every feedback event in memory, by exporter and pair, for the exporter-history features.
/// Readers never lock: each exporter's entry is an immutable snapshot replaced on write, so a
/// match request scoring 500 candidates does 500 dictionary reads. The store stays the system of
/// record; this is rebuilt from it at start-up.
/// </summary>
public sealed class FeedbackLedger
{
    private readonly ConcurrentDictionary<string, ExporterEntry> _snapshot = new(StringComparer.Ordinal);
    private readonly Lock _writeLock = new();
    private long _events;

    public long EventCount => Interlocked.Read(ref _events);

    public void Add(IReadOnlyList<FeedbackEvent> events)
    {
        lock (_writeLock)
        {
            foreach (var group in events.GroupBy(e => e.ExporterId, StringComparer.Ordinal))
            {
                var pairs = _snapshot.TryGetValue(group.Key, out var entry)
                    ? new Dictionary<string, FeedbackEvent[]>(entry.Pairs, StringComparer.Ordinal)
                    : new Dictionary<string, FeedbackEvent[]>(StringComparer.Ordinal);
                foreach (var pair in group.GroupBy(e => e.InquiryId, StringComparer.Ordinal))
                {
                    pairs[pair.Key] = pairs.TryGetValue(pair.Key, out var old) ? [.. old, .. pair] : [.. pair];
                }

                var total = ExporterHistory.None;
                foreach (var pairEvents in pairs.Values)
                {
                    total = total.Add(pairEvents);
                }

                // Readers see the old entry or the new one, never a half-written one.
                _snapshot[group.Key] = new ExporterEntry(pairs, total);
            }

            Interlocked.Add(ref _events, events.Count);
        }
    }

    /// <summary>The events of one pair, oldest first.</summary>
    public IReadOnlyList<FeedbackEvent> PairEvents(string inquiryId, string exporterId) =>
        _snapshot.TryGetValue(exporterId, out var entry) && entry.Pairs.TryGetValue(inquiryId, out var events)
            ? [.. events.OrderBy(e => e.OccurredAt).ThenBy(e => e.Sequence)]
            : [];

    /// <summary>Every pair that has feedback, as (inquiry, exporter).</summary>
    public IEnumerable<(string InquiryId, string ExporterId)> Pairs() =>
        _snapshot.SelectMany(x => x.Value.Pairs.Keys.Select(q => (q, x.Key)));

    /// <summary>
    /// The exporter's record with every buyer except this pair's (no leak of the outcome being
    /// predicted). With <paramref name="asOf"/>, only events before that moment count, as they
    /// would have been known then; without it, everything known now.
    /// </summary>
    public ExporterHistory HistoryOf(string exporterId, string excludeInquiryId, DateTimeOffset? asOf = null)
    {
        if (!_snapshot.TryGetValue(exporterId, out var entry))
        {
            return ExporterHistory.None;
        }

        if (asOf is null)
        {
            return entry.Pairs.TryGetValue(excludeInquiryId, out var own) ? entry.Total - ExporterHistory.Of(own) : entry.Total;
        }

        var history = ExporterHistory.None;
        foreach (var (inquiryId, events) in entry.Pairs)
        {
            if (!string.Equals(inquiryId, excludeInquiryId, StringComparison.Ordinal))
            {
                history = history.Add(events.Where(e => e.OccurredAt < asOf.Value));
            }
        }

        return history;
    }

    private sealed record ExporterEntry(Dictionary<string, FeedbackEvent[]> Pairs, ExporterHistory Total);
}
