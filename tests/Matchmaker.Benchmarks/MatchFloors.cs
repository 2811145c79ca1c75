using System.Diagnostics;
using System.Globalization;
using Matchmaker.Benchmarks.Bench;
using Matchmaker.Features;
using Matchmaker.Index;
using Matchmaker.Mapping;
using Matchmaker.Matching;
using Matchmaker.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Matchmaker.Benchmarks;

/// <summary>
/// What a match is compared with in the same run: an empty gRPC call over the same channel, and the
/// bare Lucene query with the same clauses (HS and rare text terms inside the active-exporter filter,
/// top 200 by score then id, no features, no model, no reasons) in the server's process.
/// </summary>
internal static class MatchFloors
{
    /// <returns>The p50 of each floor in ms.</returns>
    public static async Task<(double EmptyCall, double BareQuery)> RunAsync(WebApplication app, Grpc.Net.Client.GrpcChannel channel,
        IReadOnlyList<BuyerInquiry> inquiries, int count)
    {
        var floor = new Floor.FloorClient(channel);
        for (var i = 0; i < 200; i++)
        {
            await floor.EmptyAsync(new EmptyRequest());
        }

        var empty = new double[count];
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await floor.EmptyAsync(new EmptyRequest());
            empty[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        var index = app.Services.GetRequiredService<SearchIndex>();
        var epoch = app.Services.GetRequiredService<StatisticsEpochs>().Current;
        var records = inquiries.Take(count).Select(q => q.ToDomain()).ToList();
        double Bare(int i)
        {
            var start = Stopwatch.GetTimestamp();
            var inquiry = records[i];
            index.Search(epoch.Text, searcher =>
            {
                var query = CandidateRetriever.LuceneQuery(searcher, epoch.Text, QueryFactory.Hs(inquiry.HsCodes),
                    QueryFactory.Text(QueryFactory.QueryTextOf(inquiry)), QueryFactory.ActiveExporters, null);
                return searcher.Search(query, null, MatchOptions.RankedCandidates, CandidateRetriever.ScoreThenId, doDocScores: false, doMaxScore: false);
            });
            return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        for (var i = 0; i < Math.Min(200, records.Count); i++)
        {
            Bare(records.Count - 1 - i);
        }

        var bare = Enumerable.Range(0, records.Count).Select(Bare).ToArray();
        Array.Sort(empty);
        Array.Sort(bare);
        var emptyP50 = Latencies.Percentile(empty, 0.5);
        var bareP50 = Latencies.Percentile(bare, 0.5);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"floor: empty gRPC call p50 {emptyP50:0.000} ms, p99 {Latencies.Percentile(empty, 0.99):0.000} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"floor: bare Lucene query, same clauses, top {MatchOptions.RankedCandidates} (in process) p50 {bareP50:0.00} ms, p99 {Latencies.Percentile(bare, 0.99):0.00} ms"));
        return (emptyP50, bareP50);
    }

    /// <summary>Closed-loop clients sharing one channel, each call a list not computed before.</summary>
    /// <returns>Calls per second.</returns>
    public static async Task<double> ConcurrentAsync(string name, int clients, int count, Func<int, Task<MatchList>> call, double sequentialRate)
    {
        var next = -1;
        var latencies = new double[count];
        var errors = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    var list = await call(i);
                    if (list.FromCache)
                    {
                        throw new InvalidOperationException($"{name}: call {i} was a cache hit; the timed calls must compute");
                    }
                }
                catch (Grpc.Core.RpcException)
                {
                    Interlocked.Increment(ref errors);
                }

                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        }));
        var rate = count / clock.Elapsed.TotalSeconds;
        Array.Sort(latencies);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}, {clients} concurrent clients: {rate:N0} calls/s ({rate / sequentialRate:0.00}x the sequential rate), p50 {Latencies.Percentile(latencies, 0.5):0.00} ms, p99 {Latencies.Percentile(latencies, 0.99):0.00} ms, {errors} errors"));
        return rate;
    }
}
