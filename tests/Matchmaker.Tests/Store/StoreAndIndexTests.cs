using Matchmaker.Hosting;
using Matchmaker.Index;
using Matchmaker.Matching;
using Matchmaker.Profiles;
using Matchmaker.Store;
using Matchmaker.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Matchmaker.Tests.Store;

/// <summary>The record store's change log and the index derived from it, on real files.</summary>
public sealed class StoreAndIndexTests : IDisposable
{
    private readonly TempDirectory _data = new();

    private string StorePath => Path.Combine(_data.Path, "store.db");

    private string IndexPath => Path.Combine(_data.Path, "index");

    [Fact]
    public void A_delete_is_recorded_in_the_change_log_and_the_last_profile_is_kept()
    {
        using (var store = new SqliteRecordStore(StorePath, ProfileRecordKinds.All))
        {
            var exporters = store.Table<Exporter>();
            exporters.Upsert(Exporter("EXP-1", "030367"), null);
            exporters.Upsert(Exporter("EXP-2", "030367"), null);
            var deleted = exporters.Delete("EXP-1", expectedVersion: 1);
            Assert.True(deleted.Deleted);
            Assert.Equal(3, deleted.Sequence);
            Assert.Null(exporters.Get("EXP-1"));
            Assert.Throws<RecordNotFoundException>(() => exporters.Delete("EXP-1", null));
        }

        // Reopened from disk: the change log lists every write, the tombstone keeps the profile.
        using var connection = new SqliteConnection($"Data Source={StorePath}");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT group_concat(op || ':' || id || ':' || version, ' ') FROM (SELECT * FROM changelog ORDER BY seq)";
        Assert.Equal("insert:EXP-1:1 insert:EXP-2:1 delete:EXP-1:2", cmd.ExecuteScalar());
        cmd.CommandText = "SELECT deleted, body LIKE '%030367%' FROM exporters WHERE id = 'EXP-1'";
        using var reader = cmd.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal((1L, 1L), (reader.GetInt64(0), reader.GetInt64(1)));
    }

    [Fact]
    public void Changes_since_a_sequence_give_the_latest_state_of_each_record_in_order()
    {
        using var store = new SqliteRecordStore(StorePath, ProfileRecordKinds.All);
        var exporters = store.Table<Exporter>();
        exporters.Upsert(Exporter("A", "030367"), null);                        // 1
        exporters.Upsert(Exporter("B", "030367"), null);                        // 2
        store.Table<Inquiry>().Upsert(new Inquiry { Id = "Q", BuyerCountry = "KR", HsCodes = ["0303"] }, null); // 3
        exporters.Upsert(Exporter("A", "440711"), null);                        // 4
        exporters.Delete("B", null);                                            // 5

        var changes = store.ReadChangesSince(1).ToList();

        Assert.Equal([3L, 4L, 5L], changes.Select(c => c.Sequence));
        Assert.Equal("Q", Assert.IsType<Change<Inquiry>>(changes[0]).Record.Id);
        Assert.Equal("440711", Assert.IsType<Change<Exporter>>(changes[1]).Record.Products[0].HsCode);
        Assert.True(changes[2].Deleted);
        Assert.Equal(5, store.LastSequence);
    }

    [Fact]
    public async Task The_reindex_command_rebuilds_a_lost_index_from_the_store()
    {
        using (var store = new SqliteRecordStore(StorePath, ProfileRecordKinds.All))
        {
            store.Table<Exporter>().UpsertMany([.. Enumerable.Range(0, 300).Select(i => Exporter($"EXP-{i}", i % 3 == 0 ? "030367" : "440711"))]);
            store.Table<Exporter>().Delete("EXP-0", null);
        }

        Directory.CreateDirectory(IndexPath);
        await File.WriteAllTextAsync(Path.Combine(IndexPath, "garbage"), "not an index");

        var (exit, stdout, stderr) = await Cli.RunAsync("reindex", "--data", _data.Path);

        Assert.True(exit == 0, stderr);
        Assert.Contains("rebuilt the index", stdout, StringComparison.Ordinal);
        Assert.Contains(": 300 records read, 300 of them indexed", stdout, StringComparison.Ordinal); // the delete's tombstone too
        // Core as the server runs it, on the rebuilt folder, ranking with the formula.
        using var engine = MatchmakerEngine.Start(_data.Path, ("Matchmaker:ActivateShippedModel", "false"));
        var result = engine.Get<Matcher>().MatchInquiry(new Inquiry { Id = "Q", BuyerCountry = "KR", HsCodes = ["030367"] }, ExporterFilter.None, new MatchOptions(TopK: 500));
        Assert.Equal(99, result.Matches.Count);
        Assert.DoesNotContain(result.Matches, m => m.Id == "EXP-0");
        Assert.Equal(301, engine.Get<SearchIndex>().CommittedSequence);
    }

