using Lucene.Net.Index;
using Lucene.Net.Search;
using Matchmaker.Index;
using Matchmaker.Profiles;

namespace Matchmaker.Matching;

/// <summary>Builds the retrieval queries and filters for both match directions.</summary>
internal static class QueryFactory
{
    private const int MaxTextTerms = 64;

    /// <summary>
    /// Retrieval weights per HS level. Chosen larger than typical BM25 text scores (2–15 here) so
    /// retrieval keeps exporters of the buyer's exact code ahead of text-only look-alikes.
    /// </summary>
    private static float HsBoost(int digits) => digits switch { 6 => 24f, 4 => 16f, _ => 8f };

    /// <summary>One constant-score clause per distinct (level, prefix) of the given codes; null when there are none.</summary>
    public static Query? Hs(IEnumerable<string> codes)
    {
        var query = new BooleanQuery();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var code in codes)
        {
            for (var digits = 2; digits <= code.Length; digits += 2)
            {
                var field = IndexFields.Hs(digits);
                var prefix = code[..digits];
                if (seen.Add(field + prefix))
                {
                    query.Add(new ConstantScoreQuery(new TermQuery(new Term(field, prefix))) { Boost = HsBoost(digits) }, Occur.SHOULD);
                }
            }
        }

        return query.Clauses.Count > 0 ? query : null;
    }

    /// <summary>The texts of an inquiry that its exporter query searches for (a cached list depends on their terms).</summary>
    public static string[] QueryTextOf(Inquiry inquiry) => [inquiry.Title, inquiry.Description];

    /// <summary>The texts of an exporter that its inquiry query searches for (product names, not descriptions).</summary>
    public static string[] QueryTextOf(Exporter exporter) => [exporter.Name, exporter.Description, .. exporter.Products.Select(p => p.Name)];

    /// <summary>The terms a text query for these texts holds (the first <see cref="MaxTextTerms"/>).</summary>
    public static IReadOnlyList<string> QueryTermsOf(params string[] texts) =>
        SearchIndex.Analyzer.Terms(IndexFields.Text, string.Join('\n', texts), MaxTextTerms);

    /// <summary>Every term these texts put in the index.</summary>
    public static IReadOnlyList<string> TermsOf(params string[] texts) =>
        SearchIndex.Analyzer.Terms(IndexFields.Text, string.Join('\n', texts), int.MaxValue);

    /// <summary>A BM25 disjunction of the analysed terms of the given texts; null when they have none.</summary>
    public static Query? Text(params string[] texts)
    {
        var terms = QueryTermsOf(texts);
        if (terms.Count == 0)
        {
            return null;
        }

        var query = new BooleanQuery();
        foreach (var term in terms)
        {
            query.Add(new TermQuery(new Term(IndexFields.Text, term)), Occur.SHOULD);
        }

        return query;
    }

    /// <summary>Active exporters: the same for every request, so its doc set is cached per index segment.</summary>
    public static Filter ActiveExporters { get; } = new CachingWrapperFilter(new BitSetFilter(new QueryWrapperFilter(new BooleanQuery
    {
        { new TermQuery(new Term(IndexFields.Type, IndexFields.ExporterType)), Occur.MUST },
        { new TermQuery(new Term(IndexFields.Active, "1")), Occur.MUST },
    })));

    /// <summary>Open inquiries; expiry depends on the time and goes into <see cref="InquiryFilter"/>.</summary>
    public static Filter OpenInquiries { get; } = new CachingWrapperFilter(new BitSetFilter(new QueryWrapperFilter(new BooleanQuery
    {
        { new TermQuery(new Term(IndexFields.Type, IndexFields.InquiryType)), Occur.MUST },
        { new TermQuery(new Term(IndexFields.Status, "open")), Occur.MUST },
    })));

    /// <summary>The request's own exporter filters; null when it sets none.</summary>
    public static Filter? ExporterFilter(ExporterFilter filter)
    {
        var query = new BooleanQuery();
        AnyOf(query, IndexFields.Country, filter.Countries.Select(c => c.Trim().ToUpperInvariant()));
        AnyOf(query, IndexFields.Region, filter.Regions.Select(r => r.Trim().ToUpperInvariant()));
        AnyOf(query, IndexFields.Language, filter.Languages.Select(l => l.Trim().ToLowerInvariant()));
        foreach (var certification in filter.Certifications)
        {
            query.Add(new TermQuery(new Term(IndexFields.Certification, ProfileNormalizer.CertificationKey(certification))), Occur.MUST);
        }

        return query.Clauses.Count > 0 ? new QueryWrapperFilter(query) : null;
    }

    /// <summary>Unexpired at <paramref name="now"/>, plus the request's own inquiry filters.</summary>
    public static Filter InquiryFilter(InquiryFilter filter, DateTimeOffset now)
    {
        var query = new BooleanQuery
        {
            { NumericRangeQuery.NewInt64Range(IndexFields.ValidUntil, now.ToUnixTimeMilliseconds(), long.MaxValue, false, true), Occur.MUST },
        };
        AnyOf(query, IndexFields.Country, filter.BuyerCountries.Select(c => c.Trim().ToUpperInvariant()));
        AnyOf(query, IndexFields.BuyerType, filter.BuyerTypes.Select(t => ((int)t).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return new QueryWrapperFilter(query);
    }

    private static void AnyOf(BooleanQuery query, string field, IEnumerable<string> values)
    {
        var any = new BooleanQuery();
        foreach (var value in values.Distinct(StringComparer.Ordinal))
        {
            any.Add(new TermQuery(new Term(field, value)), Occur.SHOULD);
        }

        if (any.Clauses.Count > 0)
        {
            query.Add(any, Occur.MUST);
        }
    }
}
