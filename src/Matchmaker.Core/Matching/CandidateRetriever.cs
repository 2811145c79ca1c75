using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Matchmaker.Index;

namespace Matchmaker.Matching;

/// <summary>A retrieved record with its BM25 text score (0 when no text term matched).</summary>
internal sealed record Candidate<T>(T Record, float TextScore);

/// <summary>
/// Retrieval: the top candidates by HS clauses plus text, inside the hard filter (<see cref="MaxScoreTopDocs"/>);
/// then, for exactly those candidates, the text query's own BM25 score, which the ranking uses as a
/// feature, from the term frequencies kept with their decoded records (<see cref="TextScorer"/>).
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
        Filter? requestFilter, int count, DecodedRecords<T> records)
        where T : class
    {
        return statistics is null ? index.Search(Run) : index.Search(statistics, Run);

        List<Candidate<T>> Run(IndexSearcher searcher)
        {
            // Text terms: the rare ones retrieve, all of them score the candidates' text relevance.
            var terms = text is null ? [] : ((BooleanQuery)text).Clauses
                .Select(c => ((TermQuery)c.Query).Term)
                .Select(term => Looked(searcher, term))
                .ToList();
            var limit = CommonLimit(searcher.IndexReader, statistics);
            var rare = terms.Where(t => Rare(searcher, statistics, limit, t.Query.Term, t.Context)).ToList();
            var hsClauses = hs is null ? [] : ((BooleanQuery)hs).Clauses.Select(c => Known(searcher, c.Query)).ToList();
            if (hsClauses.Count + rare.Count == 0)
            {
                return [];
            }

            List<Filter> filters = requestFilter is null ? [filter] : [filter, requestFilter];
            var docs = MaxScoreTopDocs.Search(searcher, hsClauses, rare, filters, count);
            var candidates = new List<Candidate<T>>(docs.Length);
            var textScore = terms.Count == 0 ? null : new TextScorer(searcher, terms);
            foreach (var doc in docs)
            {
                var (record, frequencies) = records.ReadWithTerms(searcher, doc);
                candidates.Add(new Candidate<T>(record, textScore?.Score(doc, frequencies) ?? 0));
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
            if (Rare(searcher, statistics, limit, term))
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
        var candidates = Retrieve(index, null, hs, text, filter, null, count, index.Exporters);
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
        var context = TermContexts.For(searcher.TopReaderContext, term);
        return (new TermQuery(term, context), context);
    }

    /// <summary>An HS clause's term (a constant-score term query), its boost, and its document count from the per-segment states.</summary>
    private static (Term Term, float Boost, int DocFreq) Known(IndexSearcher searcher, Query clause)
    {
        var term = ((TermQuery)((ConstantScoreQuery)clause).Query).Term;
        return (term, clause.Boost, TermContexts.For(searcher.TopReaderContext, term).DocFreq);
    }

    /// <summary>A text term in more documents than this is left out of retrieval (see <see cref="CommonTermShare"/>).</summary>
    private static int CommonLimit(IndexReader reader, TextStatistics? statistics) =>
        Math.Max(50, (int)((statistics?.NumDocs ?? reader.NumDocs) * CommonTermShare));

    /// <summary>Whether a text term is in at most <paramref name="limit"/> documents: by the frozen statistics when serving, else the index's own count.</summary>
    private static bool Rare(IndexSearcher searcher, TextStatistics? statistics, int limit, Term term, TermContext? context = null) =>
        (statistics?.DocFreq(term.Text) ?? context?.DocFreq ?? searcher.IndexReader.DocFreq(term)) <= limit;

    /// <summary>
    /// The text query's BM25 score of a known candidate, from the term frequencies of its text (kept with its decoded
    /// record) and the segment's length norm: what Lucene's disjunction of the terms gives that document (each term's
    /// score as its TermScorer computes it, added in double and rounded to a float), without walking any postings to it.
    /// </summary>
    private sealed class TextScorer
    {
        private readonly IList<AtomicReaderContext> _leaves;
        private readonly string[] _terms;
        private readonly Similarity.SimWeight[] _weights;
        private readonly Similarity.SimScorer[]?[] _scorers;
        private readonly Similarity _similarity;

        public TextScorer(IndexSearcher searcher, List<(TermQuery Query, TermContext Context)> terms)
        {
            _similarity = searcher.Similarity;
            _leaves = searcher.IndexReader.Leaves;
            _scorers = new Similarity.SimScorer[_leaves.Count][];
            _terms = [.. terms.Select(t => t.Query.Term.Text)];
            var collection = searcher.CollectionStatistics(IndexFields.Text);
            _weights = [.. terms.Select(t =>
            {
                // As TermWeight: the query's boost, then normalized (BM25's query norm is 1, no enclosing boost).
                var weight = _similarity.ComputeWeight(t.Query.Boost, collection, searcher.TermStatistics(t.Query.Term, t.Context));
                weight.Normalize(1f, 1f);
                return weight;
            })];
        }

        public float Score(int doc, TermFrequencies frequencies)
        {
            var leaf = ReaderUtil.SubIndex(doc, _leaves);
            var local = doc - _leaves[leaf].DocBase;
            var scorers = _scorers[leaf] ??= new Similarity.SimScorer[_terms.Length];
            var sum = 0.0;
            for (var t = 0; t < _terms.Length; t++)
            {
                var frequency = frequencies.Of(_terms[t]);
                if (frequency > 0)
                {
                    scorers[t] ??= _similarity.GetSimScorer(_weights[t], _leaves[leaf]);
                    sum += scorers[t].Score(local, frequency);
                }
            }

            return (float)sum;
        }
    }
}
