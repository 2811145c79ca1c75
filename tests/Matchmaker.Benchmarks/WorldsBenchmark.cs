using System.Diagnostics;
using System.Globalization;
using Matchmaker.DemoData;
using Matchmaker.Features;
using Matchmaker.Feedback;
using Matchmaker.Hosting;
using Matchmaker.Matching;
using Matchmaker.Profiles;
using Matchmaker.Ranking;
using Matchmaker.Serving;
using Matchmaker.Training;
using Matchmaker.TrainingData;

namespace Matchmaker.Benchmarks;

/// <summary>
/// Ranking quality on worlds a model never saw (a study, not a speed benchmark). Each world is demo
/// data from its own seed with SYNTHETIC feedback from buyers of its own hidden utility
/// (<see cref="HiddenUtility.Draw"/>: weights, noise, position bias, exploration), loaded into a
/// fresh engine as an agency would (exporters, inquiries, a year of feedback history, no served
/// log) and exported with the training export. Two questions:
/// <list type="number">
/// <item>The README loop inside each test world (train on 80% of its inquiries, evaluate on the
/// rest): with the export and training of before (shown rows only, no weights) and of now
/// (never-shown candidates added, position-bias weights).</item>
/// <item>The shipped model: trained once on the training worlds (1..T), scored on the test worlds
/// (101..), beside the formula and beside a model trained on the demo world alone (how the
/// shipped model was made before). With --ship DIR the multi-world model is written there.</item>
/// </list>
/// </summary>
public static class WorldsBenchmark
{
    private const int TestWorldBase = 100;

    public static void Run(int trainWorlds, int testWorlds, int exporters, int inquiries, string? ship)
    {
        var asOf = new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);
        var clock = Stopwatch.StartNew();
        void Say(string text) => Console.WriteLine($"  {clock.Elapsed.TotalSeconds,7:0.0} s  {text}");
        Console.WriteLine($"worlds: {trainWorlds} training worlds (1–{trainWorlds}) and {testWorlds} test worlds ({TestWorldBase + 1}–{TestWorldBase + testWorlds}), " +
            $"{exporters:N0} exporters and {inquiries:N0} inquiries each, unshown cap {TrainingExportOptions.DefaultUnshownPerInquiry}");

        var defaults = new TrainerOptions();
        var noWeights = defaults with { PositionWeights = false };
        var shipped = defaults with { WeighUnshown = true };
        var table = new List<string>();
        var testRows = new List<(int World, List<TrainingExample> Rows, Dictionary<(string, string), int> Truth)>();
        for (var t = 1; t <= testWorlds; t++)
        {
            var world = TestWorldBase + t;
            var (rows, truth) = World(world, exporters, inquiries, asOf, Say);
            testRows.Add((world, rows, truth));
            var (train, test) = TrainingSplit.Split(rows);
            var shownTrain = train.Where(r => r.FeatureSource != TrainingExample.Unshown).ToList();
            var before = Train(shownTrain, noWeights);
            var withUnshown = Train(train, noWeights);
            var now = Train(train, defaults);
            var weighed = Train(train, shipped);
            Say($"world {world}: trained 4 models; {PositionBias.Estimate(train, defaults.MaxPositionWeight).Describe()}");
            foreach (var (label, set) in Sets(test, truth))
            {
                var formula = RankingMetrics.Evaluate(BaselineRanker.Instance, set);
                var b = RankingMetrics.Evaluate(before, set);
                var u = RankingMetrics.Evaluate(withUnshown, set);
                var n = RankingMetrics.Evaluate(now, set);
                var w = RankingMetrics.Evaluate(weighed, set);
                table.Add(string.Create(CultureInfo.InvariantCulture,
                    $"| {world} | {label} | {formula.NdcgAt(10):0.000} | {b.NdcgAt(10):0.000} | {u.NdcgAt(10):0.000} | {n.NdcgAt(10):0.000} | {w.NdcgAt(10):0.000} | {Ci(n, b)} | {Ci(n, formula)} |"));
            }
        }

