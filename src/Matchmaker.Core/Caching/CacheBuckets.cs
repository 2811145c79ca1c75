using Matchmaker.Index;
using Matchmaker.Matching;
using Matchmaker.Profiles;

namespace Matchmaker.Caching;

/// <summary>
/// What a profile can affect and what a list depends on, as 32-bit bucket ids. Within a statistics
/// epoch a candidate enters a list only through retrieval (a shared HS chapter or a shared text
/// term) and its score depends only on its own profile, so: a change to an exporter touches the
/// exporter-side buckets of its chapters and terms, before and after the change; a MatchInquiry list
/// depends on the exporter-side buckets of the inquiry's chapters and query terms. The same holds
/// for inquiries and MatchExporter lists on the inquiry side. FNV-1a, so every process and replica
/// computes the same ids; a collision only retires a list early.
/// </summary>
public static class CacheBuckets
{
    public static IEnumerable<uint> OfExporter(Exporter e) =>
        Chapters("e", e.Products.Select(p => p.HsCode)).Concat(Terms("e", QueryFactory.TermsOf(DocumentFactory.TextOf(e))));

    public static IEnumerable<uint> OfInquiry(Inquiry q) =>
        Chapters("q", q.HsCodes).Concat(Terms("q", QueryFactory.TermsOf(DocumentFactory.TextOf(q))));

    /// <summary>What a MatchInquiry list of this inquiry depends on.</summary>
    public static uint[] ForInquiryList(Inquiry q) =>
        [.. Chapters("e", q.HsCodes).Concat(Terms("e", QueryFactory.QueryTermsOf(QueryFactory.QueryTextOf(q)))).Distinct()];

    /// <summary>What a MatchExporter list of this exporter depends on.</summary>
    public static uint[] ForExporterList(Exporter e) =>
        [.. Chapters("q", e.Products.Select(p => p.HsCode)).Concat(Terms("q", QueryFactory.QueryTermsOf(QueryFactory.QueryTextOf(e)))).Distinct()];

    private static IEnumerable<uint> Chapters(string side, IEnumerable<string> codes) =>
        codes.Where(c => c.Length >= 2).Select(c => Hash(side, "hs2", c[..2])).Distinct();

    private static IEnumerable<uint> Terms(string side, IEnumerable<string> terms) => terms.Select(t => Hash(side, "t", t));

    private static uint Hash(string side, string kind, string value)
    {
        var hash = 2166136261u;
        foreach (var part in (ReadOnlySpan<string>)[side, kind, value])
        {
            foreach (var c in part)
            {
                hash = (hash ^ c) * 16777619u;
            }

            hash = (hash ^ 0xFFFF) * 16777619u;
        }

        return hash;
    }
}
