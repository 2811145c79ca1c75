using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;
using Matchmaker.Index;

namespace Matchmaker.Matching;

/// <summary>
/// The top documents of "any HS clause or rare text term, inside the filters" by score, then id,
/// exactly as Lucene's BooleanQuery with a score-then-id sort ranks them, but without scoring every
/// document that shares a chapter or a word with the query (MaxScore, Turtle and Flood 1995). Each
/// clause has an upper bound (an HS clause its boost, a BM25 term (k1 + 1) × idf); once the list is
/// full, the clauses whose bounds add up to less than its last score cannot lift a document into it
/// on their own, so only the other ("essential") clauses' postings are walked, and the rest are
/// advanced to a candidate only while they could still lift it. The long postings (a chapter, a word
/// in a fifth of the profiles) have the smallest bounds, so they are the ones skipped. Retrieval was
/// two thirds of a 100,000-profile MatchInquiry.
/// </summary>
internal static class MaxScoreTopDocs
{
    /// <summary>Bounds are raised by this share so float rounding can never make one too small.</summary>
    private const double BoundMargin = 1.001;

    /// <param name="searcher">Scores text with its (frozen) statistics.</param>
    /// <param name="hs">Constant-score HS clauses with their boosts.</param>
    /// <param name="text">Term queries of the text field, scored by BM25.</param>
    /// <param name="filters">Every one must match.</param>
    /// <returns>Global document numbers, best first.</returns>
    public static int[] Search(IndexSearcher searcher, IReadOnlyList<(Query Query, float Boost)> hs, IReadOnlyList<(TermQuery Query, TermContext Context)> text,
        IReadOnlyList<Filter> filters, int count)
    {
        if (count <= 0 || hs.Count + text.Count == 0)
        {
            return [];
        }

        var clauses = new List<Clause>(hs.Count + text.Count);
        foreach (var (query, boost) in hs)
        {
            clauses.Add(new Clause(searcher.CreateNormalizedWeight(query), boost, IsText: false));
        }

        if (text.Count > 0)
        {
            var bm25 = (BM25Similarity)searcher.Similarity;
            var collection = searcher.CollectionStatistics(IndexFields.Text);
            foreach (var (term, context) in text)
            {
                var statistics = searcher.TermStatistics(term.Term, context);
                clauses.Add(new Clause(searcher.CreateNormalizedWeight(term), Bound(bm25, statistics.DocFreq, collection.MaxDoc, term.Boost), IsText: true));
            }
        }

        // Ascending bounds: a prefix of clauses that cannot lift a document on their own is skipped.
        clauses.Sort((a, b) => a.Bound.CompareTo(b.Bound));
        var top = new TopHeap(count);
        foreach (var leaf in searcher.IndexReader.Leaves)
        {
            SearchLeaf(leaf, clauses, filters, top);
        }

        return top.Sorted();
    }

    /// <summary>The largest score BM25 can give this term: weight × freq / (freq + norm) stays below weight = (k1 + 1) × idf × boost.</summary>
    private static double Bound(BM25Similarity bm25, long docFreq, long maxDoc, float boost)
    {
        var idf = Math.Log(1 + ((maxDoc - docFreq + 0.5) / (docFreq + 0.5)));
        return (bm25.K1 + 1) * Math.Max(idf, 0) * boost * BoundMargin;
    }

