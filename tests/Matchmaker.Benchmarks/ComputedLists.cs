using System.Diagnostics;
using System.Globalization;
using Matchmaker.V1;

namespace Matchmaker.Benchmarks;

/// <summary>
/// Match calls timed one at a time, every one a list not asked for before: warm-up on the last ids,
/// timed calls on the first ones, no id twice (fewer timed calls than asked when the data has fewer
/// ids, and the line says so). One definition for the e2e and curve suites.
/// </summary>
internal static class ComputedLists
{
    /// <param name="call">Calls the rpc for the id at this position.</param>
    public static async Task<Timing> MeasureAsync(string name, int asked, int available, Func<int, Task<MatchList>> call)
    {
        // Up to 1,000 calls warm the JIT's tiers and the decoded-record cache (the first few hundred calls of a process run
        // unoptimized code: a fresh server's first 500 lists took 2-3x longer than later ones).
        var warmUp = Math.Max(Math.Min(200, available / 10), Math.Min(1_000, available - asked));
        var count = Math.Min(asked, available - warmUp);
        for (var i = available - warmUp; i < available; i++)
        {
            await call(i);
        }

        if (count < asked)
        {
            name += $" ({count:N0} timed calls: the data has {available:N0} ids, {warmUp} used to warm up)";
        }

        var latencies = new double[count];
        var total = Stopwatch.StartNew();
        long matched = 0;
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var list = await call(i);
            latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            matched += list.Matches.Count;
            if (list.FromCache)
            {
                throw new InvalidOperationException($"{name}: call {i} was a cache hit; the timed calls must compute");
            }
        }

        var seconds = total.Elapsed.TotalSeconds;
        Array.Sort(latencies);
        var timing = new Timing(Latencies.Percentile(latencies, 0.50), Latencies.Percentile(latencies, 0.99), count / seconds, count);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: p50 {timing.P50:0.00} ms, p99 {timing.P99:0.00} ms, max {latencies[^1]:0.00} ms, {timing.Rate:N0} calls/s sequential, {matched / (double)count:0.0} matches/list"));
        return timing;
    }

    /// <param name="P50">Milliseconds.</param>
    /// <param name="P99">Milliseconds.</param>
    /// <param name="Rate">Calls per second, one at a time.</param>
    /// <param name="Count">How many calls were timed.</param>
    internal sealed record Timing(double P50, double P99, double Rate, int Count);
}
