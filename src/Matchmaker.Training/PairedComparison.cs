namespace Matchmaker.Training;

/// <summary>
/// One model against another on the same held-out inquiries: the mean difference of a per-inquiry metric
/// with a 95% bootstrap confidence interval (inquiries resampled with replacement, both models' values of an
/// inquiry kept together), and the share of inquiries each model ranks better. A difference whose interval
/// holds 0 is not shown to be one.
/// </summary>
/// <param name="Metric">"NDCG@10" or "MAP".</param>
public sealed record PairedComparison(string Metric, double Difference, double Low, double High, double Better, double Worse, int Inquiries)
{
    public const int Resamples = 1_000;

    /// <summary>NDCG@10 and MAP of <paramref name="a"/> over <paramref name="b"/>, on the inquiries both have a value for.</summary>
    public static IReadOnlyList<PairedComparison> Of(RankingMetrics a, RankingMetrics b, int seed = 11) =>
    [
        Compare("NDCG@10", a, b, v => v.Ndcg10, seed),
        Compare("MAP", a, b, v => v.Ap, seed),
    ];

    /// <summary>"NDCG@10 +0.052 (95% CI +0.031 … +0.074), better on 41% of inquiries, worse on 12%".</summary>
    public string Describe(string a, string b) => Inquiries == 0
        ? $"{Metric} {a} vs {b}: no inquiry to compare"
        : FormattableString.Invariant(
            $"{Metric} {a} vs {b}: {Difference:+0.000;-0.000} (95% CI {Low:+0.000;-0.000} … {High:+0.000;-0.000}{(Low > 0 || High < 0 ? "" : ", not shown to differ")}), better on {Better:P0} of {Inquiries:N0} inquiries, worse on {Worse:P0}");

    private static PairedComparison Compare(string metric, RankingMetrics a, RankingMetrics b, Func<(double? Ndcg10, double? Ap), double?> value, int seed)
    {
        var differences = new List<double>();
        foreach (var (inquiry, va) in a.PerInquiry.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (value(va) is { } x && b.PerInquiry.TryGetValue(inquiry, out var vb) && value(vb) is { } y)
            {
                differences.Add(x - y);
            }
        }

        if (differences.Count == 0)
        {
            return new PairedComparison(metric, 0, 0, 0, 0, 0, 0);
        }

        var random = new Random(seed);
        var means = new double[Resamples];
        for (var r = 0; r < Resamples; r++)
        {
            double sum = 0;
            for (var i = 0; i < differences.Count; i++)
            {
                sum += differences[random.Next(differences.Count)];
            }

            means[r] = sum / differences.Count;
        }

        Array.Sort(means);
        const double tie = 1e-9;
        return new PairedComparison(metric, differences.Average(), means[(int)(Resamples * 0.025)], means[(int)(Resamples * 0.975) - 1],
            differences.Count(d => d > tie) / (double)differences.Count, differences.Count(d => d < -tie) / (double)differences.Count, differences.Count);
    }
}
