using System.Diagnostics;
using System.Globalization;
using Matchmaker.DemoData;
using Matchmaker.Mapping;
using Matchmaker.V1;

namespace Matchmaker.Benchmarks;

/// <summary>
/// Two builds of the server side by side, for a before/after figure on a machine whose speed drifts
/// (here the same build's p50 moved by a third between runs minutes apart). Each build runs as its
/// own process on a loopback port with its own data folder; both get the same demo data through
/// ImportExporters, then timed calls alternate between them in short rounds (the side that goes
/// first alternates too), so drift hits both alike. Every timed call asks for a list not asked for
/// before on that server: these are computed lists, as in the e2e suite.
/// </summary>
internal static class CompareBenchmark
{
    private const int Rounds = 20;

    public static async Task RunAsync(string serverA, string serverB, int exporters, int inquiries, int queries, int seed)
    {
        Console.WriteLine($"# compare: A = {serverA}");
        Console.WriteLine($"#          B = {serverB}");
        Console.WriteLine($"# {exporters:N0} exporters, {inquiries:N0} inquiries, {queries:N0} timed calls per rpc and side in {Rounds} alternating rounds, seed {seed}");
        var generator = new DemoDataGenerator(seed, DateTimeOffset.UtcNow);
        var exporterMessages = generator.Exporters(exporters).Select(e => e.ToProto()).ToList();
        var inquiryMessages = generator.Inquiries(inquiries).Select(q => q.ToProto()).ToList();
        using var a = await ServerChild.StartAsync("A", serverA);
        using var b = await ServerChild.StartAsync("B", serverB);
        foreach (var side in new[] { a, b })
        {
            var seconds = await side.ImportAsync(exporterMessages, inquiryMessages);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{side.Name}: imported {exporters:N0} exporters in {seconds:0.00} s = {exporters / seconds:N0} profiles/s"));
        }

        var inquiryIds = inquiryMessages.Select(q => q.Id).ToList();
        var exporterIds = exporterMessages.Select(e => e.Id).ToList();
        await Compare("MatchInquiry top 10", a, b, queries, (client, i) =>
            client.MatchInquiryAsync(new MatchInquiryRequest { InquiryId = inquiryIds[i % inquiryIds.Count], TopK = 10 }).ResponseAsync);
        await Compare("MatchExporter top 10", a, b, queries, (client, i) =>
            client.MatchExporterAsync(new MatchExporterRequest { ExporterId = exporterIds[(i * 37) % exporterIds.Count], TopK = 10 }).ResponseAsync);
    }

    private static async Task Compare(string name, ServerChild a, ServerChild b, int queries, Func<MatchService.MatchServiceClient, int, Task<MatchList>> call)
    {
        foreach (var side in new[] { a, b })
        {
            for (var i = 0; i < 100; i++)
            {
                await call(side.Matches, queries + i); // warm-up on other ids than the timed ones (0 … queries - 1)
            }
        }

        var perRound = Math.Max(1, queries / Rounds);
        var timesA = new List<double>();
        var timesB = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            var order = round % 2 == 0 ? new[] { (a, timesA), (b, timesB) } : [(b, timesB), (a, timesA)];
            foreach (var (side, times) in order)
            {
                for (var i = round * perRound; i < (round + 1) * perRound; i++)
                {
                    var start = Stopwatch.GetTimestamp();
                    var list = await call(side.Matches, i);
                    times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                    if (list.FromCache)
                    {
                        throw new InvalidOperationException($"{name} on {side.Name}: call {i} was a cache hit; the timed calls must compute");
                    }
                }
            }
        }

        var (sortedA, sortedB) = (timesA.Order().ToArray(), timesB.Order().ToArray());
        double P(double[] sorted, double p) => Latencies.Percentile(sorted, p);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: A p50 {P(sortedA, 0.5):0.00} ms, p99 {P(sortedA, 0.99):0.00} ms | B p50 {P(sortedB, 0.5):0.00} ms, p99 {P(sortedB, 0.99):0.00} ms | B/A p50 {P(sortedB, 0.5) / P(sortedA, 0.5):0.00}x, p99 {P(sortedB, 0.99) / P(sortedA, 0.99):0.00}x"));
    }
}
