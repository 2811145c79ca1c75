using Matchmaker.Features;

namespace Matchmaker.Ranking;

/// <summary>
/// A trained model as served: its tree ensemble evaluated directly. A feature's contribution is
/// how much the score drops when that feature alone is set to a reference value: the mean over
/// the list's candidates ("what this pair's value is worth against the competition"), or the
/// training mean when no reference is given. Contributions need not sum to the score.
/// </summary>
public sealed class LearnedRanker(ModelMetadata metadata, TreeEnsemble ensemble) : Ranker
{
    private readonly float[] _reference = [.. metadata.Reference.Select(r => (float)r)];
    private readonly CompiledTrees _compiled = new(ensemble);

    public ModelMetadata Metadata => metadata;

    public TreeEnsemble Ensemble => ensemble;

    /// <summary>The training rows' mean: what contributions are measured against when a list has too few candidates for its own.</summary>
    public override ReadOnlySpan<float> OwnReference => _reference;

    public override string Version => metadata.Version;

    public override double Score(ReadOnlySpan<float> row) => ensemble.Score(row);

    public override void ScoreBatch(ReadOnlySpan<float> rows, Span<double> scores, int featureCount) =>
        _compiled.ScoreBatch(rows, scores, featureCount);

    public override void Contributions(ReadOnlySpan<float> row, ReadOnlySpan<float> reference, Span<double> into)
    {
        if (reference.IsEmpty)
        {
            reference = OwnReference;
        }

        // formula_score is derived from other features: it follows its inputs when one of them is
        // set to the reference, and is never probed on its own (its effect is its inputs' effect).
        // The row and its probes (one feature at the reference each) are scored as one batch.
        const int width = FeatureSchema.Count;
        var probes = new float[(width + 1) * width];
        for (var p = 0; p <= width; p++)
        {
            row[..width].CopyTo(probes.AsSpan(p * width, width));
        }

        for (var i = 0; i < width; i++)
        {
            if (i == FeatureSchema.FormulaScore)
            {
                continue;
            }

            var probe = probes.AsSpan((i + 1) * width, width);
            probe[i] = reference[i];
            if (BaselineFormula.Uses(i))
            {
                probe[FeatureSchema.FormulaScore] = (float)BaselineFormula.Score(probe);
            }
        }

        Span<double> scores = stackalloc double[width + 1];
        _compiled.ScoreBatch(probes, scores, width);
        for (var i = 0; i < width; i++)
        {
            into[i] = i == FeatureSchema.FormulaScore ? 0 : scores[0] - scores[i + 1];
        }
    }
}
