using System.Diagnostics;
using System.Globalization;
using Grpc.Net.Client;
using Matchmaker.DemoData;
using Matchmaker.Mapping;
using Matchmaker.V1;

namespace Matchmaker.Benchmarks;

/// <summary>
/// How the service grows: for each size of demo data, a fresh server (in this process, as the e2e
/// suite), the exporters streamed through ImportExporters, then the index's size on disk, the
/// process's memory after the generated data is released and an aggressive full GC (and again after the timed calls), the statistics
/// epoch's capture time, and MatchInquiry top 10 (model active, computed) p50/p99. A table, and an
/// SVG plot of p50/p99 and memory against size when --plot FILE is given.
/// </summary>
internal static class CurveBenchmark
{
    public static async Task RunAsync(IReadOnlyList<int> sizes, int queries, int seed, string? plot)
    {
        var rows = new List<Row>();
        foreach (var size in sizes)
        {
            rows.Add(await Measure(size, queries, seed));
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        }

        Console.WriteLine();
        Console.WriteLine("| exporters | import (profiles/s) | index on disk | memory after import (RSS / managed heap) | after the timed calls | epoch capture | MatchInquiry top 10 p50 | p99 |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var r in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Exporters:N0} | {r.ImportRate:N0} | {r.IndexMegabytes:N0} MB | {r.ResidentMegabytes:N0} MB / {r.ManagedMegabytes:N0} MB | {r.ResidentAfterCalls:N0} MB / {r.ManagedAfterCalls:N0} MB | {r.EpochMilliseconds:N0} ms | {r.P50:0.00} ms | {r.P99:0.00} ms |"));
        }

        if (plot is not null)
        {
            File.WriteAllText(plot, CurvePlot.Svg(rows));
            Console.WriteLine($"plot: {Path.GetFullPath(plot)}");
        }
    }

    private static async Task<Row> Measure(int size, int queries, int seed)
    {
        var inquiryCount = Math.Max(queries + 1_000, 2_000);
        Console.WriteLine($"# curve: {size:N0} exporters, {inquiryCount:N0} inquiries, {queries:N0} timed MatchInquiry calls, seed {seed}");
        var (app, url, data) = await BenchHost.StartAsync();
        try
        {
            using var channel = GrpcChannel.ForAddress(url);
            var profiles = new ProfileService.ProfileServiceClient(channel);
            var matches = new MatchService.MatchServiceClient(channel);
            var generator = new DemoDataGenerator(seed, DateTimeOffset.UtcNow);
            var exporters = generator.Exporters(size).Select(e => e.ToProto()).ToList();
            var inquiries = generator.Inquiries(inquiryCount).Select(q => q.ToProto()).ToList();
            var seconds = await BenchImport.RunAsync(profiles.ImportExporters(), exporters);
            var rate = size / seconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"import exporters: {size:N0} in {seconds:0.0} s = {rate:N0} profiles/s"));
            exporters = null;
            await BenchImport.RunAsync(profiles.ImportInquiries(), inquiries);
            var ids = inquiries.Select(q => q.Id).ToList();
            inquiries = null;
            var epoch = BenchHost.RefreshStatistics(app);
            await BenchModel.RegisterAsync(new ModelService.ModelServiceClient(channel));

            // What the server holds once the benchmark's generated records are gone (an aggressive collection returns freed memory to the system).
            var (resident, managed) = Memory();
            var index = new DirectoryInfo(Path.Combine(data, "index")).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) / 1048576.0;

            var timing = await ComputedLists.MeasureAsync("MatchInquiry top 10 (stored inquiry)", queries, ids.Count, i =>
                matches.MatchInquiryAsync(new MatchInquiryRequest { InquiryId = ids[i], TopK = 10 }).ResponseAsync);

            // And once matching has kept the candidates it decoded.
            var (residentAfter, managedAfter) = Memory();
            var row = new Row(size, rate, index, resident, managed, epoch, timing.P50, timing.P99,
                residentAfter, managedAfter);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"index {row.IndexMegabytes:N0} MB, memory {row.ResidentMegabytes:N0} MB RSS ({row.ManagedMegabytes:N0} MB managed) after import, {residentAfter:N0} MB ({managedAfter:N0} MB) after the timed calls, MatchInquiry top 10 p50 {row.P50:0.00} ms, p99 {row.P99:0.00} ms"));
            return row;
        }
        finally
        {
            await BenchHost.StopAsync(app, data);
        }
    }

    /// <summary>This process's resident memory and managed heap (MB) after an aggressive full collection.</summary>
    private static (double Resident, double Managed) Memory()
    {
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        using var self = Process.GetCurrentProcess();
        return (self.WorkingSet64 / 1048576.0, GC.GetTotalMemory(forceFullCollection: false) / 1048576.0);
    }

    internal sealed record Row(int Exporters, double ImportRate, double IndexMegabytes, double ResidentMegabytes, double ManagedMegabytes,
        double EpochMilliseconds, double P50, double P99, double ResidentAfterCalls, double ManagedAfterCalls);
}
