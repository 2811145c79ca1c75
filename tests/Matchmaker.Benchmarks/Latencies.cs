namespace Matchmaker.Benchmarks;

/// <summary>Percentiles of timed samples, one definition for every suite.</summary>
internal static class Latencies
{
    /// <summary>Nearest-rank percentile of ascending samples (p = 0.5 for the median, 0.99 for p99).</summary>
    public static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1))];
}
