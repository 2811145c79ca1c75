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
        Span<float> probe = stackalloc float[FeatureSchema.Count];
        row[..FeatureSchema.Count].CopyTo(probe);
        var score = ensemble.Score(probe);
        for (var i = 0; i < FeatureSchema.Count; i++)
        {
            if (i == FeatureSchema.FormulaScore)
            {
                into[i] = 0;
                continue;
            }

            probe[i] = reference[i];
            if (BaselineFormula.Uses(i))
            {
                probe[FeatureSchema.FormulaScore] = (float)BaselineFormula.Score(probe);
            }

            into[i] = score - ensemble.Score(probe);
            probe[i] = row[i];
            probe[FeatureSchema.FormulaScore] = row[FeatureSchema.FormulaScore];
        }
    }
}
