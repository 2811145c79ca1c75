using Matchmaker.Features;
using Matchmaker.Training;
using Matchmaker.TrainingData;

namespace Matchmaker.Tests.Training;

/// <summary>Position bias estimated from the rows' places and labels, and the weights that undo it.</summary>
public sealed class PositionBiasTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public void The_fall_of_positives_with_place_is_recovered_even_when_a_portal_puts_better_fits_first(double eta)
    {
        var rows = Portal(eta, inquiries: 3_000, seed: 3);

        var bias = PositionBias.Estimate(rows);

        Assert.InRange(bias.Eta, Math.Max(0, eta - 0.1), eta + 0.1);
        Assert.Equal(rows.Count, bias.Rows);
    }

    [Fact]
    public void Positive_rows_lower_down_weigh_more_capped_never_shown_ones_less_and_the_rest_1()
    {
        var bias = new PositionBias(1.0, 1_000, 100, MaxWeight: 10, ListLength: 20, WeighUnshown: true);
        var features = new float[FeatureSchema.Count];
        TrainingExample Row(int label, int position, string source = TrainingExample.Served) =>
            new("Q", "E", label, features, source, Position: position);

        Assert.Equal(1f, bias.WeightOf(Row(2, 1)));
        Assert.Equal(5f, bias.WeightOf(Row(2, 5)), 4);
        Assert.Equal(10f, bias.WeightOf(Row(3, 40)));
        Assert.Equal(1f, bias.WeightOf(Row(0, 20)));
        Assert.Equal(1f, bias.WeightOf(Row(2, 0, TrainingExample.Computed)));
        Assert.Equal(1f, PositionBias.None.WeightOf(Row(2, 20)));
        // A candidate never shown weighs what the place after the list would have been looked at.
        Assert.Equal(1 / 21f, bias.WeightOf(Row(0, 0, TrainingExample.Unshown)), 5);
        Assert.Equal(1f, (bias with { WeighUnshown = false }).WeightOf(Row(0, 0, TrainingExample.Unshown)));
        Assert.Equal(3f, new PositionBias(1.0, 1_000, 100).WeightOf(Row(2, 5)));
    }

    [Fact]
    public void Training_uses_the_weights_and_says_what_it_estimated()
    {
        var rows = Portal(1.0, inquiries: 300, seed: 5);
        var options = new TrainerOptions { Trees = 20, Leaves = 7 };
        var steps = new List<string>();

        var weighted = RankTrainer.Train(rows, options, steps.Add);
        var plain = RankTrainer.Train(rows, options with { PositionWeights = false });

        Assert.InRange(weighted.PositionBias.Eta, 0.7, 1.3);
        Assert.Equal(0, plain.PositionBias.Eta);
        Assert.Contains(steps, s => s.StartsWith("position bias: looked at", StringComparison.Ordinal));
        // The same rows and seed give other trees once positive rows weigh more.
        Assert.Contains(rows.Take(200), r => Math.Abs(weighted.Ensemble.Score(r.Features) - plain.Ensemble.Score(r.Features)) > 1e-6);
    }

    [Fact]
    public void Too_few_rows_with_a_place_are_not_trusted_and_nothing_is_weighted()
    {
        var bias = PositionBias.Estimate(Portal(1.0, inquiries: 10, seed: 4));

        Assert.Equal(0, bias.Eta);
        Assert.Contains("not estimated", bias.Describe(), StringComparison.Ordinal);
    }

    /// <summary>
    /// A portal that lists 20 candidates per inquiry, mostly by a fit the formula sees (text
    /// relevance), with noise; the buyer looks at place p with chance p^-η and acts on a relevant one.
    /// </summary>
    private static List<TrainingExample> Portal(double eta, int inquiries, int seed)
    {
        var random = new Random(seed);
        var rows = new List<TrainingExample>();
        for (var q = 0; q < inquiries; q++)
        {
            var candidates = Enumerable.Range(0, 20).Select(i =>
            {
                var f = new float[FeatureSchema.Count];
                Array.Fill(f, 0.5f);
                f[FeatureSchema.TextRelevance] = (float)random.NextDouble();
                return (Id: $"E{i}", Features: f, Order: f[FeatureSchema.TextRelevance] + (0.3 * random.NextDouble()));
            }).OrderByDescending(c => c.Order).ToList();
            for (var p = 0; p < candidates.Count; p++)
            {
                var relevant = random.NextDouble() < 0.05 + (0.5 * candidates[p].Features[FeatureSchema.TextRelevance]);
                var looked = random.NextDouble() < Math.Pow(p + 1, -eta);
                rows.Add(new TrainingExample($"Q{q}", candidates[p].Id, relevant && looked ? 2 : 0, candidates[p].Features,
                    TrainingExample.Served, Position: p + 1));
            }
        }

        return rows;
    }
}
