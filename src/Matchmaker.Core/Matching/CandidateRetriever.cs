using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Matchmaker.Index;

namespace Matchmaker.Matching;

/// <summary>A retrieved record with its BM25 text score (0 when no text term matched).</summary>
internal sealed record Candidate<T>(T Record, float TextScore);

/// <summary>
/// Retrieval: the top candidates by HS clauses plus text, inside the hard filter; then, for
/// exactly those candidates, the text query's own BM25 score, which the ranking uses as a feature.
/// </summary>
internal static class CandidateRetriever
{
    private static readonly Sort ScoreThenId = new(SortField.FIELD_SCORE, new SortField(IndexFields.Id, SortFieldType.STRING));

    /// <summary>
    /// Terms in more than this share of documents are left out of retrieval (they still count in
    /// the text score of the candidates): "looking", "long-term", "export" match most profiles, and
    /// walking their postings cost more than half of a 100,000-profile query while moving no one up.
    /// </summary>
    private const double CommonTermShare = 0.2;

    /// <param name="statistics">Frozen text statistics (serving); null for the index's current ones.</param>
    public static List<Candidate<T>> Retrieve<T>(SearchIndex index, TextStatistics? statistics, Query? hs, Query? text, Filter filter,
        Filter? requestFilter, int count, Func<IndexSearcher, int, T> read)
    {
        return statistics is null ? index.Search(Run) : index.Search(statistics, Run);

        List<Candidate<T>> Run(IndexSearcher searcher)
        {
            var should = new BooleanQuery();
            if (hs is not null)
            {
                should.Add(hs, Occur.SHOULD);
            }

            if (text is not null && WithoutCommonTerms(searcher.IndexReader, statistics, text) is { } rare)
            {
                should.Add(rare, Occur.SHOULD);
            }

            if (should.Clauses.Count == 0)
            {
                return [];
            }

            // Filters score nothing (boost 0) and narrow by leap-frogging; the base filter is cached per segment.
            var query = new BooleanQuery
            {
                { should, Occur.MUST },
                { new ConstantScoreQuery(filter) { Boost = 0 }, Occur.MUST },
            };
            if (requestFilter is not null)
            {
                query.Add(new ConstantScoreQuery(requestFilter) { Boost = 0 }, Occur.MUST);
            }

            // Ties at the cut-off go to the lower id, not to whichever segment Lucene reads first: every replica and
            // every run retrieves the same candidates.
            var top = searcher.Search(query, null, count, ScoreThenId, doDocScores: false, doMaxScore: false);
            var textScores = new Dictionary<int, float>(top.ScoreDocs.Length);
            if (text is not null && top.ScoreDocs.Length > 0)
            {
                // Leap-frog from the candidates into the text postings: ~200 advances instead of
                // re-scoring every document that shares a word with the inquiry.
                var docs = top.ScoreDocs.Select(d => d.Doc).Order().ToArray();
                var onlyCandidates = new FilteredQuery(text, new DocSetFilter(docs), FilteredQuery.LEAP_FROG_FILTER_FIRST_STRATEGY);
                searcher.Search(onlyCandidates, new ScoreCollector(textScores));
            }

            var candidates = new List<Candidate<T>>(top.ScoreDocs.Length);
            foreach (var hit in top.ScoreDocs)
            {
                candidates.Add(new Candidate<T>(read(searcher, hit.Doc), textScores.GetValueOrDefault(hit.Doc)));
            }

            return candidates;
        }
    }

    /// <summary>
    /// BM25 text scores of named exporters for an inquiry, and the best text score among the
    /// candidates serving would retrieve for it: what a pair's text_relevance is divided by.
    /// </summary>
    public static (float MaxCandidate, Dictionary<string, float> Scores) TextScores(SearchIndex index, Query? hs, Query? text,
        Filter filter, int count, IReadOnlyCollection<string> exporterIds)
    {
        var candidates = Retrieve(index, null, hs, text, filter, null, count, (_, _) => 0);
        var maxCandidate = candidates.Count == 0 ? 0f : candidates.Max(c => c.TextScore);
        var scores = new Dictionary<string, float>(StringComparer.Ordinal);
        if (text is null || exporterIds.Count == 0)
        {
            return (maxCandidate, scores);
        }

        return (maxCandidate, index.Search(searcher =>
        {
            var ids = new BooleanQuery();
            foreach (var id in exporterIds)
            {
                ids.Add(new TermQuery(new Term(IndexFields.Uid, IndexFields.ExporterUid(id))), Occur.SHOULD);
            }

            var top = searcher.Search(new FilteredQuery(text, new QueryWrapperFilter(ids)), exporterIds.Count);
            foreach (var hit in top.ScoreDocs)
            {
                scores[searcher.Doc(hit.Doc, IdOnly).Get(IndexFields.Id, System.Globalization.CultureInfo.InvariantCulture)] = hit.Score;
            }

            return scores;
        }));
    }

    private static readonly HashSet<string> IdOnly = [IndexFields.Id];

    private static BooleanQuery? WithoutCommonTerms(IndexReader reader, TextStatistics? statistics, Query text)
    {
        var limit = Math.Max(50, (int)((statistics?.NumDocs ?? reader.NumDocs) * CommonTermShare));
        var rare = new BooleanQuery();
        foreach (var clause in ((BooleanQuery)text).Clauses)
        {
            if (clause.Query is TermQuery term
                && (statistics?.DocFreq(term.Term.Text) ?? reader.DocFreq(term.Term)) <= limit)
            {
                rare.Add(clause);
            }
        }

        return rare.Clauses.Count > 0 ? rare : null;
    }

    /// <summary>Records the score of every collected document by global doc id.</summary>
    private sealed class ScoreCollector(Dictionary<int, float> scores) : ICollector
    {
        private Scorer? _scorer;
        private int _docBase;

        public bool AcceptsDocsOutOfOrder => true;

        public void SetScorer(Scorer scorer) => _scorer = scorer;

        public void SetNextReader(AtomicReaderContext context) => _docBase = context.DocBase;

        public void Collect(int doc)
        {
            scores[_docBase + doc] = _scorer!.GetScore();
        }
    }

    /// <summary>A fixed set of documents (sorted global doc ids) as a filter.</summary>
    private sealed class DocSetFilter(int[] sortedDocs) : Filter
    {
        public override DocIdSet GetDocIdSet(AtomicReaderContext context, IBits acceptDocs)
        {
            var maxDoc = context.Reader.MaxDoc;
            var bits = new FixedBitSet(maxDoc);
            var i = Array.BinarySearch(sortedDocs, context.DocBase);
            for (i = i < 0 ? ~i : i; i < sortedDocs.Length && sortedDocs[i] < context.DocBase + maxDoc; i++)
            {
                bits.Set(sortedDocs[i] - context.DocBase);
            }

            return bits;
        }
    }
}
