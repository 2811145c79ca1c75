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
            // Each text term is looked up once per segment for both passes below.
            var terms = text is null ? [] : ((BooleanQuery)text).Clauses
                .Select(c => ((TermQuery)c.Query).Term)
                .Select(term => Looked(searcher, term))
                .ToList();
            var limit = CommonLimit(searcher.IndexReader, statistics);
            var rare = terms.Where(t => DocFreq(searcher, statistics, t.Query.Term, t.Context) <= limit).ToList();
            var hsClauses = hs is null ? [] : ((BooleanQuery)hs).Clauses.Select(c => (c.Query, c.Query.Boost)).ToList();
            if (hsClauses.Count + rare.Count == 0)
            {
                return [];
            }

            List<Filter> filters = requestFilter is null ? [filter] : [filter, requestFilter];
            var docs = MaxScoreTopDocs.Search(searcher, hsClauses, rare, filters, count);
            var textScores = new Dictionary<int, float>(docs.Length);
            if (terms.Count > 0 && docs.Length > 0)
            {
                // Leap-frog from the candidates into the text postings: ~200 advances instead of
                // re-scoring every document that shares a word with the inquiry.
                var all = new BooleanQuery();
                foreach (var (query, _) in terms)
                {
                    all.Add(query, Occur.SHOULD);
                }

                var onlyCandidates = new FilteredQuery(all, new DocSetFilter(docs.Order().ToArray()), FilteredQuery.LEAP_FROG_FILTER_FIRST_STRATEGY);
                searcher.Search(onlyCandidates, new ScoreCollector(textScores));
            }

            var candidates = new List<Candidate<T>>(docs.Length);
            foreach (var doc in docs)
            {
                candidates.Add(new Candidate<T>(read(searcher, doc), textScores.GetValueOrDefault(doc)));
            }

            return candidates;
        }
    }

    /// <summary>Lucene's own ranking of what <see cref="Retrieve{T}"/> returns (score, then id): what retrieval must equal, and its speed floor.</summary>
    internal static readonly Sort ScoreThenId = new(SortField.FIELD_SCORE, new SortField(IndexFields.Id, SortFieldType.STRING));

    /// <summary>
    /// The plain Lucene query whose top documents by <see cref="ScoreThenId"/> retrieval returns: the HS clauses and the
    /// text terms in at most <see cref="CommonTermShare"/> of the documents, inside the filters.
    /// </summary>
    internal static Query LuceneQuery(IndexSearcher searcher, TextStatistics? statistics, Query? hs, Query? text, Filter filter, Filter? requestFilter)
    {
        var should = new BooleanQuery();
        if (hs is not null)
        {
            should.Add(hs, Occur.SHOULD);
        }

        var limit = CommonLimit(searcher.IndexReader, statistics);
        var rare = new BooleanQuery();
        foreach (var clause in text is null ? [] : ((BooleanQuery)text).Clauses)
        {
            var term = ((TermQuery)clause.Query).Term;
            if ((statistics?.DocFreq(term.Text) ?? searcher.IndexReader.DocFreq(term)) <= limit)
            {
                rare.Add(clause);
            }
        }

        if (rare.Clauses.Count > 0)
        {
            should.Add(rare, Occur.SHOULD);
        }

        var query = new BooleanQuery
        {
            { should, Occur.MUST },
            { new ConstantScoreQuery(filter) { Boost = 0 }, Occur.MUST },
        };
        if (requestFilter is not null)
        {
            query.Add(new ConstantScoreQuery(requestFilter) { Boost = 0 }, Occur.MUST);
        }

        return query;
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

    private static (TermQuery Query, TermContext Context) Looked(IndexSearcher searcher, Term term)
    {
        var context = TermContext.Build(searcher.TopReaderContext, term);
        return (new TermQuery(term, context), context);
    }

    /// <summary>A text term in more documents than this is left out of retrieval (see <see cref="CommonTermShare"/>).</summary>
    private static int CommonLimit(IndexReader reader, TextStatistics? statistics) =>
        Math.Max(50, (int)((statistics?.NumDocs ?? reader.NumDocs) * CommonTermShare));

    private static long DocFreq(IndexSearcher searcher, TextStatistics? statistics, Term term, TermContext context) =>
        statistics?.DocFreq(term.Text) ?? context.DocFreq;

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
