using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Matchmaker.Index;
using Matchmaker.Profiles;
using Matchmaker.Serving;
using Matchmaker.Store;
using Microsoft.Data.Sqlite;
using Matchmaker.DemoData;
using Matchmaker.Mapping;
using Matchmaker.V1;

namespace Matchmaker.Benchmarks;

/// <summary>
/// Bulk import as a portal's nightly load does it: the real server as a child process on loopback
/// (so the server's CPU and memory are its own), a fresh data folder per run, demo exporters
/// streamed through ImportExporters. Each run reports profiles per second from the first record
/// sent to the summary received (stored durably, indexed, visible), and the server's peak resident
/// memory while it ran (sampled every 50 ms). The second run of each pair has a portal beside the
/// import: one client on its own connection (as a portal and a nightly import job would be)
/// upserting single exporters every 20 ms (new profiles and edits of imported ones), whose waits are
/// reported as p50/p99/max: what a user editing a profile sees while the import runs. First, in
/// this process, the ceilings of the import's two engines on the same records, each alone: Lucene.Net
/// indexing prepared documents on one thread (and on two), and the record store's transactions.
/// </summary>
internal static class ImportBenchmark
{
    /// <param name="server">A server build (Matchmaker.Server.dll or its folder) to measure instead of the one beside this benchmark (an earlier commit's, say).</param>
    /// <param name="warmup">Exporters imported (with the portal upserting beside them) before each timed run, so that the figures are a running server's, not a just-started one's while its code is still being compiled; 0: a cold server.</param>
    public static async Task RunAsync(int exporters, int runs, int seed, string? server = null, int warmup = DefaultWarmup)
    {
        server ??= ServerChild.BuiltServer();
        Console.WriteLine($"# import: {exporters:N0} demo exporters through ImportExporters into a fresh server ({server}, child process), seed {seed}; " +
            $"{runs} run(s) alone and {runs} with a portal upserting one exporter every 20 ms; " +
            (warmup > 0 ? $"each server warmed up first ({warmup:N0} other exporters imported with the portal beside them, then 2 s idle)" : "cold servers (--warmup 0)"));
        var generator = new DemoDataGenerator(seed, DateTimeOffset.UtcNow);
        var messages = generator.Exporters(exporters).Select(e => e.ToProto()).ToList();
        // The portal's own profiles: other ids, so its inserts are not the import's records.
        var portal = new DemoDataGenerator(seed + 1, DateTimeOffset.UtcNow).Exporters(2_000).Select(e =>
        {
            var p = e.ToProto();
            p.Id = "portal-" + p.Id;
            return p;
        }).ToList();

        // Warm-up records: other ids again, so the timed import still creates every one of its records.
        var warmupMessages = new DemoDataGenerator(seed + 2, DateTimeOffset.UtcNow).Exporters(warmup).Select(e =>
        {
            var p = e.ToProto();
            p.Id = "warmup-" + p.Id;
            return p;
        }).ToList();
        var warmupPortal = warmupMessages.Take(Math.Max(1, warmup / 10)).Select(p =>
        {
            var own = p.Clone();
            own.Id = "portal-" + own.Id;
            return own;
        }).ToList();
        Ceilings(new DemoDataGenerator(seed, DateTimeOffset.UtcNow).Exporters(exporters).Select(e => ProfileValidator.Prepare(e)).ToList());
        for (var run = 1; run <= runs; run++)
        {
            foreach (var withPortal in new[] { false, true })
            {
                using var child = await ServerChild.StartAsync("import", server);
                if (warmup > 0)
                {
                    await WarmUpAsync(child, warmupMessages, warmupPortal);
                }

                var peak = 0.0;
                using var stop = new CancellationTokenSource();
                var sampler = Task.Run(async () =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        peak = Math.Max(peak, child.ResidentMegabytes);
                        await Task.Delay(50);
                    }
                });
                var before = child.ResidentMegabytes;
                var waits = new List<double>();
                var errors = 0;
                var upserts = withPortal ? Task.Run(() => Portal(child, portal, messages, waits, () => errors++, stop.Token)) : Task.CompletedTask;
                var seconds = await BenchImport.RunAsync(child.Profiles.ImportExporters(), messages);
                await stop.CancelAsync();
                await Task.WhenAll(sampler, upserts);
                var line = string.Create(CultureInfo.InvariantCulture,
                    $"run {run}{(withPortal ? " + portal" : "        ")}: {exporters / seconds,8:N0} profiles/s ({seconds:0.0} s); server RSS {before:N0} MB when idle, peak {peak:N0} MB during the import");
                if (withPortal)
                {
                    var sorted = waits.Order().ToArray();
                    line += sorted.Length == 0
                        ? "; no portal upsert finished"
                        : string.Create(CultureInfo.InvariantCulture,
                            $"; portal upserts during the import: {sorted.Length:N0}, p50 {Latencies.Percentile(sorted, 0.5):0.0} ms, p99 {Latencies.Percentile(sorted, 0.99):0.0} ms, max {sorted[^1]:0.0} ms, errors {errors}")
                        + (sorted.Length < 100 ? " (fewer than 100 upserts: p99 is the slowest; import more exporters for a steadier figure)" : "");
                }

                Console.WriteLine(line);
            }
        }
    }

    /// <summary>The default warm-up: enough for the server's hot paths (import, single writes, publishing) to reach optimized code.</summary>
    public const int DefaultWarmup = 10_000;

    /// <summary>
    /// A just-started server compiles its hot code twice (quickly, then optimized once it proves hot)
    /// on the same two cores that serve, for the first 10–20 s of work: a nightly import meets a
    /// running server, so the timed runs come after an import and single writes of their own.
    /// </summary>
    private static async Task WarmUpAsync(ServerChild child, List<ExporterProfile> records, List<ExporterProfile> portal)
    {
        using var stop = new CancellationTokenSource();
        var upserts = Task.Run(() => Portal(child, portal, records, [], () => { }, stop.Token));
        await BenchImport.RunAsync(child.Profiles.ImportExporters(), records);
        await stop.CancelAsync();
        await upserts;
        await Task.Delay(TimeSpan.FromSeconds(2));
    }

    private static async Task Portal(ServerChild child, List<ExporterProfile> own, List<ExporterProfile> imported, List<double> waits, Action error,
        CancellationToken stop)
    {
        using var channel = GrpcChannel.ForAddress(child.Url);
        var profiles = new ProfileService.ProfileServiceClient(channel);
        var random = new Random(7);
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            // Half new profiles, half edits of records the import may already have stored.
            var profile = i % 2 == 0 ? own[i / 2 % own.Count].Clone() : imported[random.Next(imported.Count)].Clone();
            profile.Employees = random.Next(5, 500);
            var start = Stopwatch.GetTimestamp();
            try
            {
                await profiles.UpsertExporterAsync(new UpsertExporterRequest { Exporter = profile }, cancellationToken: CancellationToken.None);
                if (!stop.IsCancellationRequested)
                {
                    waits.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
            }
            catch (RpcException)
            {
                error();
            }

            try
            {
                await Task.Delay(20, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>What each engine does alone with these records: the bound an import through both cannot beat.</summary>
    private static void Ceilings(List<Exporter> prepared)
    {
        var bodies = prepared.Select(ProfileRecordKinds.Exporter.Serialize).ToList();
        foreach (var threads in new[] { 1, 2 })
        {
            var folder = System.IO.Directory.CreateTempSubdirectory("matchmaker-bench-lucene-");
            try
            {
                using var directory = new NIOFSDirectory(folder);
                using var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, SearchIndex.Analyzer) { RAMBufferSizeMB = 64 });
                using var searchers = new SearcherManager(writer, true, null);
                var clock = Stopwatch.StartNew();
                foreach (var batch in Enumerable.Range(0, prepared.Count).Chunk(BulkImport<Exporter>.BatchSize))
                {
                    Parallel.ForEach(batch, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
                        writer.UpdateDocument(new Term("uid", IndexFields.ExporterUid(prepared[i].Id)), DocumentFactory.ForExporter(prepared[i], bodies[i])));
                    searchers.MaybeRefreshBlocking();
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"ceiling: Lucene.Net alone, {threads} indexing thread(s), prepared documents, visible every {BulkImport<Exporter>.BatchSize:N0}: {prepared.Count / clock.Elapsed.TotalSeconds,8:N0} profiles/s"));
            }
            finally
            {
                folder.Delete(recursive: true);
            }
        }

        Parts(prepared, bodies);

        var storeFolder = System.IO.Directory.CreateTempSubdirectory("matchmaker-bench-store-");
        try
        {
            using var store = new SqliteRecordStore(Path.Combine(storeFolder.FullName, "store.db"), ProfileRecordKinds.All);
            var clock = Stopwatch.StartNew();
            foreach (var batch in prepared.Chunk(BulkImport<Exporter>.BatchSize))
            {
                store.Table<Exporter>().UpsertMany(batch);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ceiling: the record store alone, transactions of {BulkImport<Exporter>.BatchSize:N0} (fsync each): {prepared.Count / clock.Elapsed.TotalSeconds,8:N0} profiles/s"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            storeFolder.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Where Lucene.Net's time per document goes: the demo exporters indexed on one thread, visible once a
    /// second as an import makes itself, with their documents cut to the fields every document has, then
    /// with the keyword fields, the text and the stored body added in turn; each line the benchmark
    /// process's CPU per document (its merges and garbage collection included; nothing else runs in it).
    /// An import cannot go faster than the machine's cores spend on the whole document.
    /// </summary>
    private static void Parts(List<Exporter> prepared, List<string> bodies)
    {
        string[] keywords = [IndexFields.Hs(2), IndexFields.Hs(4), IndexFields.Hs(6), IndexFields.Country, IndexFields.Region,
            IndexFields.Certification, IndexFields.Language, IndexFields.Market, IndexFields.Active];
        (string Name, string[] Drop)[] parts =
        [
            ("uid, type and id", [.. keywords, IndexFields.Text, IndexFields.Body]),
            ("+ keywords (HS codes, country, …)", [IndexFields.Text, IndexFields.Body]),
            ("+ analysed text", [IndexFields.Body]),
            ("+ stored body (the whole document)", []),
        ];
        var line = new List<string>();
        foreach (var (name, drop) in parts)
        {
            var folder = System.IO.Directory.CreateTempSubdirectory("matchmaker-bench-parts-");
            try
            {
                using var directory = new NIOFSDirectory(folder);
                using var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, SearchIndex.Analyzer) { RAMBufferSizeMB = 64 });
                using var searchers = new SearcherManager(writer, true, null);
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var published = Stopwatch.StartNew();
                for (var i = 0; i < prepared.Count; i++)
                {
                    var document = DocumentFactory.ForExporter(prepared[i], bodies[i]);
                    foreach (var field in drop)
                    {
                        document.RemoveFields(field);
                    }

                    writer.UpdateDocument(new Term("uid", IndexFields.ExporterUid(prepared[i].Id)), document);
                    if (published.ElapsedMilliseconds >= 1_000)
                    {
                        searchers.MaybeRefreshBlocking();
                        published.Restart();
                    }
                }

                searchers.MaybeRefreshBlocking();
                var micros = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds * 1000 / prepared.Count;
                line.Add(string.Create(CultureInfo.InvariantCulture, $"{name} {micros:0}"));
            }
            finally
            {
                folder.Delete(recursive: true);
            }
        }

        Console.WriteLine($"ceiling: Lucene.Net alone, 1 indexing thread, visible once a second, µs of a core per exporter document: {string.Join("; ", line)}");
    }
}
