namespace Matchmaker.Features;

/// <summary>
/// The baseline formula's weights (the README's table): Σ weight × feature over eight features in
/// [0, 1], weights summing to 1. Here, beside the features, because one feature is the formula's
/// own score (<see cref="FeatureSchema.FormulaScore"/>); the ranker that scores by it is
/// <c>Ranking.BaselineRanker</c>.
/// </summary>
public static class BaselineFormula
{
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
    private static readonly double[] ByColumn = Columns();

    /// <summary>The formula over a row's features (its own column weighs 0).</summary>
    public static double Score(ReadOnlySpan<float> row)
    {
        double score = 0;
        for (var i = 0; i < ByColumn.Length; i++)
        {
            score += ByColumn[i] * row[i];
        }

        return score;
    }

    public static double WeightOf(int feature) => ByColumn[feature];

    /// <summary>Whether the formula reads this feature (the eight weighted ones).</summary>
    public static bool Uses(int feature) => ByColumn[feature] != 0;

    private static double[] Columns()
    {
        var weights = new double[FeatureSchema.Count];
        foreach (var (feature, weight) in Weights)
        {
            weights[FeatureSchema.IndexOf(feature)] = weight;
        }

        return weights;
    }
}
