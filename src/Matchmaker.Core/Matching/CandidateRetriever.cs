using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
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
    private static readonly HashSet<string> BodyOnly = [IndexFields.Body];

    public static List<Candidate<T>> Retrieve<T>(SearchIndex index, Query? hs, Query? text, Query filter, int count, Func<Document, T> read)
    {
        var should = new BooleanQuery();
        if (hs is not null)
        {
            should.Add(hs, Occur.SHOULD);
        }

        if (text is not null)
        {
            should.Add(text, Occur.SHOULD);
        }

        if (should.Clauses.Count == 0)
        {
            return [];
        }

        var query = new FilteredQuery(should, new QueryWrapperFilter(filter));
        return index.Search(searcher =>
        {
            var top = searcher.Search(query, count);
            var textScores = new Dictionary<int, float>(top.ScoreDocs.Length);
            if (text is not null && top.ScoreDocs.Length > 0)
            {
                var wanted = top.ScoreDocs.Select(d => d.Doc).ToHashSet();
                searcher.Search(text, new SubsetScoreCollector(wanted, textScores));
            }

            var candidates = new List<Candidate<T>>(top.ScoreDocs.Length);
            foreach (var hit in top.ScoreDocs)
            {
                candidates.Add(new Candidate<T>(read(searcher.Doc(hit.Doc, BodyOnly)), textScores.GetValueOrDefault(hit.Doc)));
            }

            return candidates;
        });
    }

    /// <summary>Records the score of each document in a given set (global doc ids).</summary>
    private sealed class SubsetScoreCollector(HashSet<int> wanted, Dictionary<int, float> scores) : ICollector
    {
        private Scorer? _scorer;
        private int _docBase;

        public bool AcceptsDocsOutOfOrder => true;

        public void SetScorer(Scorer scorer) => _scorer = scorer;

        public void SetNextReader(AtomicReaderContext context) => _docBase = context.DocBase;

        public void Collect(int doc)
        {
            var global = _docBase + doc;
            if (wanted.Contains(global))
            {
                scores[global] = _scorer!.GetScore();
            }
        }
    }
}
