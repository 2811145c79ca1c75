using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;

namespace Matchmaker.Index;

/// <summary>
/// The highest BM25 score a text term can give any document of a segment, from the documents that could have it:
/// BM25 rises with the term's frequency and with the length norm byte (a shorter text), so only documents that no
/// other beats on both (a handful per term) need scoring. A segment never changes, so they are found once per
/// term by walking its postings and norms. Retrieval's skipping (<c>MaxScoreTopDocs</c>) is only as good as its
/// bounds, and the general one, (k1 + 1) × idf, is about twice what short profiles ever score.
/// </summary>
internal static class TermBounds
{
    /// <summary>Terms remembered per segment; past that, a term's bound is the general one.</summary>
    private const int MaxTermsPerSegment = 200_000;

    private static readonly ConditionalWeakTable<object, ConcurrentDictionary<Term, (int Doc, int Freq)[]>> Segments = [];

    /// <summary>The largest score <paramref name="scorer"/> gives the term in this segment; null when the segment remembers too many terms.</summary>
    public static double? Max(AtomicReader reader, Term term, Similarity.SimScorer scorer)
    {
        var terms = Segments.GetValue(reader.CoreCacheKey, _ => new ConcurrentDictionary<Term, (int Doc, int Freq)[]>());
        if (!terms.TryGetValue(term, out var frontier))
        {
            if (terms.Count >= MaxTermsPerSegment)
            {
                return null;
            }

            frontier = terms.GetOrAdd(term, Frontier(reader, term));
        }

        var max = 0.0;
        foreach (var (doc, freq) in frontier)
        {
            max = Math.Max(max, scorer.Score(doc, freq));
        }

        return max;
    }

    /// <summary>
    /// For each norm byte, the document with the term's highest frequency; of those, the ones with a higher frequency
    /// than every document with a higher norm byte (a higher byte is a shorter text: a higher score at equal frequency).
    /// </summary>
    internal static (int Doc, int Freq)[] Frontier(AtomicReader reader, Term term)
    {
        if (TermContexts.Seek(reader, term) is not { } enumerator)
        {
            return [];
        }

        var norms = reader.GetNormValues(term.Field);
        var bestFreq = new int[256];
        var bestDoc = new int[256];
        var postings = enumerator.Docs(null, null, DocsFlags.FREQS);
        for (var doc = postings.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.NextDoc())
        {
            var norm = norms is null ? 0 : (int)((sbyte)norms.Get(doc) & 0xFF);
            if (postings.Freq > bestFreq[norm])
            {
                (bestFreq[norm], bestDoc[norm]) = (postings.Freq, doc);
            }
        }

        var frontier = new List<(int Doc, int Freq)>();
        var higher = 0;
        for (var norm = 255; norm >= 0; norm--)
        {
            if (bestFreq[norm] > higher)
            {
                frontier.Add((bestDoc[norm], bestFreq[norm]));
                higher = bestFreq[norm];
            }
        }

        return [.. frontier];
    }
}
