using Lucene.Net.Index;
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
/// BooleanQuery sorted by score then id returns, over several segments with deleted documents, with
/// and without a request filter, for short and long lists.
/// </summary>
public sealed class MaxScoreTopDocsTests : IDisposable
{
    private static readonly Sort ScoreThenId = new(SortField.FIELD_SCORE, new SortField(IndexFields.Id, SortFieldType.STRING));
    private readonly TempDirectory _data = new();

    [Fact]
    public void The_pruned_top_documents_are_exactly_those_of_the_full_query()
    {
        var asOf = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var generator = new DemoDataGenerator(11, asOf);
        using var store = new SqliteRecordStore(Path.Combine(_data.Path, "store.db"), ProfileRecordKinds.All);
        using var index = new SearchIndex(Path.Combine(_data.Path, "index"));
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

        // Updates and deletions leave deleted documents in older segments.
        for (var i = 0; i < exporters.Count; i += 7)
        {
            index.Follow(i % 2 == 0 ? table.Delete(exporters[i].Id, null) : table.Upsert(exporters[i] with { Active = i % 3 != 0 }, null));
        }

        index.Refresh();
        var compared = 0;
        var pruned = 0;
        foreach (var inquiry in generator.Inquiries(120))
        {
            var hs = (BooleanQuery?)QueryFactory.Hs(inquiry.HsCodes);
            var text = (BooleanQuery?)QueryFactory.Text(QueryFactory.QueryTextOf(inquiry));
            var countryFilter = QueryFactory.ExporterFilter(new ExporterFilter { Countries = [exporters[compared % 50].Country] });
            foreach (var (count, requestFilter) in new[] { (200, (Filter?)null), (20, null), (700, null), (50, countryFilter) })
            {
                var (expected, actual, visited) = index.Search(searcher => Both(searcher, hs, text, requestFilter, count));
                Assert.Equal(expected, actual);
                compared++;
                pruned += visited ? 1 : 0;
            }
        }

        Assert.Equal(480, compared);
        Assert.True(pruned > 100, $"only {pruned} of {compared} lists were full enough to prune");
    }

    public void Dispose() => _data.Dispose();

    private static (int[] Expected, int[] Actual, bool Full) Both(IndexSearcher searcher, BooleanQuery? hs, BooleanQuery? text, Filter? requestFilter,
        int count)
    {
        var should = new BooleanQuery();
        var hsClauses = hs?.Clauses.Select(c => (c.Query, c.Query.Boost)).ToList() ?? [];
        var textClauses = text?.Clauses.Select(c => (TermQuery)c.Query)
            .Select(q => (Query: q, Context: TermContext.Build(searcher.TopReaderContext, q.Term))).ToList() ?? [];
        if (hs is not null)
        {
            should.Add(hs, Occur.SHOULD);
        }

        if (text is not null)
        {
            should.Add(text, Occur.SHOULD);
        }

        var query = new BooleanQuery
        {
            { should, Occur.MUST },
            { new ConstantScoreQuery(QueryFactory.ActiveExporters) { Boost = 0 }, Occur.MUST },
        };
        List<Filter> filters = [QueryFactory.ActiveExporters];
        if (requestFilter is not null)
        {
            query.Add(new ConstantScoreQuery(requestFilter) { Boost = 0 }, Occur.MUST);
            filters.Add(requestFilter);
        }

        var top = searcher.Search(query, null, count, ScoreThenId, doDocScores: false, doMaxScore: false);
        var expected = top.ScoreDocs.Select(d => d.Doc).ToArray();
        var actual = MaxScoreTopDocs.Search(searcher, hsClauses, textClauses, filters, count);
        return (expected, actual, top.TotalHits > count);
    }
}
