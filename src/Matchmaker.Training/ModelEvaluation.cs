using Matchmaker.Features;
using Matchmaker.Ranking;
using Matchmaker.TrainingData;

namespace Matchmaker.Training;

/// <summary>One ranker's metrics on the held-out rows, under the name the report shows.</summary>
public sealed record EvaluatedModel(string Name, string Version, RankingMetrics Metrics);

/// <summary>Side-by-side evaluation on the same held-out rows, and which features the model leans on.</summary>
public static class ModelEvaluation
{
    /// <summary>
    /// Permutation importance: how much NDCG@10 drops when one feature's values are shuffled across
    /// the held-out rows (breaking its link to the label while keeping its distribution).
    /// </summary>
    public static double[] PermutationImportance(Ranker ranker, IReadOnlyList<TrainingExample> test, int seed = 7)
    {
        var baseline = RankingMetrics.Evaluate(ranker, test).NdcgAt(10);
        var importance = new double[FeatureSchema.Count];
        var random = new Random(seed);
        for (var f = 0; f < FeatureSchema.Count; f++)
        {
            var values = test.Select(e => e.Features[f]).ToArray();
            random.Shuffle(values);
            var shuffled = new List<TrainingExample>(test.Count);
            for (var i = 0; i < test.Count; i++)
            {
                var row = (float[])test[i].Features.Clone();
                row[f] = values[i];
                shuffled.Add(test[i] with { Features = row });
            }

            importance[f] = baseline - RankingMetrics.Evaluate(ranker, shuffled).NdcgAt(10);
        }

        return importance;
    }

    /// <summary>
    /// Each ranker on the held-out rows. When some of them are candidates never shown ("unshown"),
    /// the first list is on the shown rows (comparable with figures from shown-only data: what
    /// buyers saw, what their feedback speaks about) and the second on every row (how a model ranks
    /// everything serving ranks); else the first is on every row and the second is null.
    /// </summary>
    public static (List<EvaluatedModel> Shown, List<EvaluatedModel>? EveryCandidate) Evaluate(
        IReadOnlyList<(string Name, Ranker Ranker)> rankers, IReadOnlyList<TrainingExample> test)
    {
        List<EvaluatedModel> On(IReadOnlyList<TrainingExample> rows) =>
            [.. rankers.Select(r => new EvaluatedModel(r.Name, r.Ranker.Version, RankingMetrics.Evaluate(r.Ranker, rows)))];
        if (!test.Any(e => e.FeatureSource == TrainingExample.Unshown))
        {
            return (On(test), null);
        }

        return (On([.. test.Where(e => e.FeatureSource != TrainingExample.Unshown)]), On(test));
    }

    /// <summary>"+0.142 (+29.1%)" of a over b.</summary>
    public static string Lift(double a, double b) =>
        FormattableString.Invariant($"{a - b:+0.000;-0.000} ({(b > 0 ? (a - b) / b * 100 : 0):+0.0;-0.0}%)");
}
