using Matchmaker.Feedback;
using Matchmaker.Matching;
using Matchmaker.Profiles;
using Matchmaker.Store;

namespace Matchmaker.TrainingData;

/// <summary>What an export holds besides the served rows.</summary>
/// <param name="ServedOnly">Leave out imported history (pairs with feedback that were never served).</param>
/// <param name="UnshownPerInquiry">
/// For every inquiry with a positive label, up to this many candidates that retrieval finds for it and
/// that were never shown, as label-0 rows ("unshown"); 0 leaves them out.
/// </param>
public sealed record TrainingExportOptions(bool ServedOnly = false, int UnshownPerInquiry = TrainingExportOptions.DefaultUnshownPerInquiry)
{
    /// <summary>Half of the candidates serving ranks (<see cref="MatchOptions.RankedCandidates"/>), a sample fixed by ids.</summary>
    public const int DefaultUnshownPerInquiry = 100;

    public const int MaxUnshownPerInquiry = MatchOptions.RankedCandidates;
}

/// <summary>
/// Joins what was served with what happened. Every served pair becomes a row with the features the
/// model saw (label 0 when the buyer did nothing with it: being listed is an impression). When a
/// pair was served more than once, the row is the last serve before the buyer first acted on it,
/// the list the decision was made on; a pair served only after the buyer acted, or whose history
/// (even an impression) predates every serve of ours (a list served today for last year's
/// imported history), is not a serve anything happened on, and is exported as "computed" like one
/// never served. Pairs that have feedback but were never served (history
/// imported from files) get features computed now, as of their first event, marked "computed".
/// Then, per inquiry, candidates retrieval finds that were never shown ("unshown", label 0): serving
/// ranks about 200 candidates, a portal shows about 20, and a model trained on the shown ones only
/// never sees most of what it must rank. Rows come grouped by inquiry, the unit ranking is trained
/// and evaluated on, and the served log is read one inquiry at a time, so memory holds one
/// inquiry's serves plus the feedback pairs.
/// </summary>
public sealed class TrainingDataExporter(ServedLog servedLog, FeedbackLedger ledger, IRecordStore store, Matcher matcher)
{
    /// <summary>A portal's event stamped this much before the serve it followed still counts as following it (clocks differ).</summary>
    public static readonly TimeSpan ServeClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Every row, once the lists served a moment ago have left the log's queue.</summary>
    public async IAsyncEnumerable<TrainingExample> ExportAsync(TrainingExportOptions options,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await servedLog.FlushAsync(cancellationToken).ConfigureAwait(false);
        foreach (var example in Export(options))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return example;
        }
    }

    /// <summary>Every row; pairs whose inquiry or exporter is no longer stored are left out.</summary>
    public IEnumerable<TrainingExample> Export(TrainingExportOptions options)
    {
        // Feedback pairs by inquiry: those not served are computed with their inquiry's group.
        var unserved = options.ServedOnly
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
                foreach (var row in Group(current, group, unserved, options))
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
            foreach (var row in Group(current, group, unserved, options))
            {
                yield return row;
            }
        }

        foreach (var inquiryId in unserved.Keys.Order(StringComparer.Ordinal).ToList())
        {
            foreach (var row in Group(inquiryId, [], unserved, options))
            {
                yield return row;
            }
        }
    }

    /// <summary>One inquiry's rows: its served pairs, its feedback pairs that were never served, then candidates never shown.</summary>
    private List<TrainingExample> Group(string inquiryId, List<(ScoredPair Pair, string Model, DateTimeOffset At)> serves,
        Dictionary<string, HashSet<string>> unserved, TrainingExportOptions options)
    {
        var rows = new List<TrainingExample>();
        var known = new HashSet<string>(StringComparer.Ordinal);
        var servedLate = new List<string>();
        foreach (var byExporter in serves.GroupBy(s => s.Pair.ExporterId, StringComparer.Ordinal))
        {
            known.Add(byExporter.Key);
            var events = ledger.PairEvents(inquiryId, byExporter.Key);
            var firstAction = events.Where(e => e.Kind != FeedbackKind.Impression).Select(e => (DateTimeOffset?)e.OccurredAt).FirstOrDefault();
            var before = byExporter.Where(s => firstAction is null || s.At <= firstAction).OrderBy(s => s.At).ToList();
            // History from before any of our serves (imported, even an impression only) came from another
            // list: a later serve, a debug query say, is not the list it happened on.
            var historyFirst = events.Count > 0 && byExporter.All(s => events[0].OccurredAt < s.At - ServeClockSkew);
            if (before.Count == 0 || historyFirst)
            {
                servedLate.Add(byExporter.Key); // features as of the first event, like history never served
                continue;
            }

            var chosen = before[^1];
            rows.Add(new TrainingExample(inquiryId, byExporter.Key, FeedbackGains.Label(events), chosen.Pair.Features, TrainingExample.Served,
                chosen.Model, chosen.At, chosen.Pair.Position));
        }

        var computedIds = unserved.Remove(inquiryId, out var ids) ? ids : [];
        computedIds.ExceptWith(rows.Select(r => r.ExporterId));
        computedIds.UnionWith(servedLate);
        known.UnionWith(computedIds);
        var wantsUnshown = options.UnshownPerInquiry > 0;
        if (computedIds.Count == 0 && !(wantsUnshown && rows.Any(r => r.Label > 0)))
        {
            return rows;
        }

        if (store.Table<Inquiry>().Get(inquiryId) is not { } inquiry)
        {
            return rows;
        }

        var computed = new List<(Exporter, DateTimeOffset?)>();
        var labels = new List<int>();
        var positions = new List<int>();
        foreach (var exporterId in computedIds.Order(StringComparer.Ordinal))
        {
            if (store.Table<Exporter>().Get(exporterId) is { } exporter)
            {
                var events = ledger.PairEvents(inquiryId, exporterId);
                computed.Add((exporter, events.Count > 0 ? events[0].OccurredAt : null));
                labels.Add(FeedbackGains.Label(events));
                positions.Add(events.Select(e => e.Position).FirstOrDefault(p => p > 0));
            }
        }

        var features = computed.Count > 0 ? matcher.FeaturesFor(inquiry, computed) : [];
        for (var i = 0; i < computed.Count; i++)
        {
            rows.Add(new TrainingExample(inquiryId, computed[i].Item1.Id, labels[i], features[i], TrainingExample.Computed, Position: positions[i]));
        }

        if (wantsUnshown && rows.Any(r => r.Label > 0))
        {
            // As of the moment the buyer first saw a list: the first serve, else the first event.
            var asOf = serves.Select(s => (DateTimeOffset?)s.At)
                .Concat(computed.Select(c => c.Item2))
                .Where(t => t is not null).Min();
            foreach (var (exporterId, row) in matcher.Unshown(inquiry, known, options.UnshownPerInquiry, asOf))
            {
                rows.Add(new TrainingExample(inquiryId, exporterId, 0, row, TrainingExample.Unshown));
            }
        }

        return rows;
    }
}
