using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Matchmaker.DemoData;
using Matchmaker.Mapping;
using Matchmaker.Security;
using Matchmaker.Store;
using Matchmaker.V1;

namespace Matchmaker.Benchmarks;

/// <summary>
/// A bounded load: the real server as a child process on loopback, demo data imported once, then a
/// fixed mix of rpcs from closed-loop clients (each sends its next call when the last one answered,
/// so the rate is the highest the machine sustains at that concurrency) for a fixed time. Twice on
/// the same data: in development mode with telemetry off, then with an API key on every call and
/// OpenTelemetry on (metrics, traces, Prometheus), to show what they cost. Reports the rate,
/// p50/p99 overall and per rpc, errors (target 0) and the server's memory at start and end.
/// </summary>
internal static class LoadBenchmark
{
    // The mix: a portal mostly reading lists, some profile reads, feedback from clicks, a few profile edits.
    private static (string Rpc, int Weight)[] _mix =
    [
        ("MatchInquiry", 55), ("MatchExporter", 10), ("GetExporter", 15), ("RecordFeedback", 15), ("UpsertExporter", 5),
    ];

    /// <summary>--only RPC: that rpc alone (to see what one costs under load).</summary>
    public static void Only(string rpc) =>
        _mix = _mix.Any(m => m.Rpc == rpc) ? [(rpc, 100)] : throw new ArgumentException($"--only takes one of {string.Join(", ", _mix.Select(m => m.Rpc))}");

    public static async Task RunAsync(int exporters, int inquiries, int seconds, int clients, int seed)
    {
        var server = ServerChild.BuiltServer();
        var data = Path.Combine(Path.GetTempPath(), "matchmaker-load-" + Guid.NewGuid().ToString("N"));
        Console.WriteLine($"# load: {exporters:N0} exporters, {inquiries:N0} inquiries, {clients} closed-loop clients, {seconds} s per run after 5 s of warm-up, seed {seed}");
        Console.WriteLine($"# mix: {string.Join(", ", _mix.Select(m => $"{m.Rpc} {m.Weight}%"))}");
        var generator = new DemoDataGenerator(seed, DateTimeOffset.UtcNow);
        var exporterMessages = generator.Exporters(exporters).Select(e => e.ToProto()).ToList();
        var inquiryMessages = generator.Inquiries(inquiries).Select(q => q.ToProto()).ToList();
        try
        {
            using (var loader = await ServerChild.StartAsync("load", server, data))
            {
                var importSeconds = await loader.ImportAsync(exporterMessages, inquiryMessages);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"imported {exporters:N0} exporters in {importSeconds:0.0} s"));
            }

            await Run("development mode, telemetry off", server, data, null, exporterMessages, inquiryMessages, seconds, clients, seed,
                "--Matchmaker:Telemetry:Enabled", "false");

            string key;
            using (var database = new SqliteDatabase(Path.Combine(data, "store.db")))
            {
                key = new ApiKeyStore(database).Create("load portal", Roles.Portal, DateTimeOffset.UtcNow).Secret;
            }

            await Run("API key on every call, OpenTelemetry on (metrics, traces, Prometheus)", server, data, key, exporterMessages, inquiryMessages,
                seconds, clients, seed, "--Matchmaker:Telemetry:Enabled", "true");
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task Run(string label, string server, string data, string? key, List<ExporterProfile> exporters, List<BuyerInquiry> inquiries,
        int seconds, int clients, int seed, params string[] settings)
    {
        using var child = await ServerChild.StartAsync("load", server, data, key, settings);
        var latencies = _mix.ToDictionary(m => m.Rpc, _ => new ConcurrentBag<double>());
        var errors = new ConcurrentDictionary<string, int>();
        using var warmUp = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Client(child, exporters, inquiries, seed + c, null, errors, warmUp.Token)));
        errors.Clear();
        var memoryAtStart = child.ResidentMegabytes;
        var clock = Stopwatch.StartNew();
        using var timed = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Client(child, exporters, inquiries, seed + 100 + c, latencies, errors, timed.Token)));
        var elapsed = clock.Elapsed.TotalSeconds;
        var memoryAtEnd = child.ResidentMegabytes;

        var all = latencies.Values.SelectMany(v => v).Order().ToArray();
        Console.WriteLine($"## {label}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{all.Length / elapsed:N0} calls/s over {elapsed:0} s ({all.Length:N0} calls): p50 {Latencies.Percentile(all, 0.5):0.00} ms, p99 {Latencies.Percentile(all, 0.99):0.00} ms; " +
            $"errors {errors.Values.Sum()}; server memory {memoryAtStart:N0} MB at start, {memoryAtEnd:N0} MB at end"));
        foreach (var (rpc, _) in _mix)
        {
            var sorted = latencies[rpc].Order().ToArray();
            if (sorted.Length > 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {rpc,-15} {sorted.Length / elapsed,7:N0}/s  p50 {Latencies.Percentile(sorted, 0.5),6:0.00} ms  p99 {Latencies.Percentile(sorted, 0.99),6:0.00} ms"));
            }
        }

        foreach (var (error, count) in errors.Take(5))
        {
            Console.WriteLine($"  error ×{count}: {error}");
        }
    }

    private static async Task Client(ServerChild server, List<ExporterProfile> exporters, List<BuyerInquiry> inquiries, int seed,
        Dictionary<string, ConcurrentBag<double>>? latencies, ConcurrentDictionary<string, int> errors, CancellationToken stop)
    {
        var random = new Random(seed);
        var total = _mix.Sum(m => m.Weight);
        // A call in flight when the time is up finishes (cancelling it would count as an error).
        var none = CancellationToken.None;
        while (!stop.IsCancellationRequested)
        {
            var pick = random.Next(total);
            var rpc = _mix.First(m => (pick -= m.Weight) < 0).Rpc;
            var inquiry = inquiries[random.Next(inquiries.Count)];
            var exporter = exporters[random.Next(exporters.Count)];
            var start = Stopwatch.GetTimestamp();
            try
            {
                switch (rpc)
                {
                    case "MatchInquiry":
                        await server.Matches.MatchInquiryAsync(new MatchInquiryRequest { InquiryId = inquiry.Id, TopK = 10 }, cancellationToken: none);
                        break;
                    case "MatchExporter":
                        await server.Matches.MatchExporterAsync(new MatchExporterRequest { ExporterId = exporter.Id, TopK = 10 }, cancellationToken: none);
                        break;
                    case "GetExporter":
                        await server.Profiles.GetExporterAsync(new GetExporterRequest { Id = exporter.Id }, cancellationToken: none);
                        break;
                    case "RecordFeedback":
                        await server.Matches.RecordFeedbackAsync(new V1.Feedback
                        {
                            InquiryId = inquiry.Id, ExporterId = exporter.Id, Kind = FeedbackKind.View, Position = 1 + random.Next(10),
                            OccurredAt = Timestamp.FromDateTime(DateTime.UtcNow), Source = "load",
                        }, cancellationToken: none);
                        break;
                    default:
                        var edited = exporter.Clone();
                        edited.Employees = random.Next(5, 500);
                        await server.Profiles.UpsertExporterAsync(new UpsertExporterRequest { Exporter = edited }, cancellationToken: none);
                        break;
                }

                latencies?[rpc].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            catch (RpcException e)
            {
                errors.AddOrUpdate($"{rpc}: {e.StatusCode} {e.Status.Detail}", 1, (_, n) => n + 1);
            }
        }
    }
}
