using System.Diagnostics;
using System.Globalization;
using Grpc.Net.Client;
using Matchmaker.Benchmarks.Bench;
using Matchmaker.DemoData;
using Matchmaker.Mapping;
using Matchmaker.V1;
using StackExchange.Redis;

namespace Matchmaker.Benchmarks;

/// <summary>
/// Cache hits over gRPC on loopback against their floor, measured in the same run: one empty gRPC
/// call plus one Redis GET of a cached list's bytes, the least a hit can cost. Rounds alternate
/// hits and floor so drift (GC, CPU frequency) hits both alike. Target: a hit under 1.5× the floor.
/// </summary>
internal static class CacheBenchmark
{
    public static async Task RunAsync(int exporters, int lists, int queries, int seed)
    {
        var redisPort = BenchHost.FreePort();
        await Run("redis-server", $"--port {redisPort} --bind 127.0.0.1 --save \"\" --appendonly no --daemonize yes");

        using var mux = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{redisPort}");
        var (app, url, data) = await BenchHost.StartAsync("--Matchmaker:Cache:Redis", $"127.0.0.1:{redisPort}");
        try
        {
            Console.WriteLine($"# cache: {exporters:N0} exporters, {lists:N0} cached lists (top 10), {queries:N0} timed calls per side, Redis on loopback");
            using var channel = GrpcChannel.ForAddress(url);
            var profiles = new ProfileService.ProfileServiceClient(channel);
            var matches = new MatchService.MatchServiceClient(channel);
            var floor = new Floor.FloorClient(channel);
            var generator = new DemoDataGenerator(seed, DateTimeOffset.UtcNow);
            await BenchImport.RunAsync(profiles.ImportExporters(), generator.Exporters(exporters).Select(e => e.ToProto()));
            var inquiries = generator.Inquiries(lists).Select(q => q.ToProto()).ToList();
            await BenchImport.RunAsync(profiles.ImportInquiries(), inquiries);
            var ids = inquiries.Select(q => q.Id).ToList();
            BenchHost.RefreshStatistics(app);

            foreach (var id in ids)
            {
                await matches.MatchInquiryAsync(new MatchInquiryRequest { InquiryId = id, TopK = 10 });
            }

            await Task.Delay(200); // the stores of the last lists are fire-and-forget
            var server = mux.GetServer(mux.GetEndPoints()[0]);
            var keys = server.Keys(pattern: "mm:*").Select(k => (string)k!).ToList();
            var db = mux.GetDatabase();
            var payload = (await db.StringGetAsync(keys[0])).Length();
            Console.WriteLine($"{keys.Count:N0} lists in Redis; a cached top-10 list is {payload:N0} bytes");

            long misses = 0;
            async Task Hit(int i)
            {
                var list = await matches.MatchInquiryAsync(new MatchInquiryRequest { InquiryId = ids[i % ids.Count], TopK = 10 });
                misses += list.FromCache ? 0 : 1;
            }

            async Task Floor(int i)
            {
                await floor.EmptyAsync(new EmptyRequest());
                await db.StringGetAsync(keys[i % keys.Count]);
            }

            // Not the target's floor, a breakdown of the difference: the floor plus carrying a list's bytes over gRPC.
            var listBytes = (await matches.MatchInquiryAsync(new MatchInquiryRequest { InquiryId = ids[0], TopK = 10 })).CalculateSize();
            async Task Transport(int i)
            {
                await floor.PayloadAsync(new PayloadRequest { Size = listBytes });
                await db.StringGetAsync(keys[i % keys.Count]);
            }

            using var relayConnection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{redisPort}");
            BenchHost.RelayDatabase = relayConnection.GetDatabase();
            async Task Relay(int i) => await floor.RelayAsync(new RelayRequest { Key = keys[i % keys.Count] });

            for (var i = 0; i < 500; i++)
            {
                await Hit(i);
                await Floor(i);
                await Transport(i);
                await Relay(i);
            }

            var hits = new List<double>();
            var floors = new List<double>();
            var transports = new List<double>();
            var relays = new List<double>();
            const int Rounds = 8;
            for (var round = 0; round < Rounds; round++)
            {
                hits.AddRange(await Time(queries / Rounds, Hit));
                floors.AddRange(await Time(queries / Rounds, Floor));
                transports.AddRange(await Time(queries / Rounds, Transport));
                relays.AddRange(await Time(queries / Rounds, Relay));
            }

            var (hitP50, hitP99) = Percentiles(hits);
            var (floorP50, floorP99) = Percentiles(floors);
            Console.WriteLine(Invariant($"cache hit MatchInquiry top 10: p50 {hitP50:0.000} ms, p99 {hitP99:0.000} ms, {1000 / hits.Average():N0} calls/s sequential ({misses} misses)"));
            Console.WriteLine(Invariant($"floor (empty gRPC call + Redis GET of a cached list): p50 {floorP50:0.000} ms, p99 {floorP99:0.000} ms, {1000 / floors.Average():N0}/s sequential"));
            var (transportP50, transportP99) = Percentiles(transports);
            Console.WriteLine(Invariant($"floor + carrying the list's {listBytes:N0} bytes over gRPC (a reply from memory): p50 {transportP50:0.000} ms, p99 {transportP99:0.000} ms"));
            var (relayP50, relayP99) = Percentiles(relays);
            Console.WriteLine(Invariant($"a gRPC call whose server GETs a cached list from Redis and returns its bytes: p50 {relayP50:0.000} ms, p99 {relayP99:0.000} ms"));
            Console.WriteLine(Invariant($"hit / floor: p50 {hitP50 / floorP50:0.00}x, p99 {hitP99 / floorP99:0.00}x (target < 1.5x)"));
            var hitRate = await Concurrent(8, queries, Hit);
            var floorRate = await Concurrent(8, queries, Floor);
            Console.WriteLine(Invariant($"8 concurrent clients: hits {hitRate:N0} calls/s, floor {floorRate:N0}/s"));
        }
        finally
        {
            await BenchHost.StopAsync(app, data);
            await Run("redis-cli", $"-p {redisPort} shutdown nosave");
        }
    }

    private static async Task Run(string program, string arguments)
    {
        using var process = Process.Start(program, arguments) ?? throw new InvalidOperationException($"could not start {program}");
        await process.WaitForExitAsync();
    }

    private static async Task<double[]> Time(int count, Func<int, Task> call)
    {
        var samples = new double[count];
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await call(i);
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        return samples;
    }

    private static async Task<double> Concurrent(int clients, int total, Func<int, Task> call)
    {
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            for (var i = c; i < total; i += clients)
            {
                await call(i);
            }
        })));
        return total / clock.Elapsed.TotalSeconds;
    }

    private static (double P50, double P99) Percentiles(List<double> samples)
    {
        var sorted = samples.Order().ToArray();
        return (Latencies.Percentile(sorted, 0.50), Latencies.Percentile(sorted, 0.99));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