        Console.WriteLine();
        Console.WriteLine("The README loop inside each world (held-out 20% of its inquiries), NDCG@10:");
        Console.WriteLine("| world | labels, rows | formula | before: shown rows only | + unshown rows | + position weights (now, the defaults) | + --weigh-unshown | now − before (95% CI) | now − formula (95% CI) |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        table.ForEach(Console.WriteLine);

        // The shipped model: many worlds in, unseen worlds out.
        var pooled = new List<TrainingExample>();
        for (var w = 1; w <= trainWorlds; w++)
        {
            pooled.AddRange(World(w, exporters, inquiries, asOf, Say).Rows);
        }

        var demoWorld = World(0, exporters, inquiries, asOf, Say).Rows;
        var multiTrained = RankTrainer.Train(pooled, shipped);
        var multi = Ranker(multiTrained, shipped);
        var single = Train(demoWorld, shipped);
        Say($"trained the multi-world model on {pooled.Count:N0} rows and the demo-world model on {demoWorld.Count:N0}");
        Console.WriteLine();
        Console.WriteLine("Models trained elsewhere, on every inquiry of each unseen test world, NDCG@10:");
        Console.WriteLine("| world | labels, rows | formula | demo world only | many worlds | many − formula (95% CI) | many − demo only (95% CI) |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        int wins = 0, losses = 0, comparisons = 0;
        foreach (var (world, rows, truth) in testRows)
        {
            foreach (var (label, set) in Sets(rows, truth))
            {
                var formula = RankingMetrics.Evaluate(BaselineRanker.Instance, set);
                var s = RankingMetrics.Evaluate(single, set);
                var m = RankingMetrics.Evaluate(multi, set);
                var versusFormula = PairedComparison.Of(m, formula)[0];
                if (label.StartsWith("truth", StringComparison.Ordinal))
                {
                    comparisons++;
                    wins += versusFormula.Low > 0 ? 1 : 0;
                    losses += versusFormula.High < 0 ? 1 : 0;
                }
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {world} | {label} | {formula.NdcgAt(10):0.000} | {s.NdcgAt(10):0.000} | {m.NdcgAt(10):0.000} | {Ci(m, formula)} | {Ci(m, s)} |"));
            }
        }

        Console.WriteLine($"on the true utilities of unseen worlds the many-worlds model beats the formula (95% CI above 0) in {wins} of {comparisons} worlds and loses (below 0) in {losses}");
        if (ship is not null)
        {
            if (losses > 0 || wins == 0)
            {
                Console.WriteLine($"not shipping: the model is worse than the formula somewhere, or better nowhere; {ship} left alone");
                return;
            }

            var version = Path.GetFileName(Path.GetFullPath(ship));
            var metadata = new ModelMetadata
            {
                Version = version,
                Trainer = defaults.TrainerName,
                CreatedAt = DateTimeOffset.UtcNow,
                Parameters = shipped.ToParameters(),
                FeatureSchemaHash = FeatureSchema.Hash,
                Notes = $"SYNTHETIC: trained on simulated worlds 1–{trainWorlds} ({exporters} exporters, {inquiries} inquiries each; WorldsBenchmark), " +
                    $"checked on unseen worlds {TestWorldBase + 1}–{TestWorldBase + testWorlds}: ranks the true utility better than the formula in {wins} of {comparisons}, worse in none.",
            };
            var all = testRows.SelectMany(t => t.Rows).ToList();
            var (models, everyCandidate) = ModelEvaluation.Evaluate([("this model", multi), ("baseline formula", BaselineRanker.Instance)], all);
            metadata = metadata with
            {
                Metrics = new Dictionary<string, IReadOnlyDictionary<string, double>>
                {
                    [ModelMetadata.CandidateMetrics] = models[0].Metrics.ToDictionary(),
                    [ModelMetadata.BaselineMetrics] = models[1].Metrics.ToDictionary(),
                },
            };
            var report = EvaluationReport.Html($"Model {version}", models, ModelEvaluation.PermutationImportance(multi, all),
                [metadata.Notes, "Metrics: every inquiry of the unseen test worlds."], everyCandidate);
            ModelWriter.Write(ship, metadata, multiTrained, report);
            Console.WriteLine($"shipped model written to {ship}");
        }
    }

    /// <summary>Feedback labels on every candidate and on the shown ones; and the true labels on every candidate.</summary>
    private static (string Label, List<TrainingExample> Rows)[] Sets(List<TrainingExample> rows, Dictionary<(string, string), int> truth) =>
    [
        ("feedback, all", rows),
        ("feedback, shown", rows.Where(r => r.FeatureSource != TrainingExample.Unshown).ToList()),
        ("truth, all", rows.Select(r => r with { Label = truth[(r.InquiryId, r.ExporterId)] }).ToList()),
    ];

    private static string Ci(RankingMetrics a, RankingMetrics b)
    {
        var c = PairedComparison.Of(a, b)[0];
        return string.Create(CultureInfo.InvariantCulture, $"{c.Difference:+0.000;-0.000} ({c.Low:+0.000;-0.000} … {c.High:+0.000;-0.000})");
    }

    private static LearnedRanker Train(List<TrainingExample> rows, TrainerOptions options) => Ranker(RankTrainer.Train(rows, options), options);

    private static LearnedRanker Ranker(TrainedModel trained, TrainerOptions options) =>
        new(new ModelMetadata { Version = "study", Trainer = options.TrainerName, FeatureSchemaHash = FeatureSchema.Hash, Reference = trained.Reference },
            trained.Ensemble);

    /// <summary>One world's training export, inquiry ids prefixed with the world so that worlds pool without colliding.</summary>
    internal static (List<TrainingExample> Rows, Dictionary<(string, string), int> Truth) World(int world, int exporterCount, int inquiryCount,
        DateTimeOffset asOf, Action<string> say)
    {
        var utility = HiddenUtility.Draw(world);
        var generator = new DemoDataGenerator(1_000 + world, asOf);
        var exporters = generator.Exporters(exporterCount).Select(e => ProfileValidator.Prepare(e)).Where(e => e.Active).ToList();
        var inquiries = generator.Inquiries(inquiryCount).Select(q => ProfileValidator.Prepare(q)).ToList();
        var work = Directory.CreateTempSubdirectory("matchmaker-world-");
        try
        {
            using var engine = MatchmakerEngine.Start(work.FullName,
                ("Matchmaker:ActivateShippedModel", "false"), ("Matchmaker:Cache:Enabled", "false"),
                ("Matchmaker:StatisticsRefreshSeconds", "86400"));
            var simulator = new OutcomeSimulator(world, utility);
            var events = simulator.Simulate(engine.Get<ProfileCatalog>(), engine.Get<StatisticsEpochs>(),
                engine.Get<Matcher>(), engine.Get<FeedbackLedger>(), exporters, inquiries, 20, asOf);
            foreach (var batch in inquiries.Chunk(2_000))
            {
                engine.Get<ProfileCatalog>().ImportInquiries(batch);
            }

            engine.Get<StatisticsEpochs>().Refresh();
            var rows = engine.Get<TrainingDataExporter>().Export(new TrainingExportOptions())
                .Select(r => r with { InquiryId = $"w{world}/{r.InquiryId}" }).ToList();
            var positives = rows.Count(r => r.Label > 0);
            say(string.Create(CultureInfo.InvariantCulture,
                $"world {world}: {events.Count:N0} events, {rows.Count:N0} rows ({rows.Count(r => r.FeatureSource == TrainingExample.Unshown):N0} unshown), {positives:N0} positive; {utility}"));
            // What the buyer would do with the pair if shown first (no position bias, no luck): the
            // thresholds its expected utility passes. The yardstick the feedback only hints at.
            var truth = rows.ToDictionary(r => (r.InquiryId, r.ExporterId), r =>
            {
                var u = utility.Of(r.Features, simulator.ReliabilityOf(r.ExporterId), 0) - utility.Choosiness;
                return u >= OutcomeSimulator.ContractAt ? 4 : u >= OutcomeSimulator.MeetingAt ? 3 : u >= OutcomeSimulator.ContactAt ? 2 : u >= OutcomeSimulator.ViewAt ? 1 : 0;
            });
            return (rows, truth);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
