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
/// clause has an upper bound in each segment (an HS clause its boost, a text term the highest BM25 score it
/// gives any document of the segment, <see cref="TermBounds"/>, at most (k1 + 1) × idf); once the list is
/// full, the clauses whose bounds add up to less than its last score cannot lift a document into it
/// on their own, so only the other ("essential") clauses' postings are walked, and the rest are
/// advanced to a candidate only while they could still lift it. Clauses join the skipped set in the order of
/// postings saved per bound (a chapter, a common word first). HS postings are walked from arrays kept per
/// segment (<see cref="HsPostings"/>), filters looked up in bit sets. Retrieval was two thirds of a
/// 100,000-profile MatchInquiry.
/// </summary>
internal static class MaxScoreTopDocs
{
    /// <summary>Bounds are raised by this share so float rounding can never make one too small.</summary>
    private const double BoundMargin = 1.001;

    /// <param name="searcher">Scores text with its (frozen) statistics.</param>
    /// <param name="hs">HS terms with their boosts (each a constant score) and document counts.</param>
    /// <param name="text">Term queries of the text field, scored by BM25.</param>
    /// <param name="filters">Every one must match.</param>
    /// <returns>Global document numbers, best first.</returns>
    public static int[] Search(IndexSearcher searcher, IReadOnlyList<(Term Term, float Boost, int DocFreq)> hs, IReadOnlyList<(TermQuery Query, TermContext Context)> text,
        IReadOnlyList<Filter> filters, int count)
    {
        if (count <= 0 || hs.Count + text.Count == 0)
        {
            return [];
        }

        var clauses = new List<Clause>(hs.Count + text.Count);
        foreach (var (term, boost, docFreq) in hs)
        {
            clauses.Add(new Clause(term, null, null, boost, docFreq));
        }

        if (text.Count > 0)
        {
            var bm25 = (BM25Similarity)searcher.Similarity;
            var collection = searcher.CollectionStatistics(IndexFields.Text);
            foreach (var (term, context) in text)
            {
                var statistics = searcher.TermStatistics(term.Term, context);
                // As TermWeight scores: the query's boost, then normalized (BM25's query norm is 1, no enclosing boost).
                var weight = bm25.ComputeWeight(term.Boost, collection, statistics);
                weight.Normalize(1f, 1f);
                clauses.Add(new Clause(term.Term, searcher.CreateNormalizedWeight(term), weight,
                    Bound(bm25, statistics.DocFreq, collection.MaxDoc, term.Boost), statistics.DocFreq));
            }
        }

        var top = new TopHeap(count);
        foreach (var leaf in searcher.IndexReader.Leaves)
        {
            SearchLeaf(leaf, searcher.Similarity, clauses, filters, top);
        }

        return top.Sorted();
    }

    /// <summary>The largest score BM25 can give this term: weight × freq / (freq + norm) stays below weight = (k1 + 1) × idf × boost.</summary>
    private static double Bound(BM25Similarity bm25, long docFreq, long maxDoc, float boost)
    {
        var idf = Math.Log(1 + ((maxDoc - docFreq + 0.5) / (docFreq + 0.5)));
        return (bm25.K1 + 1) * Math.Max(idf, 0) * boost * BoundMargin;
    }

