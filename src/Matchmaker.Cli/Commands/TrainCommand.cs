using System.Globalization;
using Matchmaker.Features;
using Matchmaker.Ranking;
using Matchmaker.Training;

namespace Matchmaker.Cli.Commands;

/// <summary>
/// `matchmaker train`: training rows (server or --data file) → held-out split by inquiry → ML.NET
/// ranking model → its trees verified against ML.NET → evaluated beside the baseline formula →
/// a model directory (trees.json, model.zip, report.html, metadata.json) ready for `promote`.
/// </summary>
internal static class TrainCommand
{
    public const string DefaultOutputRoot = "trained-models";

    public static async Task<int> RunAsync(Arguments arguments)
    {
        // One set of defaults: TrainerOptions' own, the ones the README's recipe uses.
        var defaults = new TrainerOptions();
        var options = new TrainerOptions
        {
            Trainer = arguments.One("trainer") ?? defaults.Trainer,
            Trees = arguments.Int("trees", defaults.Trees, 1, 10_000),
            Leaves = arguments.Int("leaves", defaults.Leaves, 2, 1_024),
            LearningRate = Double(arguments, "learning-rate", defaults.LearningRate),
            MinExamplesPerLeaf = arguments.Int("min-leaf", defaults.MinExamplesPerLeaf, 1, 1_000_000),
            Seed = arguments.Int("seed", defaults.Seed, int.MinValue, int.MaxValue),
            TestFraction = Double(arguments, "test-fraction", defaults.TestFraction),
            PositionWeights = !arguments.Switch("no-position-weights"),
            MaxPositionWeight = Double(arguments, "max-position-weight", defaults.MaxPositionWeight),
            WeighUnshown = arguments.Switch("weigh-unshown"),
        };
        if (options.Problem() is { } problem)
        {
            throw new UsageException(problem);
        }

        var version = arguments.One("version")
            ?? $"{(options.Trainer == TrainerOptions.FastTree ? "fasttree" : "lgbm")}-{DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}";
        if (!ModelRegistry.IsSafeVersion(version) || version == BaselineRanker.BaselineVersion)
        {
            throw new UsageException($"--version may hold only letters, digits, '.', '-' and '_' (and not be {BaselineRanker.BaselineVersion})");
        }

        var output = arguments.One("out") ?? Path.Combine(DefaultOutputRoot, version);
        var notes = arguments.All("note");
        var (rows, source) = await TrainingData.LoadAsync(arguments);
        arguments.EnsureAllRead();
        if (Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any())
        {
            throw new UsageException($"{output} already exists and is not empty; choose another --out or --version");
        }

        var (train, test) = TrainingSplit.Split(rows, options.TestFraction);
        Console.WriteLine($"{rows.Count:N0} labelled pairs from {source}: {train.Count:N0} for training, {test.Count:N0} held out " +
            $"({test.Select(r => r.InquiryId).Distinct().Count():N0} inquiries); labels 0–4: " +
            string.Join(" / ", Enumerable.Range(0, 5).Select(l => rows.Count(r => r.Label == l).ToString("N0", CultureInfo.InvariantCulture))));
        if (test.Count == 0)
        {
            throw new UsageException("no inquiry fell into the held-out split; more data or a larger --test-fraction is needed");
        }

        using var ticker = new Ticker();
        TrainedModel trained;
        try
        {
            trained = RankTrainer.Train(train, options, ticker.Step);
        }
        catch (InvalidDataException e)
        {
            throw new UsageException(e.Message);
        }

        ticker.Step("evaluating on the held-out inquiries");
        var metadata = new ModelMetadata
        {
            Version = version,
            Trainer = options.TrainerName,
            CreatedAt = DateTimeOffset.UtcNow,
            Parameters = options.ToParameters(),
            FeatureSchemaHash = FeatureSchema.Hash,
            Data = TrainingData.Summarize(source, rows, train, test),
            Notes = string.Join(" ", notes),
        };
        var candidate = new LearnedRanker(metadata with { Reference = trained.Reference }, trained.Ensemble);
        var (evaluated, everyCandidate) = ModelEvaluation.Evaluate([("this model", candidate), ("baseline formula", BaselineRanker.Instance)], test);
        var importance = ModelEvaluation.PermutationImportance(candidate, test);
        ticker.Step("writing the model");
        var report = EvaluationReport.Html($"Model {version}", evaluated, importance,
        [
            $"Trainer {options.TrainerName}: {string.Join(", ", options.ToParameters().Select(p => $"{p.Key}={p.Value}"))}.",
            $"Data: {rows.Count:N0} pairs from {source}; held out by inquiry ({options.TestFraction:P0} of inquiries, {test.Count:N0} pairs).",
            $"Feature sources: {string.Join(", ", rows.GroupBy(r => r.FeatureSource).Select(g => $"{g.Key} {g.Count():N0}"))}.",
            $"Training weights: {trained.PositionBias.Describe()}.",
            .. notes,
        ], everyCandidate);
        metadata = metadata with
        {
            Metrics = new Dictionary<string, IReadOnlyDictionary<string, double>>
            {
                [ModelMetadata.CandidateMetrics] = evaluated[0].Metrics.ToDictionary(),
                [ModelMetadata.BaselineMetrics] = evaluated[1].Metrics.ToDictionary(),
                [ModelMetadata.CandidateMetrics + ModelMetadata.EveryCandidateSuffix] = (everyCandidate ?? evaluated)[0].Metrics.ToDictionary(),
                [ModelMetadata.BaselineMetrics + ModelMetadata.EveryCandidateSuffix] = (everyCandidate ?? evaluated)[1].Metrics.ToDictionary(),
            },
        };
        ModelWriter.Write(output, metadata, trained, report);
        ticker.Dispose();

        Print(evaluated, everyCandidate);
        Console.WriteLine(trained.PositionBias.Describe());
        Console.WriteLine($"model {version} ({options.TrainerName}) written to {output} in {ticker.Elapsed.TotalSeconds:0.0} s; report: {Path.Combine(output, ModelFiles.Report)}");
        Console.WriteLine($"next: matchmaker evaluate {output}   then   matchmaker promote {output}");
        return 0;
    }

