using Matchmaker.Features;

namespace Matchmaker.Ranking;

/// <summary>
/// A trained model as served: its tree ensemble evaluated directly. A feature's contribution is
/// how much the score drops when that feature alone is set to its training mean ("what this
/// pair's value of it is worth against a typical pair"); contributions need not sum to the score.
/// </summary>
public sealed class LearnedRanker(ModelMetadata metadata, TreeEnsemble ensemble) : Ranker
{
    private readonly float[] _reference = [.. metadata.Reference.Select(r => (float)r)];

    public ModelMetadata Metadata => metadata;

    public TreeEnsemble Ensemble => ensemble;

    public override string Version => metadata.Version;

    public override double Score(ReadOnlySpan<float> row) => ensemble.Score(row);

    public override void Contributions(ReadOnlySpan<float> row, Span<double> into)
    {
        Span<float> probe = stackalloc float[FeatureSchema.Count];
        row[..FeatureSchema.Count].CopyTo(probe);
        var score = ensemble.Score(probe);
        for (var i = 0; i < FeatureSchema.Count; i++)
        {
            probe[i] = _reference[i];
            into[i] = score - ensemble.Score(probe);
            probe[i] = row[i];
        }
    }
}
