using Matchmaker.Feedback;
using Matchmaker.Matching;
using Matchmaker.Profiles;
using Matchmaker.Store;

namespace Matchmaker.TrainingData;

/// <summary>
/// Joins what was served with what happened. Every served pair becomes a row with the features the
/// model saw (label 0 when the buyer did nothing with it: being listed is an impression). When a
/// pair was served more than once, the row is the last serve before the buyer first acted on it,
/// the list the decision was made on. Pairs that have feedback but were never served (history
/// imported from files) get features computed now, as of their first event, marked "computed".
/// Rows come grouped by inquiry, the unit ranking is trained and evaluated on, and the served log
/// is read one inquiry at a time, so memory holds one inquiry's serves plus the feedback pairs.
/// </summary>
public sealed class TrainingDataExporter(ServedLog servedLog, FeedbackLedger ledger, IRecordStore store, Matcher matcher)
{
    /// <summary>Every row, once the lists served a moment ago have left the log's queue.</summary>
    public async IAsyncEnumerable<TrainingExample> ExportAsync(bool servedOnly,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await servedLog.FlushAsync(cancellationToken).ConfigureAwait(false);
        foreach (var example in Export(servedOnly))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return example;
        }
    }

    /// <summary>Every row; pairs whose inquiry or exporter is no longer stored are left out.</summary>
    public IEnumerable<TrainingExample> Export(bool servedOnly)
    {
        // Feedback pairs by inquiry: those not served are computed with their inquiry's group.
        var unserved = servedOnly
            ? []
            : ledger.Pairs().GroupBy(p => p.InquiryId, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(p => p.ExporterId).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var group = new List<(ScoredPair Pair, string Model, DateTimeOffset At)>();
        string? current = null;
        foreach (var (pair, model, schema, at) in servedLog.ReadByInquiry())
        {
            if (schema != Features.FeatureSchema.Hash)
            {
                continue; // logged under another feature schema: columns would not line up
            }

            if (current is not null && !string.Equals(pair.InquiryId, current, StringComparison.Ordinal))
            {
                foreach (var row in Group(current, group, unserved))
                {
                    yield return row;
                }

                group.Clear();
            }

            current = pair.InquiryId;
            group.Add((pair, model, at));
        }

        if (current is not null)
        {
            foreach (var row in Group(current, group, unserved))
            {
                yield return row;
            }
        }

        foreach (var inquiryId in unserved.Keys.Order(StringComparer.Ordinal).ToList())
        {
            foreach (var row in Group(inquiryId, [], unserved))
            {
                yield return row;
            }
        }
    }

    /// <summary>One inquiry's rows: its served pairs, then its feedback pairs that were never served.</summary>
    private List<TrainingExample> Group(string inquiryId, List<(ScoredPair Pair, string Model, DateTimeOffset At)> serves,
        Dictionary<string, HashSet<string>> unserved)
    {
        var rows = new List<TrainingExample>();
        foreach (var byExporter in serves.GroupBy(s => s.Pair.ExporterId, StringComparer.Ordinal))
        {
            var events = ledger.PairEvents(inquiryId, byExporter.Key);
            var firstAction = events.Where(e => e.Kind != FeedbackKind.Impression).Select(e => (DateTimeOffset?)e.OccurredAt).FirstOrDefault();
            var ordered = byExporter.OrderBy(s => s.At).ToList();
            var chosen = ordered.Where(s => firstAction is null || s.At <= firstAction).DefaultIfEmpty(ordered[0]).Last();
            rows.Add(new TrainingExample(inquiryId, byExporter.Key, FeedbackGains.Label(events), chosen.Pair.Features, TrainingExample.Served,
                chosen.Model, chosen.At, chosen.Pair.Position));
        }

        if (!unserved.Remove(inquiryId, out var exporterIds))
        {
            return rows;
        }

        exporterIds.ExceptWith(rows.Select(r => r.ExporterId));
        var computed = new List<(Exporter, DateTimeOffset?)>();
        var labels = new List<int>();
        foreach (var exporterId in exporterIds.Order(StringComparer.Ordinal))
        {
            if (store.Table<Exporter>().Get(exporterId) is { } exporter)
            {
                var events = ledger.PairEvents(inquiryId, exporterId);
                computed.Add((exporter, events.Count > 0 ? events[0].OccurredAt : null));
                labels.Add(FeedbackGains.Label(events));
            }
        }

        if (computed.Count == 0)
        {
            return rows;
        }

        if (store.Table<Inquiry>().Get(inquiryId) is not { } inquiry)
        {
            return rows;
        }

        var features = matcher.FeaturesFor(inquiry, computed);
        for (var i = 0; i < computed.Count; i++)
        {
            rows.Add(new TrainingExample(inquiryId, computed[i].Item1.Id, labels[i], features[i], TrainingExample.Computed));
        }

        return rows;
    }
}