    /// <summary>The metrics table and the paired comparisons; a second table on every candidate when there is one.</summary>
    public static void Print(IReadOnlyList<EvaluatedModel> models, IReadOnlyList<EvaluatedModel>? everyCandidate)
    {
        if (everyCandidate is not null)
        {
            Console.WriteLine("on the shown candidates (what buyers saw; comparable with shown-only data):");
        }

        Print(models);
        if (everyCandidate is not null)
        {
            Console.WriteLine("on every held-out candidate (shown, and retrieved but never shown):");
            Print(everyCandidate);
        }
    }

    private static void Print(IReadOnlyList<EvaluatedModel> models)
    {
        Console.WriteLine($"{"model",-22} {"version",-26} {"NDCG@1",7} {"NDCG@3",7} {"NDCG@5",7} {"NDCG@10",8} {"MAP",7} {"groups",7}");
        foreach (var m in models)
        {
            var x = m.Metrics;
            Console.WriteLine($"{m.Name,-22} {m.Version,-26} {x.NdcgAt(1),7:0.0000} {x.NdcgAt(3),7:0.0000} {x.NdcgAt(5),7:0.0000} {x.NdcgAt(10),8:0.0000} {x.Map,7:0.0000} {x.Groups,7:N0}");
        }

        foreach (var other in models.Skip(1))
        {
            foreach (var comparison in PairedComparison.Of(models[0].Metrics, other.Metrics))
            {
                Console.WriteLine(comparison.Describe(models[0].Name, other.Name));
            }
        }
    }

    private static double Double(Arguments arguments, string name, double fallback)
    {
        var text = arguments.One(name);
        return text is null ? fallback
            : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value
            : throw new UsageException($"--{name} must be a number, not '{text}'");
    }
}
