using Matchmaker.Ranking;
using Matchmaker.TrainingData;

namespace Matchmaker.Training;

/// <summary>
/// NDCG@k and MAP over groups (one group = one inquiry's labelled pairs), computed here rather than
/// by ML.NET's evaluator so that every model, the baseline formula included, is measured by the
/// same code on the same rows. Gains are 2^label − 1 with a log2(rank + 1) discount; ties in score
/// are broken by exporter id, as serving does. Groups whose labels are all 0 carry no ranking signal
/// and are left out of NDCG; MAP counts a pair as relevant from label 2 (the buyer reached out).
/// </summary>
public sealed record RankingMetrics(IReadOnlyDictionary<int, double> Ndcg, double Map, int Groups, int Rows)
{
    /// <summary>Each inquiry's NDCG@10 (null when all its labels are 0) and average precision (null without a relevant pair).</summary>
    public IReadOnlyDictionary<string, (double? Ndcg10, double? Ap)> PerInquiry { get; init; } = new Dictionary<string, (double?, double?)>();

    public static readonly int[] ReportedK = [1, 3, 5, 10];
    public const int MaxK = 10;
    public const int RelevantLabel = 2;

    public double NdcgAt(int k) => Ndcg[k];

    public static RankingMetrics Evaluate(Ranker ranker, IReadOnlyList<TrainingExample> examples)
    {
        var ndcgSums = new double[MaxK + 1];
        double apSum = 0;
        int ndcgGroups = 0, apGroups = 0;
        var perInquiry = new Dictionary<string, (double?, double?)>(StringComparer.Ordinal);
        foreach (var group in examples.GroupBy(e => e.InquiryId, StringComparer.Ordinal))
        {
            double? groupNdcg = null, groupAp = null;
            var rows = group.ToList();
            var scored = rows.Select(e => (e.Label, e.ExporterId, Score: ranker.Score(e.Features)))
                .OrderByDescending(x => x.Score).ThenBy(x => x.ExporterId, StringComparer.Ordinal)
                .Select(x => x.Label).ToArray();
            var ideal = rows.Select(e => e.Label).OrderDescending().ToArray();
            if (ideal[0] > 0)
            {
                ndcgGroups++;
                for (var k = 1; k <= MaxK; k++)
                {
                    ndcgSums[k] += Dcg(scored, k) / Dcg(ideal, k);
                }

                groupNdcg = Dcg(scored, MaxK) / Dcg(ideal, MaxK);
            }

            var relevant = scored.Count(l => l >= RelevantLabel);
            if (relevant > 0)
            {
                apGroups++;
                double hits = 0, precisionSum = 0;
                for (var i = 0; i < scored.Length; i++)
                {
                    if (scored[i] >= RelevantLabel)
                    {
                        hits++;
                        precisionSum += hits / (i + 1);
                    }
                }

                apSum += precisionSum / relevant;
                groupAp = precisionSum / relevant;
            }

            perInquiry[group.Key] = (groupNdcg, groupAp);
        }

        var ndcg = new Dictionary<int, double>();
        for (var k = 1; k <= MaxK; k++)
        {
            ndcg[k] = ndcgGroups == 0 ? 0 : ndcgSums[k] / ndcgGroups;
        }

        return new RankingMetrics(ndcg, apGroups == 0 ? 0 : apSum / apGroups, ndcgGroups, examples.Count) { PerInquiry = perInquiry };
    }

    /// <summary>The metrics as stored in model metadata: ndcg@1, ndcg@3, ndcg@5, ndcg@10, map, groups.</summary>
    public IReadOnlyDictionary<string, double> ToDictionary()
    {
        var d = new Dictionary<string, double>();
        foreach (var k in ReportedK)
        {
            d[$"ndcg@{k}"] = Math.Round(Ndcg[k], 6);
        }

        d["map"] = Math.Round(Map, 6);
        d["groups"] = Groups;
        return d;
    }

    private static double Dcg(int[] labels, int k)
    {
        double dcg = 0;
        for (var i = 0; i < Math.Min(k, labels.Length); i++)
        {
            dcg += (Math.Pow(2, labels[i]) - 1) / Math.Log2(i + 2);
        }

        return dcg;
    }
}
