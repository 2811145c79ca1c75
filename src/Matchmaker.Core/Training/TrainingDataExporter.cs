using Matchmaker.Feedback;
using Matchmaker.Matching;
using Matchmaker.Store;

namespace Matchmaker.Training;

/// <summary>
/// Joins what was served with what happened. Every served pair becomes a row with the features the
/// model saw (label 0 when the buyer did nothing with it: being listed is an impression). When a
/// pair was served more than once, the row is the last serve before the buyer first acted on it,
/// the list the decision was made on. Pairs that have feedback but were never served (history
/// imported from files) get features computed now, as of their first event, marked "computed".
/// Rows come grouped by inquiry, the unit ranking is trained and evaluated on.
/// </summary>
public sealed class TrainingDataExporter(ServedLog servedLog, FeedbackLedger ledger, IRecordStore store, Matcher matcher)
{
    /// <param name="skipped">Pairs left out because a profile they name is no longer stored.</param>
    public IEnumerable<TrainingExample> Export(bool servedOnly, Action<long>? skipped = null)
    {
        var served = new Dictionary<(string, string), List<(ServedPair Pair, string Model, DateTimeOffset At)>>();
        foreach (var (pair, model, schema, at) in servedLog.ReadAll())
        {
            if (schema != Features.FeatureSchema.Hash)
            {
                continue; // logged under another feature schema: columns would not line up
            }

            var key = (pair.InquiryId, pair.ExporterId);
            if (!served.TryGetValue(key, out var list))
            {
                served[key] = list = [];
            }

            list.Add((pair, model, at));
        }

        var byInquiry = new SortedDictionary<string, List<(string Exporter, bool Served)>>(StringComparer.Ordinal);
        foreach (var (inquiryId, exporterId) in served.Keys)
        {
            Add(byInquiry, inquiryId, exporterId, true);
        }

        if (!servedOnly)
        {
            foreach (var (inquiryId, exporterId) in ledger.Pairs())
            {
                if (!served.ContainsKey((inquiryId, exporterId)))
                {
                    Add(byInquiry, inquiryId, exporterId, false);
                }
            }
        }

        long missing = 0;
        foreach (var (inquiryId, pairs) in byInquiry)
        {
            var computed = new List<(Profiles.Exporter, DateTimeOffset?)>();
            foreach (var (exporterId, isServed) in pairs.OrderBy(p => p.Exporter, StringComparer.Ordinal))
            {
                var events = ledger.PairEvents(inquiryId, exporterId);
                var label = FeedbackGains.Label(events);
                if (isServed)
                {
                    var firstAction = events.Where(e => e.Kind != FeedbackKind.Impression).Select(e => (DateTimeOffset?)e.OccurredAt).FirstOrDefault();
                    var serves = served[(inquiryId, exporterId)];
                    var chosen = serves.Where(s => firstAction is null || s.At <= firstAction).DefaultIfEmpty(serves[0]).Last();
                    yield return new TrainingExample(inquiryId, exporterId, label, chosen.Pair.Features, TrainingExample.Served,
                        chosen.Model, chosen.At, chosen.Pair.Position);
                }
                else if (store.GetExporter(exporterId) is { } exporter)
                {
                    computed.Add((exporter, events.Count > 0 ? events[0].OccurredAt : null));
                }
                else
                {
                    missing++;
                }
            }

            if (computed.Count == 0)
            {
                continue;
            }

            if (store.GetInquiry(inquiryId) is not { } inquiry)
            {
                missing += computed.Count;
                continue;
            }

            var rows = matcher.FeaturesFor(inquiry, computed);
            for (var i = 0; i < computed.Count; i++)
            {
                var exporterId = computed[i].Item1.Id;
                var label = FeedbackGains.Label(ledger.PairEvents(inquiryId, exporterId));
                yield return new TrainingExample(inquiryId, exporterId, label, rows[i], TrainingExample.Computed);
            }
        }

        skipped?.Invoke(missing);
    }

    private static void Add(SortedDictionary<string, List<(string, bool)>> byInquiry, string inquiryId, string exporterId, bool isServed)
    {
        if (!byInquiry.TryGetValue(inquiryId, out var list))
        {
            byInquiry[inquiryId] = list = [];
        }

        list.Add((exporterId, isServed));
    }
}
