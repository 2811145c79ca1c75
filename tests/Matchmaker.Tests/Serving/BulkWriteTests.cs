using Lucene.Net.Index;
using Lucene.Net.Search;
using Matchmaker.Caching;
using Matchmaker.Hosting;
using Matchmaker.Index;
using Matchmaker.Profiles;
using Matchmaker.Serving;
using Matchmaker.Store;
using Matchmaker.Tests.Support;
using Matchmaker.V1;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Exporter = Matchmaker.Profiles.Exporter;
using Product = Matchmaker.Profiles.Product;

namespace Matchmaker.Tests.Serving;

/// <summary>
/// The bulk write path: an import's batches may leave making themselves visible for later, but a
/// single write made meanwhile, and the import itself, return only once what they wrote is visible;
/// a batch retires cached lists as a whole; index documents built one after another on one thread
/// (their fields are reused) carry nothing of the one before; bodies are stored in their own script.
/// </summary>
public sealed class BulkWriteTests : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task An_import_that_stores_nothing_reports_where_the_change_log_stands()
    {
        using var service = new InProcessService();
        await service.Profiles.UpsertExporterAsync(new UpsertExporterRequest { Exporter = Samples.Exporter("EXP-1") });
        await service.Profiles.UpsertExporterAsync(new UpsertExporterRequest { Exporter = Samples.Exporter("EXP-2") });
        var stored = await Import(service, Samples.Exporter("EXP-3"));
        var bad = Samples.Exporter("EXP-BAD");
        bad.Country = "nowhere";

        var refused = await Import(service, bad);

        Assert.Equal((1, 0), (refused.Received, refused.Imported));
        Assert.Equal(3, stored.LastSequence);
        Assert.Equal(3, refused.LastSequence); // it said 0
    }

    [Fact]
    public async Task Writing_what_is_stored_makes_no_version_and_keeps_the_lists_cached()
    {
        using var service = new InProcessService();
        await service.Profiles.UpsertExporterAsync(new UpsertExporterRequest { Exporter = Samples.Exporter("EXP-1") });
        await service.Profiles.UpsertInquiryAsync(new UpsertInquiryRequest { Inquiry = Samples.Inquiry("Q-1") });
        var catalog = service.Services.GetRequiredService<ProfileCatalog>();
        var request = new MatchInquiryRequest { InquiryId = "Q-1", TopK = 5 };
        Assert.False((await service.Matches.MatchInquiryAsync(request)).FromCache);
        var position = catalog.LastSequence;

        var same = await service.Profiles.UpsertExporterAsync(new UpsertExporterRequest { Exporter = Samples.Exporter("EXP-1"), ExpectedVersion = 1 });

        Assert.Equal((1L, true), (same.Exporter.Version, same.Unchanged));
        Assert.Equal(position, catalog.LastSequence); // no change-log entry
        Assert.True((await service.Matches.MatchInquiryAsync(request)).FromCache); // nothing changed, nothing retired
        var edited = Samples.Exporter("EXP-1");
        edited.Employees += 7;
        var stored = await service.Profiles.UpsertExporterAsync(new UpsertExporterRequest { Exporter = edited });
        Assert.Equal((2L, false), (stored.Exporter.Version, stored.Unchanged));
        Assert.Equal(position + 1, catalog.LastSequence);
        Assert.False((await service.Matches.MatchInquiryAsync(request)).FromCache);
    }

    [Fact]
    public async Task Importing_records_again_stores_only_those_that_changed()
    {
        using var service = new InProcessService();
        var index = service.Services.GetRequiredService<SearchIndex>();
        var first = await Import(service, Samples.Exporter("EXP-1"), Samples.Exporter("EXP-2"), Samples.Exporter("EXP-3"));
        var renamed = Samples.Exporter("EXP-2");
        renamed.Name = "Renamed Fisheries";

        var second = await Import(service, Samples.Exporter("EXP-1"), renamed, Samples.Exporter("EXP-3"));
        await service.Profiles.UpsertInquiryAsync(new UpsertInquiryRequest { Inquiry = Samples.Inquiry("Q-1") });
        var request = new MatchInquiryRequest { InquiryId = "Q-1", TopK = 5 };
        Assert.False((await service.Matches.MatchInquiryAsync(request)).FromCache);
        var applied = index.AppliedSequence;
        var third = await Import(service, Samples.Exporter("EXP-1"), renamed, Samples.Exporter("EXP-3"));

        Assert.Equal((3, 0, 3), (first.Imported, first.Unchanged, first.LastSequence));
        Assert.Equal((3, 2, 4), (second.Imported, second.Unchanged, second.LastSequence));
        Assert.Equal((3, 3, 5), (third.Imported, third.Unchanged, third.LastSequence));
        Assert.Equal(applied, index.AppliedSequence);
        // Its end took a statistics epoch with the inquiry written since; one more unchanged import retires nothing.
        Assert.False((await service.Matches.MatchInquiryAsync(request)).FromCache);
        await Import(service, Samples.Exporter("EXP-1"), renamed, Samples.Exporter("EXP-3"));
        Assert.True((await service.Matches.MatchInquiryAsync(request)).FromCache);
        Assert.Empty(service.Services.GetRequiredService<ChangeFeed>().Lagging); // no follower set aside by a batch with no change
        var versions = await Task.WhenAll(new[] { "EXP-1", "EXP-2", "EXP-3" }.Select(async id =>
            (await service.Profiles.GetExporterAsync(new GetExporterRequest { Id = id })).Version));
        Assert.Equal(new long[] { 1, 2, 1 }, versions);
    }

    private static async Task<ImportSummary> Import(InProcessService service, params ExporterProfile[] exporters)
    {
        using var import = service.Profiles.ImportExporters();
        foreach (var exporter in exporters)
        {
            await import.RequestStream.WriteAsync(exporter);
        }

        await import.RequestStream.CompleteAsync();
        return await import;
    }

    [Fact]
    public async Task A_single_write_during_an_import_and_the_import_itself_are_matchable_when_they_return()
    {
        using var service = new InProcessService();
        using var import = service.Profiles.ImportExporters();
        // More than one batch, each exporter with an HS subheading of its own.
        const int Count = BulkImport<Exporter>.BatchSize + 300;
        for (var i = 0; i < Count; i++)
        {
            await import.RequestStream.WriteAsync(Samples.Exporter($"EXP-{i:D5}", Code(i)));
        }

        // The first batch is stored (the stream is still open): a single write now is matchable when
        // it returns, and so is what the import stored before it.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await service.Profiles.ExporterExistsAsync("EXP-00000"))
        {
            Assert.True(DateTime.UtcNow < deadline, "the import's first batch was not stored within 30 s");
            await Task.Delay(20);
        }

        await service.Profiles.UpsertExporterAsync(new UpsertExporterRequest { Exporter = Samples.Exporter("SINGLE", "920999") });
        Assert.Equal(["SINGLE"], await Matching(service, "920999"));
        Assert.Equal(["EXP-00000"], await Matching(service, Code(0)));

        await import.RequestStream.CompleteAsync();
        var summary = await import;
        Assert.Equal(Count, summary.Imported);
        Assert.Equal([$"EXP-{Count - 1:D5}"], await Matching(service, Code(Count - 1)));
    }

    [Fact]
    public void An_import_batch_retires_every_list_computed_before_its_last_change_and_none_computed_after()
    {
        var tracker = new DependencyTracker();
        tracker.Open(0);
        uint[] unrelated = [12345u];
        Assert.True(tracker.IsCurrent(unrelated, 5));

        var batch = Enumerable.Range(6, 5).Select(s => (Change)new Change<Exporter>(ProfileRecordKinds.Exporter, s, $"E{s}", 1, false,
            new Exporter { Id = $"E{s}", Country = "RU", Products = [new Product { HsCode = "030367", Name = "fish" }] })).ToList();
        Assert.True(((IChangeFollower)tracker).FollowBatch(batch));

        Assert.False(tracker.IsCurrent(unrelated, 5));
        Assert.False(tracker.IsCurrent(unrelated, 9));
        Assert.True(tracker.IsCurrent(unrelated, 10));
    }

    [Fact]
    public void Documents_built_one_after_another_carry_nothing_of_the_one_before()
    {
        using var engine = MatchmakerEngine.Start(_data.Path, ("Matchmaker:ActivateShippedModel", "false"), ("Matchmaker:DemoData:SeedWhenEmpty", "false"));
        var catalog = engine.Get<ProfileCatalog>();
        var rich = new Exporter
        {
            Id = "RICH", Name = "Rich", Country = "RU", Region = "RU-KHA", Certifications = ["HACCP", "ISO 22000"], Languages = ["ru", "en", "ko"],
            TargetMarkets = ["KR", "JP"], Description = "frozen pollock fillets",
            Products = [new Product { HsCode = "030367", Name = "pollock" }, new Product { HsCode = "160420", Name = "surimi" }],
        };
        var bare = new Exporter { Id = "BARE", Name = "Bare", Country = "KR", Products = [new Product { HsCode = "440799", Name = "timber" }] };
        catalog.ImportExporters([ProfileValidator.Prepare(rich), ProfileValidator.Prepare(bare), ProfileValidator.Prepare(rich with { Id = "RICH-2" })]);

        var index = engine.Get<SearchIndex>();
        string[] Ids(string field, string value) => index.Search(s =>
            s.Search(new TermQuery(new Term(field, value)), 10).ScoreDocs.Select(d => s.Doc(d.Doc).Get(IndexFields.Id, System.Globalization.CultureInfo.InvariantCulture)).Order().ToArray());
        Assert.Equal(["RICH", "RICH-2"], Ids(IndexFields.Certification, ProfileNormalizer.CertificationKey("HACCP")));
        Assert.Equal(["RICH", "RICH-2"], Ids(IndexFields.Language, "ko"));
        Assert.Equal(["RICH", "RICH-2"], Ids(IndexFields.Hs(4), "1604"));
        Assert.Equal(["RICH", "RICH-2"], Ids(IndexFields.Region, "RU-KHA"));
        Assert.Equal(["BARE"], Ids(IndexFields.Hs(2), "44"));
        Assert.Equal(["BARE"], Ids(IndexFields.Country, "KR"));
        Assert.Equal(["RICH", "RICH-2"], Ids(IndexFields.Text, "pollock"));
        Assert.Equal("timber", engine.Get<SearchIndex>().Search(s =>
            DocumentFactory.ReadExporter(s.Doc(s.Search(new TermQuery(new Term(IndexFields.Uid, IndexFields.ExporterUid("BARE"))), 1).ScoreDocs[0].Doc)).Products[0].Name));
    }

    [Fact]
    public void A_batch_indexed_on_several_threads_holds_each_record_once_in_its_last_state()
    {
        using var engine = MatchmakerEngine.Start(_data.Path, ("Matchmaker:ActivateShippedModel", "false"), ("Matchmaker:DemoData:SeedWhenEmpty", "false"));
        var catalog = engine.Get<ProfileCatalog>();
        // 300 records (a batch large enough for the parallel path), one of them written three times in the same batch.
        var batch = Enumerable.Range(0, 297).Select(i => new Exporter { Id = $"E{i:D3}", Name = $"Maker {i}", Country = "RU", Products = [new Product { HsCode = Code(i), Name = "goods" }] })
            .ToList();
        batch.Insert(10, new Exporter { Id = "TWICE", Name = "First", Country = "RU", Products = [new Product { HsCode = "030367", Name = "pollock" }] });
        batch.Insert(150, new Exporter { Id = "TWICE", Name = "Second", Country = "RU", Products = [new Product { HsCode = "160420", Name = "surimi" }] });
        batch.Add(new Exporter { Id = "TWICE", Name = "Third", Country = "RU", Products = [new Product { HsCode = "440799", Name = "timber" }] });
        var changes = catalog.ImportExporters([.. batch.Select(e => ProfileValidator.Prepare(e))], bulk: true);
        catalog.Publish();

        var index = engine.Get<SearchIndex>();
        Assert.Equal(changes[^1].Sequence, index.AppliedSequence);
        Assert.Equal(changes[^1].Sequence, index.VisibleSequence);
        int Count(string field, string value) => index.Search(s => s.Search(new TermQuery(new Term(field, value)), 1).TotalHits);
        Assert.Equal(298, Count(IndexFields.Type, IndexFields.ExporterType));
        Assert.Equal(1, Count(IndexFields.Uid, IndexFields.ExporterUid("TWICE")));
        Assert.Equal(0, Count(IndexFields.Hs(6), "030367"));
        Assert.Equal(0, Count(IndexFields.Hs(6), "160420"));
        Assert.Equal(1, Count(IndexFields.Hs(6), "440799"));
        Assert.Equal("Third", index.Search(s =>
            DocumentFactory.ReadExporter(s.Doc(s.Search(new TermQuery(new Term(IndexFields.Uid, IndexFields.ExporterUid("TWICE"))), 1).ScoreDocs[0].Doc)).Name));
        Assert.All(Enumerable.Range(0, 297), i => Assert.Equal(1, Count(IndexFields.Uid, IndexFields.ExporterUid($"E{i:D3}"))));
    }

    [Fact]
    public void Bodies_keep_every_script_as_written_and_bodies_stored_with_escapes_read_the_same()
    {
        var path = Path.Combine(_data.Path, "store.db");
        using var store = new SqliteRecordStore(path, ProfileRecordKinds.All);
        var exporter = new Exporter { Id = "RU-1", Name = "Минтай Восток", Country = "RU", Description = "냉동 명태 수출", Products = [] };
        store.Table<Exporter>().Upsert(exporter, null);

        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT body FROM exporters WHERE id = 'RU-1'";
        var body = (string)read.ExecuteScalar()!;
        Assert.Contains("Минтай Восток", body, StringComparison.Ordinal);
        Assert.Contains("냉동 명태 수출", body, StringComparison.Ordinal);

        // A body written by an earlier release, with every letter escaped, is read as the same record.
        using var write = connection.CreateCommand();
        write.CommandText = "UPDATE exporters SET body = $b WHERE id = 'RU-1'";
        write.Parameters.AddWithValue("$b", body.Replace("Минтай", "\\u041C\\u0438\\u043D\\u0442\\u0430\\u0439", StringComparison.Ordinal));
        write.ExecuteNonQuery();
        Assert.Equal("Минтай Восток", store.Table<Exporter>().Get("RU-1")!.Name);
    }

    public void Dispose() => _data.Dispose();

    // HS chapters 01–97 but 77 (reserved): a subheading per exporter.
    private static readonly int[] Chapters = [.. Enumerable.Range(1, 97).Where(c => c != 77)];

    private static string Code(int i) => $"{Chapters[i % 96]:D2}{i / 96 % 100:D2}{i / 9600:D2}";

    /// <summary>The exporters a match finds with this very HS subheading.</summary>
    private static async Task<List<string>> Matching(InProcessService service, string code) =>
        [.. (await service.Matches.MatchInquiryAsync(new MatchInquiryRequest { Inquiry = Samples.Inquiry("", code), TopK = 500 })).Matches
            .Where(m => m.Reasons.Any(r => r.Feature == "hs_match" && r.Value >= 1)).Select(m => m.ExporterId)];
}
