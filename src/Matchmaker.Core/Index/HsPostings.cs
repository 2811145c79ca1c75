using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Matchmaker.Index;

/// <summary>
/// The documents of an HS term in a segment, decoded once and kept as an array: a segment never changes, so
/// neither do its postings. HS terms are few (the nomenclature's headings) but their postings are the longest a
/// match walks (a chapter or a heading shared by a tenth of the exporters), and decoding their compressed blocks
/// was close to half of retrieval at a million exporters. What is kept is four bytes per HS posting of the
/// terms queried, freed with the segment.
/// </summary>
internal static class HsPostings
{
    private static readonly ConditionalWeakTable<object, ConcurrentDictionary<Term, int[]>> Segments = [];

    /// <summary>The term's documents in this segment in order, deleted ones included; empty when it has none.</summary>
    public static int[] For(AtomicReader reader, Term term)
    {
        var terms = Segments.GetValue(reader.CoreCacheKey, _ => new ConcurrentDictionary<Term, int[]>());
        return terms.TryGetValue(term, out var docs) ? docs : terms.GetOrAdd(term, Read(reader, term));
    }

    private static int[] Read(AtomicReader reader, Term term)
    {
        if (TermContexts.Seek(reader, term) is not { } enumerator)
        {
            return [];
        }

        var docs = new int[enumerator.DocFreq];
        var postings = enumerator.Docs(null, null, DocsFlags.NONE);
        var n = 0;
        for (var doc = postings.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.NextDoc())
        {
            docs[n++] = doc;
        }

        return n == docs.Length ? docs : docs[..n];
    }

    /// <summary>Walks a document array, skipping deleted documents; advances by galloping then binary search.</summary>
    internal sealed class Iterator(int[] docs, IBits? live) : DocIdSetIterator
    {
        private int _index = -1;
        private int _doc = -1;

        public override int DocID => _doc;

        public override int NextDoc()
        {
            while (++_index < docs.Length)
            {
                var doc = docs[_index];
                if (live is null || live.Get(doc))
                {
                    return _doc = doc;
                }
            }

            return _doc = NO_MORE_DOCS;
        }

        public override int Advance(int target)
        {
            // Every document before lo is below the target; the one at hi (if any) is not.
            var lo = _index + 1;
            var hi = lo;
            var step = 1;
            while (hi < docs.Length && docs[hi] < target)
            {
                lo = hi + 1;
                hi = lo + step;
                step <<= 1;
            }

            var end = Math.Min(hi, docs.Length);
            var found = Array.BinarySearch(docs, lo, end - lo, target);
            _index = (found >= 0 ? found : ~found) - 1;
            return NextDoc();
        }

        public override long GetCost() => docs.Length;
    }
}
