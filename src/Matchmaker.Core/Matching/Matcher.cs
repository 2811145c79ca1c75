using Matchmaker.Features;
using Matchmaker.Index;
using Matchmaker.Profiles;
using Matchmaker.Ranking;

namespace Matchmaker.Matching;

/// <summary>
/// Answers "which exporters fit this inquiry?" and the reverse: retrieve candidates from the index,
/// compute one feature vector per pair, score the batch with the active ranker, explain the top.
/// Serving reads one statistics epoch and one ranker per request; <paramref name="liveFeatures"/>
/// (current product space and feedback) serves rows computed after the fact for training.
/// </summary>
public sealed class Matcher(SearchIndex index, StatisticsEpochs epochs, FeatureExtractor liveFeatures, ActiveModel model,
    TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>Active exporters ranked for an inquiry.</summary>
    public MatchResult MatchInquiry(Inquiry inquiry, ExporterFilter filter, MatchOptions options)
    {
        var (epoch, ranker, sequence) = Begin();
        var candidates = CandidateRetriever.Retrieve(index, epoch.Text,
            QueryFactory.Hs(inquiry.HsCodes),
            QueryFactory.Text(QueryFactory.QueryTextOf(inquiry)),
            QueryFactory.ActiveExporters,
            QueryFactory.ExporterFilter(filter),
            options.CandidateCount,
            index.Exporters);
        options.Cancellation.ThrowIfCancellationRequested();
        var pairs = candidates.Select(c => (inquiry, c.Record, c.TextScore)).ToList();
        return Rank(epoch, ranker, sequence, pairs, options, p => (p.Exporter.Id, p.Exporter.Name), expiresAt: null);
    }

    /// <summary>Open, unexpired inquiries ranked for an exporter.</summary>
    public MatchResult MatchExporter(Exporter exporter, InquiryFilter filter, MatchOptions options)
    {
        var (epoch, ranker, sequence) = Begin();
        var candidates = CandidateRetriever.Retrieve(index, epoch.Text,
            QueryFactory.Hs(exporter.Products.Select(p => p.HsCode)),
            QueryFactory.Text(QueryFactory.QueryTextOf(exporter)),
            QueryFactory.OpenInquiries,
            QueryFactory.InquiryFilter(filter, _clock.GetUtcNow()),
            options.CandidateCount,
            index.Inquiries);
        options.Cancellation.ThrowIfCancellationRequested();
        var pairs = candidates.Select(c => (c.Record, exporter, c.TextScore)).ToList();
        // The list holds while every candidate is unexpired: one dropping out can change the others' text scores.
        var expiresAt = pairs.Select(p => p.Record.ValidUntil).Where(v => v is not null).Min();
        return Rank(epoch, ranker, sequence, pairs, options, e => (e.Inquiry.Id, e.Inquiry.Title), expiresAt);
    }

    /// <summary>
    /// Given exporters (an event's participants) ranked for an inquiry, with the match engine's
    /// reasons: text relevance is measured against the candidates serving retrieves for the inquiry,
    /// as in <see cref="MatchInquiry"/>, so scores compare with the portal's.
    /// </summary>
    /// <param name="top">How many to list (all when 0).</param>
    /// <param name="reasons">Explain each listed match (a schedule needs only the scores).</param>
    public MatchResult MatchInquiryAmong(Inquiry inquiry, IReadOnlyList<Exporter> exporters, int top = 0, bool reasons = true)
    {
        var (epoch, ranker, sequence) = Begin();
        var (maxCandidate, scores) = CandidateRetriever.TextScores(index,
            QueryFactory.Hs(inquiry.HsCodes),
            QueryFactory.Text(QueryFactory.QueryTextOf(inquiry)),
            QueryFactory.ActiveExporters,
            MatchOptions.RankedCandidates,
            [.. exporters.Select(e => e.Id)]);
        var pairs = exporters.Select(e => (inquiry, e, scores.GetValueOrDefault(e.Id))).ToList();
        var maxText = Math.Max(maxCandidate, pairs.Count == 0 ? 0f : pairs.Max(p => p.Item3));
        return Rank(epoch, ranker, sequence, pairs, new MatchOptions(top > 0 ? top : Math.Max(1, exporters.Count)), p => (p.Exporter.Id, p.Exporter.Name),
            expiresAt: null, maxText, reasons);
    }

    /// <summary>
    /// Feature vectors for pairs that were never served (imported history), computed as serving
    /// would have: text relevance against the candidates serving retrieves for the inquiry, the
    /// exporter's history as of each pair's <c>AsOf</c>.
    /// </summary>
    public List<float[]> FeaturesFor(Inquiry inquiry, IReadOnlyList<(Exporter Exporter, DateTimeOffset? AsOf)> exporters)
    {
        var (maxCandidate, scores) = CandidateRetriever.TextScores(index,
            QueryFactory.Hs(inquiry.HsCodes),
            QueryFactory.Text(QueryFactory.QueryTextOf(inquiry)),
            QueryFactory.ActiveExporters,
            MatchOptions.RankedCandidates,
            [.. exporters.Select(e => e.Exporter.Id)]);
        var rows = new List<float[]>(exporters.Count);
        foreach (var (exporter, asOf) in exporters)
        {
            var score = scores.GetValueOrDefault(exporter.Id);
            var max = Math.Max(maxCandidate, score);
            rows.Add(liveFeatures.Extract(inquiry, exporter, max > 0 ? score / max : 0, asOf));
        }

        return rows;
    }

    /// <summary>
    /// Candidates serving ranks for the inquiry (the first <see cref="MatchOptions.RankedCandidates"/>
    /// of retrieval) other than <paramref name="except"/>: at most <paramref name="cap"/> of them, a
    /// sample fixed by the inquiry's and exporters' ids (the same on every run), in id order, with
    /// their feature vectors as of <paramref name="asOf"/>. A training export adds them as candidates
    /// the buyer never saw.
    /// </summary>
    public List<(string ExporterId, float[] Features)> Unshown(Inquiry inquiry, IReadOnlySet<string> except, int cap, DateTimeOffset? asOf)
    {
        var candidates = CandidateRetriever.Retrieve(index, epochs.Current.Text,
            QueryFactory.Hs(inquiry.HsCodes),
            QueryFactory.Text(QueryFactory.QueryTextOf(inquiry)),
            QueryFactory.ActiveExporters,
            QueryFactory.ExporterFilter(ExporterFilter.None),
            MatchOptions.RankedCandidates,
            index.Exporters);
        var max = candidates.Count == 0 ? 0f : candidates.Max(c => c.TextScore);
        return [.. candidates
            .Where(c => !except.Contains(c.Record.Id))
            .OrderBy(c => SampleKey(inquiry.Id, c.Record.Id)).ThenBy(c => c.Record.Id, StringComparer.Ordinal)
            .Take(Math.Max(0, cap))
            .OrderBy(c => c.Record.Id, StringComparer.Ordinal)
            .Select(c => (c.Record.Id, liveFeatures.Extract(inquiry, c.Record, max > 0 ? c.TextScore / max : 0, asOf)))];
    }

    /// <summary>FNV-1a of the two ids: a random-looking order that is the same on every machine and run.</summary>
    private static uint SampleKey(string inquiryId, string exporterId)
    {
        var hash = 2166136261u;
        foreach (var c in inquiryId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        hash = (hash ^ '\n') * 16777619u;
        foreach (var c in exporterId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }

    /// <summary>
    /// What one request works with from start to end, even if a model is activated or an epoch
    /// published meanwhile. The sequence is read before the searcher is acquired, so the list
    /// reflects at least every change up to it.
    /// </summary>
    private (StatisticsEpoch Epoch, Ranker Ranker, long Sequence) Begin() => (epochs.Current, model.Current, index.VisibleSequence);

    private MatchResult Rank(StatisticsEpoch epoch, Ranker ranker, long sequence, List<(Inquiry Inquiry, Exporter Exporter, float TextScore)> pairs,
        MatchOptions options, Func<(Inquiry Inquiry, Exporter Exporter), (string Id, string Name)> shown, DateTimeOffset? expiresAt,
        float? textNormalizer = null, bool reasons = true)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var features = epoch.Features();
        var text = new FeatureText(features);
        const int width = FeatureSchema.Count;

        // The first RankedCandidates of retrieval are ranked as one list whatever top_k is; a longer list's
        // further candidates follow them, ranked among themselves (text relevance over all of them).
        var head = textNormalizer is null ? Math.Min(pairs.Count, MatchOptions.RankedCandidates) : pairs.Count;
        var headText = textNormalizer ?? MaxTextScore(pairs, 0, head);
        var tailText = Math.Max(headText, MaxTextScore(pairs, head, pairs.Count));
        var rows = new float[pairs.Count * width];
        for (var i = 0; i < pairs.Count; i++)
        {
            if ((i & 63) == 63)
            {
                options.Cancellation.ThrowIfCancellationRequested();
            }

            var max = i < head ? headText : tailText;
            features.Extract(pairs[i].Inquiry, pairs[i].Exporter, max > 0 ? pairs[i].TextScore / max : 0, rows.AsSpan(i * width, width));
        }

        var scores = new double[pairs.Count];
        ranker.ScoreBatch(rows, scores, width);
        var scoring = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;

        // Ties broken by id so the same data always gives the same list.
        IEnumerable<int> Order(int from, int to) => Enumerable.Range(from, to - from)
            .OrderByDescending(i => scores[i])
            .ThenBy(i => shown((pairs[i].Inquiry, pairs[i].Exporter)).Id, StringComparer.Ordinal);

        var order = Order(0, head).Concat(Order(head, pairs.Count)).Take(options.TopK).ToList();
        var now = _clock.GetUtcNow();
        var ranked = new List<RankedMatch>(order.Count);
        var scored = new List<ScoredPair>(order.Count);
        var reference = Reference(rows, head);

        // The listed rows' contributions in one batch; reasons are worded against the same row they are measured from.
        var contributions = reasons ? new double[order.Count * width] : [];
        if (reasons)
        {
            var listed = new float[order.Count * width];
            for (var k = 0; k < order.Count; k++)
            {
                rows.AsSpan(order[k] * width, width).CopyTo(listed.AsSpan(k * width, width));
            }

            ranker.ContributionsBatch(listed, reference, contributions, width);
        }

        var reasonReference = reference.Length > 0 ? reference : ranker.OwnReference.ToArray();
        for (var k = 0; k < order.Count; k++)
        {
            var i = order[k];
            var (inquiry, exporter, _) = pairs[i];
            var row = rows.AsSpan(i * width, width);
            var (id, name) = shown((inquiry, exporter));
            List<MatchReason> why = [];
            if (reasons)
            {
                why = Reasons(ranker, text, inquiry, exporter, row, reasonReference, new ArraySegment<double>(contributions, k * width, width), options.Explain);
            }

            ranked.Add(new RankedMatch(id, name, ranked.Count + 1, Math.Round(scores[i], 6), why));
            scored.Add(new ScoredPair(inquiry.Id, inquiry.Version, exporter.Id, exporter.Version, ranked.Count, scores[i], row.ToArray()));
        }

        return new MatchResult(ranked, ranker.Version, now, pairs.Count)
        {
            EpochId = epoch.Id,
            ComputedAtSequence = sequence,
            ExpiresAt = expiresAt,
            Pairs = scored,
            ScoringSeconds = scoring,
        };
    }

    private static float MaxTextScore(List<(Inquiry Inquiry, Exporter Exporter, float TextScore)> pairs, int from, int to)
    {
        var max = 0f;
        for (var i = from; i < to; i++)
        {
            max = Math.Max(max, pairs[i].TextScore);
        }

        return max;
    }

    /// <summary>Reasons compare a match with this list's other candidates.</summary>
    private const int MinCandidatesForReference = 5;

    /// <summary>
    /// The candidates' mean row: a feature every candidate shares (no one has feedback yet, say)
    /// then explains nothing, instead of being every match's top reason. With fewer than
    /// <see cref="MinCandidatesForReference"/> candidates the model's training means serve instead.
    /// </summary>
    private static float[] Reference(float[] rows, int count)
    {
        if (count < MinCandidatesForReference)
        {
            return [];
        }

        var mean = new float[FeatureSchema.Count];
        for (var i = 0; i < count; i++)
        {
            for (var f = 0; f < mean.Length; f++)
            {
                mean[f] += rows[(i * FeatureSchema.Count) + f] / count;
            }
        }

        return mean;
    }

    /// <summary>A contribution that rounds to this or less is no reason (no "+0.000" rows).</summary>
    internal const double NoContribution = 0.0005;

    /// <summary>
    /// Largest contribution first; without explain, the three that helped most. Words agree with the sign:
    /// a sentence that speaks for the match is never shown as counting against it, unless its value is below
    /// the other candidates' (then it says so), and one that speaks against it never as counting for it.
    /// A learned model can weigh a value against the usual direction (no text match raising a score); such a
    /// reason is left out of the short list and, with explain, says it is the model's learned pattern.
    /// </summary>
    internal static List<MatchReason> Reasons(Ranker ranker, FeatureText text, Inquiry inquiry, Exporter exporter, ReadOnlySpan<float> row,
        ReadOnlySpan<float> reference, ArraySegment<double> contributions, bool explain)
    {
        var features = Enumerable.Range(0, FeatureSchema.Count)
            .Where(f => (ranker is not BaselineRanker || BaselineRanker.Uses(f)) && Math.Abs(contributions[f]) >= NoContribution)
            .OrderByDescending(f => contributions[f])
            .ThenBy(f => f)
            .ToList();
        var reasons = new List<MatchReason>(explain ? features.Count : 3);
        foreach (var f in features)
        {
            var c = contributions[f];
            var sentence = text.Describe(f, inquiry, exporter, row);
            var polarity = FeatureText.Polarity(f, inquiry, exporter, row);
            var below = !reference.IsEmpty && row[f] < reference[f];
            var agrees = c > 0 ? polarity >= 0 : polarity <= 0 || below;
            if (!explain && (c <= 0 || !agrees))
            {
                continue;
            }

            var words = !agrees ? $"{sentence} (the model counts this {(c > 0 ? "for" : "against")} it: a pattern learned from past outcomes, not a rule)"
                : c < 0 && polarity > 0 ? $"{sentence}, less than the other candidates here"
                : sentence;
            reasons.Add(new MatchReason(FeatureSchema.Names[f], Math.Round(row[f], 6), Math.Round(c, 6), words));
            if (!explain && reasons.Count == 3)
            {
                break;
            }
        }

        return reasons;
    }
}