    private static void SearchLeaf(AtomicReaderContext leaf, List<Clause> clauses, IReadOnlyList<Filter> filters, TopHeap top)
    {
        var live = leaf.AtomicReader.LiveDocs;
        var filterIterators = new DocIdSetIterator[filters.Count];
        for (var f = 0; f < filters.Count; f++)
        {
            if (filters[f].GetDocIdSet(leaf, live)?.GetIterator() is not { } iterator)
            {
                return;
            }

            filterIterators[f] = iterator;
        }

        var scorers = new List<(Scorer Scorer, Clause Clause)>(clauses.Count);
        foreach (var clause in clauses)
        {
            if (clause.Weight.GetScorer(leaf, live) is { } scorer && scorer.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
            {
                scorers.Add((scorer, clause));
            }
        }

        if (scorers.Count == 0)
        {
            return;
        }

        // prefix[i]: the bounds of scorers[0..i) added up.
        var prefix = new double[scorers.Count + 1];
        for (var i = 0; i < scorers.Count; i++)
        {
            prefix[i + 1] = prefix[i] + scorers[i].Clause.Bound;
        }

        // The segment's ids, as a score-then-id sort compares them (UTF-8 bytes).
        var ids = FieldCache.DEFAULT.GetTermsIndex(leaf.AtomicReader, IndexFields.Id);
        var essential = FirstEssential(prefix, top);
        while (true)
        {
            var doc = DocIdSetIterator.NO_MORE_DOCS;
            for (var i = essential; i < scorers.Count; i++)
            {
                doc = Math.Min(doc, scorers[i].Scorer.DocID);
            }

            if (doc == DocIdSetIterator.NO_MORE_DOCS)
            {
                return;
            }

            if (Passes(filterIterators, doc))
            {
                // Sums as Lucene's disjunctions do: each group's scores added in double, rounded to float, then the two groups.
                double hs = 0, text = 0;
                var matched = false;
                for (var i = essential; i < scorers.Count; i++)
                {
                    var (scorer, clause) = scorers[i];
                    if (scorer.DocID == doc)
                    {
                        Add(scorer, clause, ref hs, ref text);
                        matched = true;
                    }
                }

                var competitive = matched;
                for (var i = essential - 1; i >= 0 && competitive; i--)
                {
                    if (top.Full && hs + text + prefix[i + 1] < top.Reach)
                    {
                        competitive = false;
                        break;
                    }

                    var (scorer, clause) = scorers[i];
                    if (scorer.DocID < doc)
                    {
                        scorer.Advance(doc);
                    }

                    if (scorer.DocID == doc)
                    {
                        Add(scorer, clause, ref hs, ref text);
                    }
                }

                if (competitive)
                {
                    var score = (float)((double)(float)hs + (float)text);
                    if (top.Offer(score, leaf.DocBase + doc, ids, doc))
                    {
                        essential = Math.Max(essential, FirstEssential(prefix, top));
                    }
                }
            }

            for (var i = essential; i < scorers.Count; i++)
            {
                if (scorers[i].Scorer.DocID == doc)
                {
                    scorers[i].Scorer.NextDoc();
                }
            }
        }
    }

    private static void Add(Scorer scorer, Clause clause, ref double hs, ref double text)
    {
        if (clause.IsText)
        {
            text += scorer.GetScore();
        }
        else
        {
            hs += clause.Bound;
        }
    }

    /// <summary>The first clause that must be walked: the ones before it add up to less than the list's last score.</summary>
    private static int FirstEssential(double[] prefix, TopHeap top)
    {
        if (!top.Full)
        {
            return 0;
        }

        var e = 0;
        while (e + 1 < prefix.Length && prefix[e + 1] < top.Reach)
        {
            e++;
        }

        return Math.Min(e, prefix.Length - 1);
    }

    private static bool Passes(DocIdSetIterator[] filters, int doc)
    {
        foreach (var filter in filters)
        {
            if (filter.DocID < doc)
            {
                filter.Advance(doc);
            }

            if (filter.DocID != doc)
            {
                return false;
            }
        }

        return true;
    }

    /// <param name="Bound">An HS clause's boost (its every score), or a text term's largest possible score.</param>
    private sealed record Clause(Weight Weight, double Bound, bool IsText);

    /// <summary>The best <c>count</c> so far; the root is the worst of them (lowest score, then highest id).</summary>
    private sealed class TopHeap(int count)
    {
        private readonly List<(float Score, int Doc, BytesRef Id)> _heap = new(Math.Min(count, 4096));

        public bool Full => _heap.Count == count;

        /// <summary>
        /// What a document's scores must add up to (in double, before they are rounded to a float) to possibly enter:
        /// the root's score, less a margin for that rounding (a tie with the root can still enter by a lower id).
        /// </summary>
        public double Reach => _heap[0].Score - ((Math.Abs(_heap[0].Score) * 1e-6) + 1e-6);

        /// <returns>Whether the list's threshold may have risen.</returns>
        public bool Offer(float score, int doc, SortedDocValues ids, int localDoc)
        {
            if (Full && score < _heap[0].Score)
            {
                return false;
            }

            var id = new BytesRef();
            ids.Get(localDoc, id);
            var entry = (score, doc, id);
            if (!Full)
            {
                _heap.Add(entry);
                Up(_heap.Count - 1);
                return Full;
            }

            if (!Worse(_heap[0], entry))
            {
                return false;
            }

            _heap[0] = entry;
            Down(0);
            return true;
        }

        public int[] Sorted()
        {
            var all = _heap.ToList();
            all.Sort((a, b) => Worse(a, b) ? 1 : Worse(b, a) ? -1 : 0);
            return [.. all.Select(e => e.Doc)];
        }

        private static bool Worse((float Score, int Doc, BytesRef Id) a, (float Score, int Doc, BytesRef Id) b) =>
            a.Score < b.Score || (a.Score == b.Score && a.Id.CompareTo(b.Id) > 0);

        private void Up(int i)
        {
            while (i > 0)
            {
                var parent = (i - 1) / 2;
                if (!Worse(_heap[i], _heap[parent]))
                {
                    return;
                }

                (_heap[i], _heap[parent]) = (_heap[parent], _heap[i]);
                i = parent;
            }
        }

        private void Down(int i)
        {
            while (true)
            {
                var worst = i;
                var left = (2 * i) + 1;
                var right = left + 1;
                if (left < _heap.Count && Worse(_heap[left], _heap[worst]))
                {
                    worst = left;
                }

                if (right < _heap.Count && Worse(_heap[right], _heap[worst]))
                {
                    worst = right;
                }

                if (worst == i)
                {
                    return;
                }

                (_heap[i], _heap[worst]) = (_heap[worst], _heap[i]);
                i = worst;
            }
        }
    }
}
