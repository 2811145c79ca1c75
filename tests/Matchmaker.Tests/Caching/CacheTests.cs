using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using Matchmaker.Caching;
using Matchmaker.Features;
using Matchmaker.Tests.Support;
using Matchmaker.V1;
using Microsoft.Extensions.DependencyInjection;

namespace Matchmaker.Tests.Caching;

/// <summary>
/// The match-list cache against a real redis-server: hits after misses, exact invalidation for
/// each kind of change, model activation, Redis dying and coming back, and the metrics.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class CacheTests : IDisposable
{
    private readonly RedisServer _redis = new();
    private InProcessService? _service;
    private MeterCounts? _counts;

    [RedisFact]
    public async Task A_repeated_request_is_a_hit_with_the_same_list()
    {
        await Start();
        await Seed();

        var first = await Match("Q-1");
        var second = await Match("Q-1");

        Assert.False(first.FromCache);
        Assert.True(second.FromCache);
        Assert.Equal(Summary(first), Summary(second));
        // The hit forwards the stored bytes without decoding them: the client still gets the whole list, field for field.
        Assert.Equal(first, new MatchList(second) { FromCache = false });
        Assert.Equal(1, Count("matchmaker.cache.hits"));
        Assert.Equal(1, Count("matchmaker.cache.misses"));
        // Another request shape is another list.
        Assert.False((await Match("Q-1", topK: 3)).FromCache);
    }

    [RedisFact]
    public async Task An_exporter_that_should_join_a_cached_list_is_in_the_next_one()
    {
        await Start();
        await Seed();
        await Match("Q-1");

        await Upsert(Samples.Exporter("EXP-NEW", "030367"));
        var after = await Match("Q-1");

        Assert.False(after.FromCache);
        Assert.Contains(after.Matches, m => m.ExporterId == "EXP-NEW");
        Assert.Equal(1, Count("matchmaker.cache.invalidations"));
    }

    [RedisFact]
    public async Task An_exporter_that_moves_leaves_or_is_deleted_changes_the_next_list()
    {
        await Start();
        await Seed();
        var before = await Match("Q-1");
        Assert.Equal("EXP-EXACT", before.Matches[0].ExporterId);

        // Moves: the heading-level exporter gains the exact subheading and the required certificate.
        var better = Samples.Exporter("EXP-HEADING", "030367");
        better.Certifications.Add("MSC");
        better.ExportExperienceYears = 30;
        await Upsert(better);
        var moved = await Match("Q-1");
        Assert.False(moved.FromCache);
        Assert.Equal("EXP-HEADING", moved.Matches[0].ExporterId);

        // Leaves: deactivated.
        var inactive = Samples.Exporter("EXP-CHAPTER", "030494");
        inactive.Active = false;
        await Upsert(inactive);
        var left = await Match("Q-1");
        Assert.False(left.FromCache);
        Assert.DoesNotContain(left.Matches, m => m.ExporterId == "EXP-CHAPTER");

        // Leaves: deleted.
        await _service!.Profiles.DeleteExporterAsync(new DeleteExporterRequest { Id = "EXP-EXACT" });
        var deleted = await Match("Q-1");
        Assert.False(deleted.FromCache);
        Assert.DoesNotContain(deleted.Matches, m => m.ExporterId == "EXP-EXACT");

        // Leaves by changing chapter: the old chapter's lists are touched too.
        await Upsert(Samples.Exporter("EXP-HEADING", "440711"));
        var changed = await Match("Q-1");
        Assert.False(changed.FromCache);
        Assert.DoesNotContain(changed.Matches, m => m.ExporterId == "EXP-HEADING");
        Assert.True((await Match("Q-1")).FromCache);
    }

    [RedisFact]
    public async Task A_change_that_cannot_touch_a_list_leaves_it_cached()
    {
        await Start();
        await Seed();
        await Match("Q-1");

        // Another chapter and no word in common with the inquiry.
        var timber = Samples.Exporter("EXP-TIMBER", "440711");
        timber.Name = "Taiga";
        timber.Description = "Sawn larch";
        timber.Products[0].Name = "larch";
        await Upsert(timber);

        Assert.True((await Match("Q-1")).FromCache);
    }

    [RedisFact]
    public async Task An_inquiry_edit_or_a_model_activation_recomputes_its_lists()
    {
        await Start();
        await Seed();
        await Match("Q-1");

        var edited = Samples.Inquiry("Q-1", "440711");
        await _service!.Profiles.UpsertInquiryAsync(new UpsertInquiryRequest { Inquiry = edited });
        var afterEdit = await Match("Q-1");
        Assert.False(afterEdit.FromCache);
        Assert.DoesNotContain(afterEdit.Matches, m => m.ExporterId == "EXP-EXACT");

        Assert.True((await Match("Q-1")).FromCache);
        var model = Path.Combine(_service.DataDirectory, "m");
        GeneratedTraining.Model(model, "cache-model");
        var request = new RegisterModelRequest { Activate = true };
        foreach (var file in Directory.EnumerateFiles(model))
        {
            request.Files[Path.GetFileName(file)] = Google.Protobuf.ByteString.CopyFrom(await File.ReadAllBytesAsync(file));
        }

        await _service.Models.RegisterModelAsync(request);
        var afterActivation = await Match("Q-1");
        Assert.False(afterActivation.FromCache);
        Assert.Equal("cache-model", afterActivation.ModelVersion);
        Assert.True((await Match("Q-1")).FromCache);
    }

    [RedisFact]
    public async Task A_new_statistics_epoch_recomputes_lists()
    {
        await Start();
        await Seed();
        await Match("Q-1");
        await _service!.Matches.RecordFeedbackAsync(new V1.Feedback
        {
            InquiryId = "Q-2", ExporterId = "EXP-EXACT", Kind = FeedbackKind.MeetingHeld, Source = "test",
        });

        _service.Services.GetRequiredService<StatisticsEpochs>().Refresh();

        Assert.False((await Match("Q-1")).FromCache);
    }

    [RedisFact]
    public async Task Reverse_lists_follow_new_closed_and_expiring_inquiries()
    {
        await Start();
        await Seed();
        Assert.False((await MatchExporter("EXP-EXACT")).FromCache);
        Assert.True((await MatchExporter("EXP-EXACT")).FromCache);

        await _service!.Profiles.UpsertInquiryAsync(new UpsertInquiryRequest { Inquiry = Samples.Inquiry("Q-NEW", "030367") });
        var withNew = await MatchExporter("EXP-EXACT");
        Assert.False(withNew.FromCache);
        Assert.Contains(withNew.Matches, m => m.InquiryId == "Q-NEW");

        await _service.Profiles.CloseInquiryAsync(new CloseInquiryRequest { Id = "Q-NEW" });
        var closed = await MatchExporter("EXP-EXACT");
        Assert.DoesNotContain(closed.Matches, m => m.InquiryId == "Q-NEW");

        var expiring = Samples.Inquiry("Q-EXPIRING", "030367");
        expiring.ValidUntil = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddSeconds(2));
        await _service.Profiles.UpsertInquiryAsync(new UpsertInquiryRequest { Inquiry = expiring });
        Assert.Contains((await MatchExporter("EXP-EXACT")).Matches, m => m.InquiryId == "Q-EXPIRING");
        Assert.True((await MatchExporter("EXP-EXACT")).FromCache);
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var expired = await MatchExporter("EXP-EXACT");
        Assert.False(expired.FromCache);
        Assert.DoesNotContain(expired.Matches, m => m.InquiryId == "Q-EXPIRING");
    }

    [RedisFact]
    public async Task Calls_succeed_while_Redis_is_down_and_the_cache_resumes_when_it_returns()
    {
        await Start(ownServer: true);
        await Seed();
        await Match("Q-1");
        Assert.True((await Match("Q-1")).FromCache);

        _redis.Stop();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 10; i++)
        {
            var list = await Match("Q-1");
            Assert.False(list.FromCache);
            Assert.Equal("EXP-EXACT", list.Matches[0].ExporterId);
        }

        // Ten calls, each at most one 50 ms Redis timeout on top of the computation; the breaker skips Redis after three failures.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"10 calls took {clock.Elapsed}");
        Assert.True(Count("matchmaker.cache.errors") > 0);

        await _redis.StartAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var resumed = false;
        while (!resumed && DateTime.UtcNow < deadline)
        {
            await Match("Q-1");
            resumed = (await Match("Q-1")).FromCache;
            await Task.Delay(200);
        }

        Assert.True(resumed, "the cache did not resume after Redis came back");
        var redisLogs = _logs.Entries.Where(e => e.Category.EndsWith("RedisMatchListStore", StringComparison.Ordinal)).ToList();
        Assert.Single(redisLogs, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning);
        Assert.Contains(redisLogs, e => e.Message.Contains("answers again", StringComparison.Ordinal));
    }

    [RedisFact]
    public async Task Redis_killed_and_restarted_under_load_fails_no_call()
    {
        await Start(ownServer: true);
        await Seed();
        using var stop = new CancellationTokenSource();
        var calls = 0L;
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var cachedAfterRestart = 0L;
        var restarted = false;

        // Four clients asking for lists and one editing exporters (which invalidates lists), all the while.
        async Task Client(int n)
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    if (n == 4)
                    {
                        await Upsert(Samples.Exporter($"EXP-LOAD-{Interlocked.Increment(ref calls) % 20}", "030367"));
                        continue;
                    }

                    var list = await Match(n % 2 == 0 ? "Q-1" : "Q-2");
                    Interlocked.Increment(ref calls);
                    if (Volatile.Read(ref restarted) && list.FromCache)
                    {
                        Interlocked.Increment(ref cachedAfterRestart);
                    }
                }
                catch (Exception e)
                {
                    failures.Add(e.Message);
                }
            }
        }

        var clients = Enumerable.Range(0, 5).Select(Client).ToList();
        await Task.Delay(1000);
        _redis.Stop();
        await Task.Delay(1500);
        await _redis.StartAsync();
        Volatile.Write(ref restarted, true);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Interlocked.Read(ref cachedAfterRestart) == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        await stop.CancelAsync();
        await Task.WhenAll(clients);

        Assert.Empty(failures);
        Assert.True(Interlocked.Read(ref calls) > 100, $"only {calls} calls");
        Assert.True(Interlocked.Read(ref cachedAfterRestart) > 0, "the cache did not resume after Redis came back");
        Assert.True(Count("matchmaker.cache.errors") > 0);
    }

    [RedisFact]
    public async Task A_slow_Redis_costs_a_call_its_short_timeout_not_its_delay()
    {
        await Start(ownServer: true);
        await Seed();
        await Match("Q-1");

        await _redis.FreezeAsync(TimeSpan.FromSeconds(3));
        var latencies = new List<TimeSpan>();
        for (var i = 0; i < 5; i++)
        {
            var clock = Stopwatch.StartNew();
            var list = await Match("Q-1");
            latencies.Add(clock.Elapsed);
            Assert.False(list.FromCache);
            Assert.Equal("EXP-EXACT", list.Matches[0].ExporterId);
        }

        // 50 ms timeout plus computing the list; far from the 3 s Redis takes.
        Assert.All(latencies, l => Assert.True(l < TimeSpan.FromSeconds(1), $"a call took {l}"));
    }

    [Fact]
    public async Task Without_Redis_the_in_process_cache_serves_hits_and_follows_changes()
    {
        _service = new InProcessService();
        await Seed();

        Assert.False((await Match("Q-1")).FromCache);
        Assert.True((await Match("Q-1")).FromCache);
        await Upsert(Samples.Exporter("EXP-NEW", "030367"));
        var after = await Match("Q-1");

        Assert.False(after.FromCache);
        Assert.Contains(after.Matches, m => m.ExporterId == "EXP-NEW");
        Assert.IsType<InProcessMatchListStore>(_service.Services.GetRequiredService<IMatchListStore>());
    }

    [Fact]
    public async Task A_bulk_import_publishes_new_statistics_at_once()
    {
        _service = new InProcessService();
        var epochs = _service.Services.GetRequiredService<StatisticsEpochs>();
        var before = epochs.Current;
        var summary = await _service.Profiles.ImportExporters().ImportAsync(Enumerable.Range(0, 50).Select(i => Samples.Exporter($"EXP-{i}", "030367", "030420")));

        Assert.Equal(summary.LastSequence, epochs.Current.ChangeSequence);
        Assert.NotEqual(before.Id, epochs.Current.Id);
        Assert.Equal(50, epochs.Current.ProductSpace.FirmCount);
        Assert.True(epochs.Current.Text.DocCount >= 50);
    }

    [Fact]
    public async Task An_epoch_captured_during_writes_describes_one_point_of_the_change_log()
    {
        _service = new InProcessService();
        var epochs = _service.Services.GetRequiredService<StatisticsEpochs>();
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                await Upsert(Samples.Exporter($"EXP-W{i}", "030367", "440710"));
            }
        });

        var seen = new HashSet<long>();
        while (seen.Count < 20 && !writer.IsCompleted)
        {
            var epoch = epochs.Refresh();
            if (epoch.ChangeSequence == 0 || !seen.Add(epoch.ChangeSequence))
            {
                continue;
            }

            // Every change so far inserted one exporter: at sequence S the index and the product space hold exactly S.
            Assert.Equal(epoch.ChangeSequence, epoch.Text.NumDocs);
            Assert.Equal(epoch.ChangeSequence, epoch.ProductSpace.FirmCount);
        }

        await stop.CancelAsync();
        await writer; // rethrows what stopped the writer early, if anything did
        Assert.Equal(20, seen.Count);
    }

    [Fact]
    public void A_stored_list_reads_back_whole_and_damaged_bytes_read_as_no_list()
    {
        var list = new CachedMatchList(42, DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000), [7u, 9u, uint.MaxValue], "demo-lgbm-1",
            new byte[] { 1, 2, 3, 4, 5 });
        var bytes = list.Serialize();

        var back = CachedMatchList.Deserialize(bytes)!;
        Assert.Equal((42L, list.ExpiresAt, "demo-lgbm-1"), (back.ComputedAt, back.ExpiresAt, back.ModelVersion));
        Assert.Equal(list.Buckets, back.Buckets);
        Assert.Equal(list.Payload.ToArray(), back.Payload.ToArray());
        Assert.Null(CachedMatchList.Deserialize(new CachedMatchList(1, null, [], "m", Array.Empty<byte>()).Serialize())!.ExpiresAt);
        for (var cut = 0; cut < bytes.Length; cut++)
        {
            Assert.Null(CachedMatchList.Deserialize(bytes[..cut]));
        }

        var otherVersion = (byte[])bytes.Clone();
        otherVersion[0]++;
        Assert.Null(CachedMatchList.Deserialize(otherVersion));
    }

    [Fact]
    public async Task The_in_process_store_stays_within_its_byte_bound_dropping_the_least_recent()
    {
        var store = new InProcessMatchListStore(maxBytes: 1_000);
        for (var i = 0; i < 20; i++)
        {
            await store.SetAsync($"k{i}", new byte[100], TimeSpan.FromHours(1), default);
            await store.GetAsync("k0", default); // k0 stays recent
        }

        Assert.True(store.Bytes <= 1_000);
        Assert.NotNull(await store.GetAsync("k0", default));
        Assert.NotNull(await store.GetAsync("k19", default));
        Assert.Null(await store.GetAsync("k1", default));
    }

    [Fact]
    public void A_list_is_current_only_if_nothing_it_depends_on_changed_after_it_was_computed()
    {
        var tracker = new DependencyTracker();
        Assert.False(tracker.IsCurrent([1u], 10)); // not opened: nothing is trusted

        tracker.Open(floor: 5);
        tracker.Touch([1u, 2u], 8);

        Assert.False(tracker.IsCurrent([1u], 4));  // computed before this process followed the log
        Assert.False(tracker.IsCurrent([2u, 3u], 7));
        Assert.True(tracker.IsCurrent([2u, 3u], 8));
        Assert.True(tracker.IsCurrent([3u], 6));
    }

    public void Dispose()
    {
        _counts?.Dispose();
        _service?.Dispose();
        _redis.Dispose();
    }

    private readonly CapturedLogs _logs = new();

    /// <param name="ownServer">A server of this test's own (one it may stop); otherwise the one .ci/run started, when there is one.</param>
    private async Task Start(bool ownServer = false)
    {
        var configuration = ownServer ? null : await RedisServer.SharedAsync();
        if (configuration is null)
        {
            await _redis.StartAsync();
            configuration = _redis.Configuration;
        }

        // The invalidation tests must not depend on how busy the machine is (other test classes train
        // models in parallel): they get a generous Redis timeout. The outage tests keep the 50 ms default.
        var timeout = ownServer ? "50" : "2000";
        _service = new InProcessService(_logs, ("Matchmaker:Cache:Redis", configuration), ("Matchmaker:Cache:TimeoutMilliseconds", timeout));
        _counts = new MeterCounts(_service.Services);
    }

    private long Count(string instrument) => _counts![instrument];

    private async Task Seed()
    {
        await Upsert(Samples.Exporter("EXP-EXACT", "030367"));
        await Upsert(Samples.Exporter("EXP-HEADING", "030389"));
        await Upsert(Samples.Exporter("EXP-CHAPTER", "030494"));
        await _service!.Profiles.UpsertInquiryAsync(new UpsertInquiryRequest { Inquiry = Samples.Inquiry("Q-1", "030367") });
        await _service.Profiles.UpsertInquiryAsync(new UpsertInquiryRequest { Inquiry = Samples.Inquiry("Q-2", "030389") });
    }

    private async Task Upsert(ExporterProfile exporter) =>
        await _service!.Profiles.UpsertExporterAsync(new UpsertExporterRequest { Exporter = exporter });

    private async Task<MatchList> Match(string inquiryId, int topK = 10) =>
        await _service!.Matches.MatchInquiryAsync(new MatchInquiryRequest { InquiryId = inquiryId, TopK = topK });

    private async Task<MatchList> MatchExporter(string exporterId) =>
        await _service!.Matches.MatchExporterAsync(new MatchExporterRequest { ExporterId = exporterId, TopK = 10 });

    private static string Summary(MatchList list) =>
        string.Join(";", list.Matches.Select(m => $"{m.ExporterId}:{m.Rank}:{m.Score}:{m.Reasons.Count}"));
}
