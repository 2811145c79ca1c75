using Matchmaker.Features;
using Matchmaker.Ranking;
using Matchmaker.TrainingData;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace Matchmaker.Training;

/// <summary>The outcome of a training run: the trees serving evaluates, and the ML.NET model they came from.</summary>
/// <param name="PositionBias">The position bias the training weights corrected (<see cref="PositionBias.None"/> when off).</param>
public sealed record TrainedModel(TreeEnsemble Ensemble, byte[] MlNetModel, IReadOnlyList<ModelMetadata.CheckRow> CheckRows, double[] Reference,
    PositionBias PositionBias);

/// <summary>
/// Trains a ranking model with ML.NET and hands back its tree ensemble, verified to score every
/// training row as ML.NET does. Rows are sorted by inquiry so each group is contiguous, and group
/// ids are mapped to keys here, once, on the training rows only: ML.NET needs both, and fails
/// silently without them (scrambled groups train badly; a key map fitted in the pipeline and reused
/// on test rows merges unseen groups and reports NDCG 1.0).
/// </summary>
public static class RankTrainer
{
    private const int CheckRowCount = 32;

    public static TrainedModel Train(IReadOnlyList<TrainingExample> examples, TrainerOptions options, Action<string>? progress = null)
    {
        if (options.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        var bias = options.PositionWeights ? PositionBias.Estimate(examples, options.MaxPositionWeight, options.WeighUnshown) : PositionBias.None;
        progress?.Invoke(bias.Describe());
        var rows = Rows(examples, bias, out var groupCount);
        if (groupCount < 2)
        {
            throw new InvalidDataException($"training needs at least 2 inquiries with labelled pairs; got {groupCount}");
        }

        if (rows.All(r => r.Label == rows[0].Label))
        {
            throw new InvalidDataException($"every training label is {rows[0].Label}: there is nothing to rank (record or import feedback first)");
        }

        var ml = new MLContext(options.Seed);
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Group)].ColumnType = new KeyDataViewType(typeof(uint), (ulong)groupCount);
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, FeatureSchema.Count);
        var data = ml.Data.LoadFromEnumerable(rows, schema);

        progress?.Invoke($"training {options.TrainerName}: {options.Trees} trees of {options.Leaves} leaves on {rows.Count:N0} pairs in {groupCount:N0} inquiries");
        ITransformer model;
        RegressionTreeEnsemble trees;
        if (options.Trainer == TrainerOptions.FastTree)
        {
            var fitted = ml.Ranking.Trainers.FastTree(new FastTreeRankingTrainer.Options
            {
                LabelColumnName = nameof(Row.Label),
                FeatureColumnName = nameof(Row.Features),
                RowGroupColumnName = nameof(Row.Group),
                ExampleWeightColumnName = nameof(Row.Weight),
                NumberOfTrees = options.Trees,
                NumberOfLeaves = options.Leaves,
                LearningRate = options.LearningRate,
                MinimumExampleCountPerLeaf = options.MinExamplesPerLeaf,
                FeatureFirstUsePenalty = 0,
            }).Fit(data);
            (model, trees) = (fitted, fitted.Model.TrainedTreeEnsemble);
        }
        else
        {
            var fitted = ml.Ranking.Trainers.LightGbm(new LightGbmRankingTrainer.Options
            {
                LabelColumnName = nameof(Row.Label),
                FeatureColumnName = nameof(Row.Features),
                RowGroupColumnName = nameof(Row.Group),
                ExampleWeightColumnName = nameof(Row.Weight),
                NumberOfIterations = options.Trees,
                NumberOfLeaves = options.Leaves,
                LearningRate = options.LearningRate,
                MinimumExampleCountPerLeaf = options.MinExamplesPerLeaf,
                // Categorical splits are not in the served evaluator; the features are numbers anyway.
                UseCategoricalSplit = false,
                Seed = options.Seed,
            }).Fit(data);
            (model, trees) = (fitted, fitted.Model.TrainedTreeEnsemble);
        }

        progress?.Invoke("checking that the exported trees score as ML.NET does");
        var ensemble = Export(trees);
        var mlScores = model.Transform(data).GetColumn<float>("Score").ToArray();
        var checkRows = new List<ModelMetadata.CheckRow>(CheckRowCount);
        var step = Math.Max(1, rows.Count / CheckRowCount);
        for (var i = 0; i < rows.Count; i++)
        {
            var own = ensemble.Score(rows[i].Features);
            if (Math.Abs(own - mlScores[i]) > ModelLoader.ScoreTolerance * Math.Max(1, Math.Abs(mlScores[i])))
            {
                throw new InvalidOperationException($"exported trees score row {i} {own:G6} but ML.NET gives {mlScores[i]:G6}");
            }

            if (i % step == 0 && checkRows.Count < CheckRowCount)
            {
                checkRows.Add(new ModelMetadata.CheckRow(rows[i].Features, mlScores[i]));
            }
        }

        using var zip = new MemoryStream();
        ml.Model.Save(model, data.Schema, zip);
        var reference = new double[FeatureSchema.Count];
        foreach (var row in rows)
        {
            for (var f = 0; f < reference.Length; f++)
            {
                reference[f] += row.Features[f] / (double)rows.Count;
            }
        }

        return new TrainedModel(ensemble, zip.ToArray(), checkRows, [.. reference.Select(r => Math.Round(r, 6))], bias);
    }

    private static TreeEnsemble Export(RegressionTreeEnsemble trees)
    {
        var exported = new List<TreeEnsemble.Tree>(trees.Trees.Count);
        for (var t = 0; t < trees.Trees.Count; t++)
        {
            var tree = trees.Trees[t];
            if (tree.CategoricalSplitFlags.Any(c => c))
            {
                throw new InvalidOperationException("the trainer produced a categorical split, which serving cannot evaluate");
            }

            exported.Add(new TreeEnsemble.Tree
            {
                Weight = trees.TreeWeights[t],
                Feature = [.. tree.NumericalSplitFeatureIndexes],
                Threshold = [.. tree.NumericalSplitThresholds],
                Left = [.. tree.LeftChild],
                Right = [.. tree.RightChild],
                Leaf = [.. tree.LeafValues],
            });
        }

        var ensemble = new TreeEnsemble { Bias = trees.Bias, Trees = exported };
        ensemble.Validate(FeatureSchema.Count);
        return ensemble;
    }

    /// <summary>Rows sorted by inquiry (groups contiguous), group keys 1..n assigned in that order, weighted against position bias.</summary>
    private static List<Row> Rows(IReadOnlyList<TrainingExample> examples, PositionBias bias, out int groupCount)
    {
        var rows = new List<Row>(examples.Count);
        uint group = 0;
        string? current = null;
        foreach (var e in examples.OrderBy(e => e.InquiryId, StringComparer.Ordinal).ThenBy(e => e.ExporterId, StringComparer.Ordinal))
        {
            if (e.Features.Length != FeatureSchema.Count)
            {
                throw new InvalidDataException($"pair ({e.InquiryId}, {e.ExporterId}) has {e.Features.Length} features, not {FeatureSchema.Count}");
            }

            if (!string.Equals(e.InquiryId, current, StringComparison.Ordinal))
            {
                (current, group) = (e.InquiryId, group + 1);
            }

            rows.Add(new Row { Label = Math.Clamp(e.Label, 0, FeedbackLabelMax), Group = group, Features = e.Features, Weight = bias.WeightOf(e) });
        }

        groupCount = (int)group;
        return rows;
    }

    private const int FeedbackLabelMax = Feedback.FeedbackGains.MaxLabel;

    private sealed class Row
    {
        public float Label { get; set; }

        public uint Group { get; set; }

        public float Weight { get; set; } = 1;

        public float[] Features { get; set; } = [];
    }
}
