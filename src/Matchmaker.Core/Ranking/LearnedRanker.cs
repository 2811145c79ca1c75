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

    public override void Contributions(ReadOnlySpan<float> row, ReadOnlySpan<float> reference, Span<double> into) =>
        ContributionsBatch(row[..FeatureSchema.Count], reference, into, FeatureSchema.Count);

    /// <summary>Every row and its probes are scored as one batch of the compiled trees (each tree walked once for all of them).</summary>
    public override void ContributionsBatch(ReadOnlySpan<float> rows, ReadOnlySpan<float> reference, Span<double> into, int featureCount)
    {
        if (reference.IsEmpty)
        {
            reference = OwnReference;
        }

        // formula_score is derived from other features: it follows its inputs when one of them is
        // set to the reference, and is never probed on its own (its effect is its inputs' effect).
        // Each row is followed by its probes (one feature at the reference each); a probe equal to its
        // row (the feature is at the reference already) scores what the row scores, so it is not scored.
        const int width = FeatureSchema.Count;
        var count = rows.Length / featureCount;
        var probes = new float[count * (width + 1) * width];
        var probeOf = new int[count * width]; // each (row, feature)'s place in probes (its row's own place when equal to it)
        var rowAt = new int[count];
        var n = 0;
        for (var r = 0; r < count; r++)
        {
            var row = rows.Slice(r * featureCount, width);
            var own = rowAt[r] = n++;
            row.CopyTo(probes.AsSpan(own * width, width));
            for (var i = 0; i < width; i++)
            {
                probeOf[(r * width) + i] = own;
                if (i == FeatureSchema.FormulaScore)
                {
                    continue;
                }

                var probe = probes.AsSpan(n * width, width);
                row.CopyTo(probe);
                probe[i] = reference[i];
                if (BaselineFormula.Uses(i))
                {
                    probe[FeatureSchema.FormulaScore] = (float)BaselineFormula.Score(probe);
                }

                if (!probe.SequenceEqual(row))
                {
                    probeOf[(r * width) + i] = n++;
                }
            }
        }

        var scores = new double[n];
        _compiled.ScoreBatch(probes.AsSpan(0, n * width), scores, width);
        for (var r = 0; r < count; r++)
        {
            var own = scores[rowAt[r]];
            for (var i = 0; i < width; i++)
            {
                into[(r * featureCount) + i] = i == FeatureSchema.FormulaScore ? 0 : own - scores[probeOf[(r * width) + i]];
            }
        }
    }
}
