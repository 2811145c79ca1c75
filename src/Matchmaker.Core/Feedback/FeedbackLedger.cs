using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace Matchmaker.Feedback;

/// <summary>
/// Every feedback event in memory, by exporter and pair, for the exporter-history features.
/// Readers never lock: each exporter's entry is an immutable snapshot replaced on write (sharing
/// its unchanged pairs with the one it replaces), so a match request scoring 500 candidates does
/// 500 dictionary reads, and an epoch freezes the ledger by keeping references. The store stays the system of
/// record; this is rebuilt from it at start-up.
/// </summary>
public sealed class FeedbackLedger : ExporterHistorySource
{
    private readonly ConcurrentDictionary<string, ExporterEntry> _byExporter = new(StringComparer.Ordinal);
    private readonly Lock _writeLock = new();
    private long _lastSequence;

    // The population's totals, boxed so that readers swap in a whole one, never half of it.
    private object _population = ExporterHistory.None;

    /// <summary>The highest store sequence number of the events added so far.</summary>
    public long LastSequence => Interlocked.Read(ref _lastSequence);

    public void Add(IReadOnlyList<FeedbackEvent> events)
    {
        lock (_writeLock)
        {
            var population = Population;
            foreach (var group in events.GroupBy(e => e.ExporterId, StringComparer.Ordinal))
            {
                // Readers see the old entry or the new one, never a half-written one.
                var old = _byExporter.GetValueOrDefault(group.Key, ExporterEntry.Empty);
                var entry = old.With(group);
                _byExporter[group.Key] = entry;
                population = population - old.Total + entry.Total;
            }

            Volatile.Write(ref _population, population);

            if (events.Count > 0)
            {
                Interlocked.Exchange(ref _lastSequence, Math.Max(LastSequence, events.Max(e => e.Sequence)));
            }
        }
    }

    /// <summary>The events of one pair, oldest first.</summary>
    public IReadOnlyList<FeedbackEvent> PairEvents(string inquiryId, string exporterId) =>
        _byExporter.TryGetValue(exporterId, out var entry) && entry.Pairs.TryGetValue(inquiryId, out var events)
            ? [.. events.OrderBy(e => e.OccurredAt).ThenBy(e => e.Sequence)]
            : [];

    /// <summary>Every pair that has feedback, as (inquiry, exporter).</summary>
    public IEnumerable<(string InquiryId, string ExporterId)> Pairs() =>
        _byExporter.SelectMany(x => x.Value.Pairs.Keys.Select(q => (q, x.Key)));

    public override ExporterHistory HistoryOf(string exporterId, string excludeInquiryId, DateTimeOffset? asOf = null) =>
        _byExporter.TryGetValue(exporterId, out var entry) ? entry.HistoryExcept(excludeInquiryId, asOf) : ExporterHistory.None;

    public override ExporterHistory Population => (ExporterHistory)Volatile.Read(ref _population);

    /// <summary>Every exporter's record as it is now, frozen, with the sequence number it reflects.</summary>
    public HistorySnapshot Snapshot()
    {
        lock (_writeLock)
        {
            return new HistorySnapshot(_byExporter.ToFrozenDictionary(StringComparer.Ordinal), Population, LastSequence);
        }
    }
}
