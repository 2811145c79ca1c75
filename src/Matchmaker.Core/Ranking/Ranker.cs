namespace Matchmaker.Ranking;

/// <summary>
/// Scores pair feature vectors (<see cref="Features.FeatureSchema"/>). Implementations are
/// immutable, so one instance serves every request thread at once.
/// </summary>
public abstract class Ranker
{
    /// <summary>The model version reported with every list it ranks.</summary>
    public abstract string Version { get; }

    public abstract double Score(ReadOnlySpan<float> row);

    /// <summary>Scores rows laid end to end (<paramref name="rows"/>.Length = scores.Length × feature count).</summary>
    public virtual void ScoreBatch(ReadOnlySpan<float> rows, Span<double> scores, int featureCount)
    {
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = Score(rows.Slice(i * featureCount, featureCount));
        }
    }

    /// <summary>Each feature's part in this row's score, in score units (positive: it helped).</summary>
    /// <param name="reference">
    /// The typical row to compare against (the candidates' means), where the ranker compares at
    /// all; empty for the ranker's own reference.
    /// </param>
    public abstract void Contributions(ReadOnlySpan<float> row, ReadOnlySpan<float> reference, Span<double> into);

    /// <summary>
    /// <see cref="Contributions"/> of several rows laid end to end, into <paramref name="into"/>
    /// (rows × feature count), the same values row by row; a ranker may compute them together.
    /// </summary>
    public virtual void ContributionsBatch(ReadOnlySpan<float> rows, ReadOnlySpan<float> reference, Span<double> into, int featureCount)
    {
        for (var r = 0; r * featureCount < rows.Length; r++)
        {
            Contributions(rows.Slice(r * featureCount, featureCount), reference, into.Slice(r * featureCount, featureCount));
        }
    }

    /// <summary>The ranker's own reference row (a learned model's training means); empty where it compares with none.</summary>
    public virtual ReadOnlySpan<float> OwnReference => [];
}