    private static void SearchLeaf(AtomicReaderContext leaf, Similarity similarity, List<Clause> clauses, IReadOnlyList<Filter> filters, TopHeap top)
    {
        var live = leaf.AtomicReader.LiveDocs;
        // Random access where a filter has it (the cached ones are bit sets: a lookup instead of an iterator's advance); the scorers skip deleted documents.
        var filterBits = new List<IBits>(filters.Count);
        var filterIterators = new List<DocIdSetIterator>();
        foreach (var filter in filters)
        {
            if (filter.GetDocIdSet(leaf, null) is not { } set)
            {
                return;
            }

            if (set.Bits is { } bits)
            {
                filterBits.Add(bits);
            }
            else if (set.GetIterator() is { } iterator)
            {
                filterIterators.Add(iterator);
            }
            else
            {
                return;
            }
        }

        // The clauses with postings here, each with its bound in this segment (a text term's highest score here, TermBounds).
        var present = new List<(DocIdSetIterator Cursor, Scorer? Scorer, double Bound, long DocFreq, int First)>(clauses.Count);
        foreach (var clause in clauses)
        {
            var scorer = clause.Text?.GetScorer(leaf, live);
            DocIdSetIterator? cursor = clause.Text is null ? new HsPostings.Iterator(HsPostings.For(leaf.AtomicReader, clause.Term), live) : scorer;
            if (cursor is not null && cursor.NextDoc() is var first && first != DocIdSetIterator.NO_MORE_DOCS)
            {
                var bound = clause.Bound;
                if (clause.Sim is not null && TermBounds.Max(leaf.AtomicReader, clause.Term, similarity.GetSimScorer(clause.Sim, leaf)) is { } max)
                {
                    bound = Math.Min(bound, max * BoundMargin);
                }

                present.Add((cursor, scorer, bound, clause.DocFreq, first));
            }
        }

        // A prefix of clauses that cannot lift a document on their own is skipped: first the ones that skip the most
        // postings for the least bound here (a chapter, a common word), so the skipped prefix is long where it counts.
        present.Sort((a, b) => (b.DocFreq / b.Bound).CompareTo(a.DocFreq / a.Bound));
        var n = present.Count;
        if (n == 0)
        {
            return;
        }

        var cursors = new DocIdSetIterator[n];
        var scorers = new Scorer?[n];
        var bounds = new double[n];
        var at = new int[n];
        for (var i = 0; i < n; i++)
        {
            (cursors[i], scorers[i], bounds[i], _, at[i]) = present[i];
        }

        // prefix[i]: the bounds of the first i scorers added up.
        var prefix = new double[n + 1];
        for (var i = 0; i < n; i++)
        {
            prefix[i + 1] = prefix[i] + bounds[i];
        }

        // The segment's ids, as a score-then-id sort compares them (UTF-8 bytes).
        var ids = FieldCache.DEFAULT.GetTermsIndex(leaf.AtomicReader, IndexFields.Id);
        var essential = FirstEssential(prefix, top);
        while (true)
        {
            var doc = DocIdSetIterator.NO_MORE_DOCS;
            for (var i = essential; i < n; i++)
            {
                doc = Math.Min(doc, at[i]);
            }

            if (doc == DocIdSetIterator.NO_MORE_DOCS)
            {
                return;
            }

            if (Passes(filterBits, filterIterators, doc))
            {
                // Sums as Lucene's disjunctions do: each group's scores added in double, rounded to float, then the two groups.
                double hsSum = 0, textSum = 0;
                for (var i = essential; i < n; i++)
                {
                    if (at[i] == doc)
                    {
                        Add(scorers[i], bounds[i], ref hsSum, ref textSum);
                    }
                }

                var competitive = true;
                for (var i = essential - 1; i >= 0; i--)
                {
                    if (top.Full && hsSum + textSum + prefix[i + 1] < top.Reach)
                    {
                        competitive = false;
                        break;
                    }

                    if (at[i] < doc)
                    {
                        at[i] = cursors[i].Advance(doc);
                    }

                    if (at[i] == doc)
                    {
                        Add(scorers[i], bounds[i], ref hsSum, ref textSum);
                    }
                }

                if (competitive)
                {
                    var score = (float)((double)(float)hsSum + (float)textSum);
                    if (top.Offer(score, leaf.DocBase + doc, ids, doc))
                    {
                        essential = Math.Max(essential, FirstEssential(prefix, top));
                    }
                }
            }

            for (var i = essential; i < n; i++)
            {
                if (at[i] == doc)
                {
                    at[i] = cursors[i].NextDoc();
                }
            }
        }
    }

    private static void Add(Scorer? scorer, double bound, ref double hs, ref double text)
    {
        if (scorer is not null)
        {
            text += scorer.GetScore();
        }
        else
        {
            hs += bound;
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

    private static bool Passes(List<IBits> bits, List<DocIdSetIterator> iterators, int doc)
    {
        foreach (var set in bits)
        {
            if (!set.Get(doc))
            {
                return false;
            }
        }

        foreach (var iterator in iterators)
        {
            if (iterator.DocID < doc)
            {
                iterator.Advance(doc);
            }

            if (iterator.DocID != doc)
            {
                return false;
            }
        }

        return true;
    }

    /// <param name="Term">The clause's term (an HS code at one level, or a word of the text field).</param>
    /// <param name="Text">A text term's weight (BM25); null for an HS clause.</param>
    /// <param name="Sim">A text term's BM25 weight as its Lucene weight holds it (for its bound in each segment).</param>
    /// <param name="Bound">An HS clause's boost (its every score), or a text term's largest possible score anywhere.</param>
    /// <param name="DocFreq">How many documents the clause's postings hold (what skipping it saves).</param>
    private sealed record Clause(Term Term, Weight? Text, Similarity.SimWeight? Sim, double Bound, long DocFreq);

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