    [Fact]
    public void Reindex_refuses_while_another_writer_holds_the_index()
    {
        using var first = new SearchIndex(IndexPath);

        var e = Assert.Throws<IOException>(() => new SearchIndex(IndexPath, create: true));

        Assert.Contains("in use by another process", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_up_replays_only_what_the_last_index_commit_lacks()
    {
        using var store = new SqliteRecordStore(StorePath, ProfileRecordKinds.All);
        using (var index = new SearchIndex(IndexPath))
        {
            foreach (var i in Enumerable.Range(0, 10))
            {
                index.Follow(store.Table<Exporter>().Upsert(Exporter($"EXP-{i}", "030367"), null));
            }
        } // disposed: committed at sequence 10

        store.Table<Exporter>().Upsert(Exporter("LATE-1", "030367"), null);
        store.Table<Exporter>().Upsert(Exporter("LATE-2", "030367"), null);

        using var reopened = new SearchIndex(IndexPath);
        Assert.Equal(10, reopened.CommittedSequence);
        Assert.Equal(2, reopened.CatchUp(store));
        Assert.Equal(12, reopened.Search(s => s.IndexReader.NumDocs));
    }

    [Fact]
    public async Task While_an_import_is_under_way_the_index_commits_at_the_import_interval_and_at_its_own_once_it_ends()
    {
        using var store = new SqliteRecordStore(StorePath, ProfileRecordKinds.All);
        using var index = new SearchIndex(IndexPath, commitInterval: TimeSpan.FromMilliseconds(50), importCommitInterval: TimeSpan.FromHours(1));
        index.Follow(store.Table<Exporter>().Upsert(Exporter("EXP-0", "030367"), null));
        await Until(() => index.CommittedSequence == 1);

        var import = index.ImportUnderWay();
        foreach (var i in Enumerable.Range(1, 5))
        {
            index.Follow(store.Table<Exporter>().Upsert(Exporter($"EXP-{i}", "030367"), null));
        }

        index.Refresh();
        await Task.Delay(500); // ten of the regular intervals
        Assert.Equal(1, index.CommittedSequence);
        Assert.Equal(6, index.Search(s => s.IndexReader.NumDocs)); // visible all the same

        import.Dispose();
        await Until(() => index.CommittedSequence == 6);
    }

    [Fact]
    public async Task A_decoding_pass_under_way_stops_when_an_import_starts_and_finishes_after_it()
    {
        const int count = 20_000;
        using var store = new SqliteRecordStore(StorePath, ProfileRecordKinds.All);
        using var index = new SearchIndex(IndexPath);
        foreach (var change in store.Table<Exporter>().UpsertMany([.. Enumerable.Range(0, count).Select(i => Exporter($"EXP-{i}", "030367"))]))
        {
            index.Follow(change);
        }

        index.Refresh();
        // A thread of its own watches for the pass to begin (a pool thread may not run again before the pass ends on a busy machine).
        IDisposable? import = null;
        long atStart = 0;
        var watcher = new Thread(() =>
        {
            while (index.Exporters.Kept == 0)
            {
                Thread.Yield();
            }

            import = index.ImportUnderWay();
            atStart = index.Exporters.Kept;
        });
        watcher.Start();
        _ = index.WarmDecodedRecords();
        Assert.True(watcher.Join(TimeSpan.FromSeconds(30)), "the pass did not begin");
        await Task.Delay(3000); // a whole pass decodes these in well under a second
        var during = index.Exporters.Kept;

        import!.Dispose();
        await Until(() => index.Exporters.Kept == count, seconds: 60);
        Assert.True(during < count && during <= atStart + 1, $"{atStart} decoded when the import started, {during} 3 s later");
    }

    private static async Task Until(Func<bool> condition, int seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not within {seconds} s");
            await Task.Delay(20);
        }
    }

    public void Dispose() => _data.Dispose();

    private static Exporter Exporter(string id, string hs) => new()
    {
        Id = id,
        Country = "RU",
        Active = true,
        Products = [new Product { HsCode = hs, Name = "product" }],
    };
}
