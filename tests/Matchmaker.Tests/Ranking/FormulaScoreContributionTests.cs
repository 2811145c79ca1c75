using Matchmaker.Features;
using Matchmaker.Ranking;

namespace Matchmaker.Tests.Ranking;

/// <summary>A learned model that leans on formula_score is explained by the features the formula is made of.</summary>
public sealed class FormulaScoreContributionTests
{
    [Fact]
    public void A_split_on_the_formula_score_is_credited_to_the_formula_features_that_moved_it_never_to_itself()
    {
        // One tree: +1 when the formula score is above 0.5, else 0.
        var ensemble = new TreeEnsemble
        {
            Trees = [new TreeEnsemble.Tree { Weight = 1, Feature = [FeatureSchema.FormulaScore], Threshold = [0.5f], Left = [~0], Right = [~1], Leaf = [0, 1] }],
        };
        var model = new LearnedRanker(new ModelMetadata { Version = "t", Trainer = "t", FeatureSchemaHash = FeatureSchema.Hash, Reference = new double[FeatureSchema.Count] }, ensemble);
        var reference = new float[FeatureSchema.Count];
        var row = new float[FeatureSchema.Count];
        // A perfect HS fit and full certification coverage lift the formula over 0.5; the reference has neither.
        row[FeatureSchema.HsMatch] = 1;
        row[FeatureSchema.CertificationCoverage] = 1;
        row[FeatureSchema.TextRelevance] = 0.5f;
        row[FeatureSchema.ExporterEngagementRate] = 0.9f;
        row[FeatureSchema.FormulaScore] = (float)BaselineFormula.Score(row);
        reference[FeatureSchema.CertificationCoverage] = 1;
        reference[FeatureSchema.TextRelevance] = 0.5f;
        reference[FeatureSchema.FormulaScore] = (float)BaselineFormula.Score(reference);
        var into = new double[FeatureSchema.Count];

        model.Contributions(row, reference, into);

        Assert.Equal(1, model.Score(row));
        Assert.Equal(1, into[FeatureSchema.HsMatch]);  // without it the formula falls below 0.5
        Assert.Equal(0, into[FeatureSchema.FormulaScore]);
        Assert.Equal(0, into[FeatureSchema.ExporterEngagementRate]); // not in the formula, not in the tree
        Assert.Equal(0, into[FeatureSchema.CertificationCoverage]);  // the same as the reference
    }
}
