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
    /// Each ranker on the held-out rows; when some of them are candidates never shown ("unshown"),
    /// also on the shown rows alone (else null): the first says how a model ranks everything
    /// serving ranks, the second is comparable with figures from shown-only data.
    /// </summary>
    public static (List<EvaluatedModel> All, List<EvaluatedModel>? ShownOnly) Evaluate(
        IReadOnlyList<(string Name, Ranker Ranker)> rankers, IReadOnlyList<TrainingExample> test)
    {
        var all = rankers.Select(r => new EvaluatedModel(r.Name, r.Ranker.Version, RankingMetrics.Evaluate(r.Ranker, test))).ToList();
        if (!test.Any(e => e.FeatureSource == TrainingExample.Unshown))
        {
            return (all, null);
        }

        var shown = test.Where(e => e.FeatureSource != TrainingExample.Unshown).ToList();
        return (all, [.. rankers.Select(r => new EvaluatedModel(r.Name, r.Ranker.Version, RankingMetrics.Evaluate(r.Ranker, shown)))]);
    }

    /// <summary>"+0.142 (+29.1%)" of a over b.</summary>
    public static string Lift(double a, double b) =>
        FormattableString.Invariant($"{a - b:+0.000;-0.000} ({(b > 0 ? (a - b) / b * 100 : 0):+0.0;-0.0}%)");
}
