using System.Text.Json.Serialization;
using Matchmaker.Hosting;
using Matchmaker.Index;
using Matchmaker.Mapping;
using Matchmaker.Matching;
using Matchmaker.Serving;
using Matchmaker.Store;
using Matchmaker.Tests.Support;
using Matchmaker.V1;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Matchmaker.Tests.Store;

/// <summary>A note: a record kind the product does not have, added the way the README's map says.</summary>
public sealed record Note
{
    public required string Id { get; init; }

    public long Version { get; init; }

    public string Text { get; init; } = "";

    public DateTimeOffset WrittenAt { get; init; }
}

[JsonSerializable(typeof(Note))]
internal sealed partial class NoteJson : JsonSerializerContext;

/// <summary>
/// Adding a record kind takes its record, its <see cref="RecordKind{T}"/>, one registration and the
/// followers that care: the store keeps its table on the one change log, with versions and
/// tombstones, and only its followers see its changes, live and replayed at start-up.
/// </summary>
public sealed class RecordKindTests : IDisposable
{
    private static readonly RecordKind<Note> NoteKind = new("note", "notes", NoteJson.Default.Note, n => n.Id,
        (n, stamp) => n with { Version = stamp.Version, WrittenAt = stamp.Now });

    private readonly TempDirectory _data = new();

    [Fact]
    public void A_new_kind_gets_a_table_on_the_change_log_and_reaches_only_its_own_followers()
    {
        using (var engine = Start())
        {
            var feed = engine.Get<ChangeFeed>();
            var written = feed.Write<Note>(t => t.Upsert(new Note { Id = "N-1", Text = "call the buyer back" }, expectedVersion: 0));
            engine.Get<ProfileCatalog>().UpsertExporter(Samples.Exporter("EXP-1").ToDomain(), null);
            var deleted = feed.Write<Note>(t => t.Delete("N-1", expectedVersion: 1));

            Assert.Equal((1L, false, 3L, true), (written.Version, written.Deleted, deleted.Sequence, deleted.Deleted));
            Assert.Equal("call the buyer back", deleted.Record.Text);
            Assert.Throws<VersionConflictException>(() => feed.Write<Note>(t => t.Upsert(new Note { Id = "N-2" }, expectedVersion: 4)));
            Assert.Equal(["N-1 v1", "N-1 v2 deleted"], engine.Get<NoteFollower>().Seen);
            Assert.Null(feed.Versions.For<Note>().Of("N-1"));
            Assert.Equal(1, engine.Get<SearchIndex>().Search(s => s.IndexReader.NumDocs));
        }

        // Restarted: a follower that lives in memory is rebuilt from the change log's latest states.
        using (var again = Start())
        {
            Assert.Equal(["N-1 v2 deleted"], again.Get<NoteFollower>().Seen);
            Assert.Null(again.Get<IRecordStore>().Table<Note>().Get("N-1"));
        }

        using var connection = new SqliteConnection($"Data Source={Path.Combine(_data.Path, "store.db")};Pooling=False");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT group_concat(kind || ':' || op || ':' || id, ' ') FROM (SELECT * FROM changelog ORDER BY seq)";
        Assert.Equal("note:insert:N-1 exporter:insert:EXP-1 note:delete:N-1", cmd.ExecuteScalar());
    }

    [Fact]
    public async Task Writes_of_another_kind_last_before_a_restart_leave_the_cache_serving()
    {
        using (var engine = Start())
        {
            engine.Get<ProfileCatalog>().UpsertExporter(Samples.Exporter("EXP-1").ToDomain(), null);
            engine.Get<ProfileCatalog>().UpsertInquiry(Samples.Inquiry("Q-1").ToDomain(), null);
            engine.Get<ChangeFeed>().Write<Note>(t => t.Upsert(new Note { Id = "N-1" }, null));
        }

        // Lists are trusted from the change log's position at start-up on: the index must count notes in that position too.
        using var again = Start();
        var lists = again.Get<MatchLists<MatchList>>();
        var first = await lists.ForInquiryAsync("Q-1", ExporterFilter.None, new MatchOptions(), default);
        var second = await lists.ForInquiryAsync("Q-1", ExporterFilter.None, new MatchOptions(), default);

        Assert.Equal(("EXP-1", false, true), (first.Matches.Single().ExporterId, first.FromCache, second.FromCache));
    }

    public void Dispose() => _data.Dispose();

    private MatchmakerEngine Start() => MatchmakerEngine.Start(_data.Path,
        services => services.AddRecordKind(NoteKind).AddChangeFollower<NoteFollower>()
            .AddMatchLists<MatchList, MatchListFormat>(),
        ("Matchmaker:ActivateShippedModel", "false"));

    /// <summary>Follows notes only, from the start of the log.</summary>
    private sealed class NoteFollower : IChangeFollower<Note>
    {
        public List<string> Seen { get; } = [];

        public long ReplayAfter => 0;

        public void Follow(Change<Note> change) => Seen.Add($"{change.Id} v{change.Version}{(change.Deleted ? " deleted" : "")}");
    }
}
