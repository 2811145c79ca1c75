using Matchmaker.Index;
using Matchmaker.Profiles;

namespace Matchmaker.Matching;

/// <summary>Answers "which exporters fit this inquiry?" and the reverse, from the index alone.</summary>
public sealed class Matcher(SearchIndex index, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>Active exporters ranked for an inquiry (stored or not).</summary>
    public MatchResult MatchInquiry(Inquiry inquiry, ExporterFilter filter, MatchOptions options)
    {
        var candidates = CandidateRetriever.Retrieve(index,
            QueryFactory.Hs(inquiry.HsCodes),
            QueryFactory.Text(inquiry.Title, inquiry.Description),
            QueryFactory.ActiveExporters,
            QueryFactory.ExporterFilter(filter),
            options.CandidateCount,
            DocumentFactory.ReadExporter);
        var maxText = MaxText(candidates);
        var scored = candidates.Select(c =>
        {
            var (score, reasons) = BaselineScorer.Score(inquiry, c.Record, c.TextScore / maxText);
            return (c.Record.Id, c.Record.Name, score, reasons);
        });
        return Rank(scored, candidates.Count, options);
    }

    /// <summary>Open, unexpired inquiries ranked for an exporter (stored or not).</summary>
    public MatchResult MatchExporter(Exporter exporter, InquiryFilter filter, MatchOptions options)
    {
        var candidates = CandidateRetriever.Retrieve(index,
            QueryFactory.Hs(exporter.Products.Select(p => p.HsCode)),
            QueryFactory.Text([exporter.Name, exporter.Description, .. exporter.Products.Select(p => p.Name)]),
            QueryFactory.OpenInquiries,
            QueryFactory.InquiryFilter(filter, _clock.GetUtcNow()),
            options.CandidateCount,
            DocumentFactory.ReadInquiry);
        var maxText = MaxText(candidates);
        var scored = candidates.Select(c =>
        {
            var (score, reasons) = BaselineScorer.Score(c.Record, exporter, c.TextScore / maxText);
            return (c.Record.Id, c.Record.Title, score, reasons);
        });
        return Rank(scored, candidates.Count, options);
    }

    /// <summary>Text scores are divided by the best in the set, so 1.0 means "as relevant as the best candidate".</summary>
    private static float MaxText<T>(List<Candidate<T>> candidates)
    {
        var max = candidates.Count == 0 ? 0f : candidates.Max(c => c.TextScore);
        return max > 0 ? max : 1f;
    }

    private MatchResult Rank(IEnumerable<(string Id, string Name, double Score, IReadOnlyList<MatchReason> Reasons)> scored,
        int considered, MatchOptions options)
    {
        // Ties broken by id so the same data always gives the same list.
        var ranked = scored
            .OrderByDescending(s => s.Score)
            .ThenBy(s => s.Id, StringComparer.Ordinal)
            .Take(options.TopK)
            .Select((s, i) => new RankedMatch(s.Id, s.Name, i + 1, Math.Round(s.Score, 6),
                options.Explain ? s.Reasons : [.. s.Reasons.Where(r => r.Contribution > 0).Take(3)]))
            .ToList();
        return new MatchResult(ranked, BaselineScorer.Version, _clock.GetUtcNow(), considered);
    }
}
