using Matchmaker.Features;
using Matchmaker.Ranking;
using Matchmaker.Training;
using Matchmaker.TrainingData;

namespace Matchmaker.Tests.Training;

/// <summary>How sure `evaluate` is that one model ranks better than another: paired bootstrap over inquiries.</summary>
public sealed class ComparisonTests
{
    [Fact]
    public void A_model_better_on_every_inquiry_has_an_interval_above_zero_and_a_model_against_itself_does_not()
    {
        var rows = Inquiries(40, flipEvery: 0);
        var right = RankingMetrics.Evaluate(new ByFeature(1), rows);
        var wrong = RankingMetrics.Evaluate(new ByFeature(-1), rows);

        var ndcg = PairedComparison.Of(right, wrong)[0];
        Assert.Equal("NDCG@10", ndcg.Metric);
        Assert.Equal(40, ndcg.Inquiries);
        Assert.Equal(right.NdcgAt(10) - wrong.NdcgAt(10), ndcg.Difference, 9);
        Assert.True(ndcg.Low > 0 && ndcg.Low <= ndcg.Difference && ndcg.Difference <= ndcg.High);
        Assert.Equal((1.0, 0.0), (ndcg.Better, ndcg.Worse));
        Assert.DoesNotContain("not shown to differ", ndcg.Describe("a", "b"), StringComparison.Ordinal);
        Assert.Equal(right.NdcgAt(10), right.PerInquiry.Values.Average(v => v.Ndcg10!.Value), 9);

        var same = PairedComparison.Of(right, right)[0];
        Assert.Equal((0.0, 0.0, 0.0, 0.0), (same.Low, same.High, same.Better, same.Worse));
        Assert.Contains("not shown to differ", same.Describe("a", "a"), StringComparison.Ordinal);
    }

    [Fact]
    public void Wins_and_losses_in_equal_measure_give_an_interval_around_zero()
    {
        // The feature points the wrong way in every other inquiry: each ranker wins half of them.
        var rows = Inquiries(60, flipEvery: 2);
        var comparison = PairedComparison.Of(RankingMetrics.Evaluate(new ByFeature(1), rows), RankingMetrics.Evaluate(new ByFeature(-1), rows))[0];

        Assert.Equal(0.5, comparison.Better, 9);
        Assert.Equal(0.5, comparison.Worse, 9);
        Assert.True(comparison.Low < 0 && comparison.High > 0, $"{comparison.Low} … {comparison.High}");
    }

    /// <summary>Inquiries of 6 exporters labelled 0–4 with feature 0 equal to the label (or to its opposite in every flipEvery-th).</summary>
    private static List<TrainingExample> Inquiries(int count, int flipEvery)
    {
        var rows = new List<TrainingExample>();
        for (var q = 0; q < count; q++)
        {
            var flip = flipEvery > 0 && q % flipEvery == 0;
            for (var e = 0; e < 6; e++)
            {
                var label = e % 5;
                var features = new float[FeatureSchema.Count];
                features[0] = flip ? -label : label;
                rows.Add(new TrainingExample($"Q{q:000}", $"E{e}", label, features, TrainingExample.Computed));
            }
        }

        return rows;
    }

    private sealed class ByFeature(int sign) : Ranker
    {
        public override string Version => $"by-feature-{sign}";

        public override double Score(ReadOnlySpan<float> row) => sign * row[0];

        public override void Contributions(ReadOnlySpan<float> row, ReadOnlySpan<float> reference, Span<double> into) => into.Clear();
    }
}
