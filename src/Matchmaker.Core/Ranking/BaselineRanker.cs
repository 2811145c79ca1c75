using Matchmaker.Features;

namespace Matchmaker.Ranking;

/// <summary>
/// The transparent baseline, used until a learned model is active and as the yardstick in
/// evaluation: score = Σ weight × feature over eight features in [0, 1], weights summing to 1
/// (table in the README). HS fit carries the most weight, so with all else equal an exporter of
/// the buyer's exact code outranks one in the same heading, which outranks one in the same chapter.
/// </summary>
public sealed class BaselineRanker : Ranker
{
    public const string BaselineVersion = "baseline-v1";

    public static IReadOnlyList<(string Feature, double Weight)> Weights { get; } =
    [
        ("hs_match", 0.40),
        ("text_relevance", 0.20),
        ("certification_coverage", 0.10),
        ("target_market", 0.08),
        ("supplier_country", 0.08),
        ("language_overlap", 0.05),
        ("volume_fit", 0.05),
        ("export_experience", 0.04),
    ];

    /// <summary>Declared after <see cref="Weights"/>: static initializers run in order, and this one reads them.</summary>
    public static BaselineRanker Instance { get; } = new();

    private readonly double[] _weights = new double[FeatureSchema.Count];

    private BaselineRanker()
    {
        foreach (var (feature, weight) in Weights)
        {
            _weights[FeatureSchema.IndexOf(feature)] = weight;
        }
    }

    public override string Version => BaselineVersion;

    public override double Score(ReadOnlySpan<float> row)
    {
        double score = 0;
        for (var i = 0; i < _weights.Length; i++)
        {
            score += _weights[i] * row[i];
        }

        return score;
    }

    /// <summary>Weight × value: the formula's contributions add up to its score, so no reference is needed.</summary>
    public override void Contributions(ReadOnlySpan<float> row, ReadOnlySpan<float> reference, Span<double> into)
    {
        for (var i = 0; i < _weights.Length; i++)
        {
            into[i] = _weights[i] * row[i];
        }
    }

    /// <summary>Only the eight weighted features explain a baseline score.</summary>
    public static bool Uses(int feature) => Instance._weights[feature] != 0;
}
