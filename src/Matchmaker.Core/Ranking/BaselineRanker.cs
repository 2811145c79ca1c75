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

    public static IReadOnlyList<(string Feature, double Weight)> Weights => BaselineFormula.Weights;

    public static BaselineRanker Instance { get; } = new();

    private BaselineRanker()
    {
    }

    public override string Version => BaselineVersion;

    public override double Score(ReadOnlySpan<float> row) => BaselineFormula.Score(row);

    /// <summary>Weight × value: the formula's contributions add up to its score, so no reference is needed.</summary>
    public override void Contributions(ReadOnlySpan<float> row, ReadOnlySpan<float> reference, Span<double> into)
    {
        for (var i = 0; i < FeatureSchema.Count; i++)
        {
            into[i] = BaselineFormula.WeightOf(i) * row[i];
        }
    }

    /// <summary>Only the eight weighted features explain a baseline score.</summary>
    public static bool Uses(int feature) => BaselineFormula.Uses(feature);
}
