using Lucene.Net.Search;
using Matchmaker.DemoData;
using Matchmaker.Index;
using Matchmaker.Matching;
using Matchmaker.Profiles;
using Matchmaker.Store;
using Matchmaker.Tests.Support;

namespace Matchmaker.Tests.Matching;

/// <summary>
/// Retrieval skips what cannot enter the list (MaxScore); it must return exactly what Lucene's own
/// BooleanQuery (the same clauses) sorted by score then id returns, over several segments with deleted documents, with
/// and without a request filter, for short and long lists; and each candidate's text score must be Lucene's.
/// </summary>
public sealed class MaxScoreTopDocsTests : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public void The_pruned_top_documents_are_exactly_those_of_the_full_query()
    {
        var (generator, exporters, store, index) = Indexed();
        using var owned = store;
        using var ownedIndex = index;
        var compared = 0;
        var pruned = 0;
        foreach (var inquiry in generator.Inquiries(120))
        {
            var hs = (BooleanQuery?)QueryFactory.Hs(inquiry.HsCodes);
            var text = (BooleanQuery?)QueryFactory.Text(QueryFactory.QueryTextOf(inquiry));
            var countryFilter = QueryFactory.ExporterFilter(new ExporterFilter { Countries = [exporters[compared % 50].Country] });
            foreach (var (count, requestFilter) in new[] { (200, (Filter?)null), (20, null), (700, null), (50, countryFilter) })
            {
                var (expected, full) = index.Search(searcher => Lucene(searcher, hs, text, requestFilter, count));
                var candidates = CandidateRetriever.Retrieve(index, null, hs, text, QueryFactory.ActiveExporters, requestFilter, count, index.Exporters);
                var actual = candidates.Select(c => c.Record.Id).ToArray();
                if (text is not null && candidates.Count > 0)
                {
                    // Text relevance comes from the kept term frequencies: exactly the score Lucene's text query gives each candidate.
                    var lucene = index.Search(searcher => TextScores(searcher, text, actual));
                    Assert.Equal(actual.Select(id => lucene.GetValueOrDefault(id)), candidates.Select(c => c.TextScore));
                }

                Assert.Equal(expected, actual);
                compared++;
                pruned += full ? 1 : 0;
            }
        }

        Assert.Equal(480, compared);
        Assert.True(pruned > 100, $"only {pruned} of {compared} lists were full enough to prune");
    }

    [Fact]
    public void A_terms_bound_in_a_segment_is_the_highest_score_its_query_gives_there()
    {
        var (generator, _, store, index) = Indexed();
        using var owned = store;
        using var ownedIndex = index;
        var terms = generator.Inquiries(60).SelectMany(q => QueryFactory.QueryTermsOf(QueryFactory.QueryTextOf(q))).Distinct().ToList();
        var checkedBounds = 0;
        var segments = 0;
        var withDeletions = 0;
        index.Search(searcher =>
        {
            // How many segments there are depends on background merges; what matters is more than one, some with deleted documents.
            segments = searcher.IndexReader.Leaves.Count;
            withDeletions = searcher.IndexReader.Leaves.Count(leaf => leaf.AtomicReader.HasDeletions);
            var collection = searcher.CollectionStatistics(IndexFields.Text);
            foreach (var text in terms)
            {
                var term = new global::Lucene.Net.Index.Term(IndexFields.Text, text);
                var weight = searcher.Similarity.ComputeWeight(1f, collection, searcher.TermStatistics(term, global::Lucene.Net.Index.TermContext.Build(searcher.TopReaderContext, term)));
                weight.Normalize(1f, 1f);
                // Lucene's own scores of every document with the term (deleted ones too: a bound may cover them), highest per segment.
                var highest = new Dictionary<int, float>();
                foreach (var leaf in searcher.IndexReader.Leaves)
                {
                    var scorer = searcher.CreateNormalizedWeight(new TermQuery(term)).GetScorer(leaf, null);
                    for (var doc = scorer?.NextDoc() ?? DocIdSetIterator.NO_MORE_DOCS; doc != DocIdSetIterator.NO_MORE_DOCS; doc = scorer!.NextDoc())
                    {
                        highest[leaf.Ord] = Math.Max(highest.GetValueOrDefault(leaf.Ord), scorer!.GetScore());
                    }

                    var bound = TermBounds.Max(leaf.AtomicReader, term, searcher.Similarity.GetSimScorer(weight, leaf));
                    Assert.Equal(highest.GetValueOrDefault(leaf.Ord), (float)bound!.Value);
                    checkedBounds++;
                }
            }

            return 0;
        });
        Assert.True(terms.Count > 50, $"only {terms.Count} query terms");
        Assert.True(segments > 1 && withDeletions > 0, $"{segments} segments, {withDeletions} with deletions");
        Assert.Equal(terms.Count * segments, checkedBounds);
    }

    public void Dispose() => _data.Dispose();

    /// <summary>6,000 demo exporters in several segments, with updates and deletions leaving deleted documents in older ones.</summary>
    private (DemoDataGenerator Generator, List<Exporter> Exporters, SqliteRecordStore Store, SearchIndex Index) Indexed()
    {
        var asOf = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var generator = new DemoDataGenerator(11, asOf);
        var store = new SqliteRecordStore(Path.Combine(_data.Path, "store.db"), ProfileRecordKinds.All);
        var index = new SearchIndex(Path.Combine(_data.Path, "index"));
        var exporters = generator.Exporters(6_000).ToList();
        var table = store.Table<Exporter>();
        for (var i = 0; i < exporters.Count; i++)
        {
            index.Follow(table.Upsert(exporters[i], null));
            if (i % 1_000 == 999)
            {
                index.Refresh(); // a new segment
            }
        }

        for (var i = 0; i < exporters.Count; i += 7)
        {
            index.Follow(i % 2 == 0 ? table.Delete(exporters[i].Id, null) : table.Upsert(exporters[i] with { Active = i % 3 != 0 }, null));
        }

        index.Refresh();
        return (generator, exporters, store, index);
    }

    private static Dictionary<string, float> TextScores(IndexSearcher searcher, Query text, string[] ids)
    {
        var only = new BooleanQuery();
        foreach (var id in ids)
        {
            only.Add(new TermQuery(new Lucene.Net.Index.Term(IndexFields.Uid, IndexFields.ExporterUid(id))), Occur.SHOULD);
        }

        var top = searcher.Search(new FilteredQuery(text, new QueryWrapperFilter(only)), ids.Length);
        return top.ScoreDocs.ToDictionary(d => searcher.Doc(d.Doc).Get(IndexFields.Id, System.Globalization.CultureInfo.InvariantCulture), d => d.Score);
    }

    /// <summary>Lucene's own top documents for the query retrieval runs, and whether more documents matched than the list holds.</summary>
    private static (string[] Ids, bool Full) Lucene(IndexSearcher searcher, BooleanQuery? hs, BooleanQuery? text, Filter? requestFilter, int count)
    {
        var query = CandidateRetriever.LuceneQuery(searcher, null, hs, text, QueryFactory.ActiveExporters, requestFilter);
        var top = searcher.Search(query, null, count, CandidateRetriever.ScoreThenId, doDocScores: false, doMaxScore: false);
        return ([.. top.ScoreDocs.Select(d => searcher.Doc(d.Doc).Get(IndexFields.Id, System.Globalization.CultureInfo.InvariantCulture))], top.TotalHits > count);
    }
}
