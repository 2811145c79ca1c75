using System.Diagnostics;
using System.Globalization;
using Matchmaker.DemoData;
using Matchmaker.Features;
using Matchmaker.Feedback;
using Matchmaker.Profiles;
using Matchmaker.Ranking;
using Matchmaker.Training;
using Matchmaker.TrainingData;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Matchmaker.Benchmarks;

/// <summary>Scoring and training, without transport: the model-side costs of a match request and of a retrain.</summary>
internal static class RankingBenchmarks
{
    /// <summary>
    /// One inquiry, N candidate exporters from the demo generator: feature extraction and scoring
    /// with a 300-tree model's trees (<see cref="BenchModel"/>), timed per inquiry; ML.NET's PredictionEngine on the same rows
    /// for comparison (the path the direct evaluator replaces).
    /// </summary>
    public static void ScoreCandidates(int count)
    {
        var modelDirectory = BenchModel.Directory();
        var ranker = ModelLoader.Load(modelDirectory);
        var generator = new DemoDataGenerator(42, DateTimeOffset.UtcNow);
        var exporters = generator.Exporters(count).Select(e => ProfileValidator.Prepare(e)).ToList();
        var inquiry = ProfileValidator.Prepare(generator.Inquiries(1).First());
        var space = new ProductSpace();
        foreach (var e in generator.Exporters(20_000))
        {
            space.Apply(ProfileValidator.Prepare(e), deleted: false);
        }

        var ledger = new FeedbackLedger();
        var random = new Random(1);
        ledger.Add([.. exporters.SelectMany(e => Enumerable.Range(0, 5).Select(q =>
            new FeedbackEvent($"Q{q}", e.Id, (FeedbackKind)random.Next(1, 11), DateTimeOffset.UtcNow.AddDays(-q - 1))))]);
        var extractor = new FeatureExtractor(space, ledger);
        var rows = new float[count * FeatureSchema.Count];
        var scores = new double[count];
        var text = exporters.Select(_ => random.NextDouble()).ToArray();

        void Extract()
        {
            for (var i = 0; i < count; i++)
            {
                extractor.Extract(inquiry, exporters[i], text[i], rows.AsSpan(i * FeatureSchema.Count, FeatureSchema.Count));
            }
        }

        void Score() => ranker.ScoreBatch(rows, scores, FeatureSchema.Count);

        Time($"features for {count} candidates", 2_000, Extract);
        Time($"scoring {count} candidates ({ranker.Version}: {ranker.Ensemble.Trees.Count} trees)", 2_000, Score);
        Time($"features + scoring {count} candidates", 2_000, () =>
        {
            Extract();
            Score();
        });

        // A top-10 list's reasons: each explained match against the candidates' mean row, 16 probes each.
        Extract();
        var reference = new float[FeatureSchema.Count];
        for (var i = 0; i < count; i++)
        {
            for (var f = 0; f < FeatureSchema.Count; f++)
            {
                reference[f] += rows[(i * FeatureSchema.Count) + f] / count;
            }
        }

        var contributions = new double[10 * FeatureSchema.Count];
        Time("contributions of 10 explained matches (the rows and their 16 probes each one batch, as a list's reasons)", 2_000, () =>
            ranker.ContributionsBatch(rows.AsSpan(0, 10 * FeatureSchema.Count), reference, contributions, FeatureSchema.Count));

        var ml = new MLContext(1);
        var model = ml.Model.Load(Path.Combine(modelDirectory, ModelFiles.MlNet), out _);
        var schema = SchemaDefinition.Create(typeof(MlRow));
        schema[nameof(MlRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, FeatureSchema.Count);
        var engine = ml.Model.CreatePredictionEngine<MlRow, MlScore>(model, inputSchemaDefinition: schema);
        var inputs = Enumerable.Range(0, count).Select(i => new MlRow { Features = rows.AsSpan(i * FeatureSchema.Count, FeatureSchema.Count).ToArray() }).ToList();
        double maxDifference = 0;
        Time($"ML.NET PredictionEngine, {count} candidates (for comparison)", 200, () =>
        {
            for (var i = 0; i < count; i++)
            {
                maxDifference = Math.Max(maxDifference, Math.Abs(engine.Predict(inputs[i]).Score - ranker.Score(inputs[i].Features)));
            }
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  largest difference between the two scorers: {maxDifference:G3}"));
    }

    /// <summary>LightGBM LambdaRank (the train command's defaults) on N synthetic labelled pairs, 20 per inquiry.</summary>
    public static void Training(int pairs)
    {
        var random = new Random(5);
        var rows = new List<TrainingExample>(pairs);
        for (var i = 0; i < pairs; i++)
        {
            var f = new float[FeatureSchema.Count];
            for (var j = 0; j < f.Length; j++)
            {
                f[j] = (float)random.NextDouble();
            }

            var utility = (2 * f[FeatureSchema.HsMatch]) + f[FeatureSchema.CertificationCoverage] + f[FeatureSchema.ExporterMeetingRate] + random.NextDouble();
            rows.Add(new TrainingExample($"Q{i / 20:D7}", $"E{i % 20:D2}", Math.Clamp((int)(utility - 1), 0, 4), f, TrainingExample.Computed));
        }

        var options = new TrainerOptions { Trees = 200, Leaves = 31, LearningRate = 0.1 }; // the configuration the README's figure names
        var clock = Stopwatch.StartNew();
        var trained = RankTrainer.Train(rows, options, step => Console.WriteLine($"  {clock.Elapsed.TotalSeconds,6:0.0} s  {step}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"training {options.TrainerName} ({options.Trees} trees, {options.Leaves} leaves) on {pairs:N0} pairs in {pairs / 20:N0} inquiries: {clock.Elapsed.TotalSeconds:0.0} s (incl. checking every row against ML.NET), {trained.Ensemble.Trees.Count} trees"));
    }

    /// <summary>
    /// Feedback arriving one event at a time (the portal's unary RecordFeedback) for one popular
    /// exporter already shown to <paramref name="pairs"/> inquiries: the cost of one more event,
    /// of reading the exporter's record while scoring, and of freezing the ledger for an epoch.
    /// </summary>
    public static void FeedbackWrites(int pairs)
    {
        var ledger = new FeedbackLedger();
        var start = DateTimeOffset.UtcNow.AddDays(-30);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < pairs; i++)
        {
            ledger.Add([new FeedbackEvent($"Q{i}", "EXP-POPULAR", FeedbackKind.Impression, start.AddSeconds(i), Sequence: i + 1)]);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"feedback: {pairs:N0} single-event writes for one exporter in {clock.Elapsed.TotalSeconds:0.00} s"));
        var next = pairs;
        Time($"one more event for an exporter with {pairs:N0} pairs", 1_000, () =>
        {
            next++;
            ledger.Add([new FeedbackEvent($"Q{next}", "EXP-POPULAR", FeedbackKind.Contact, start.AddSeconds(next), Sequence: next)]);
        });
        Time($"its record without one pair (what scoring reads), {pairs:N0} pairs", 100_000,
            () => ledger.HistoryOf("EXP-POPULAR", "Q17"));
        Time("freezing the ledger for an epoch", 100, () => ledger.Snapshot());
    }

    private static void Time(string name, int repetitions, Action action)
    {
        for (var i = 0; i < Math.Max(10, repetitions / 10); i++)
        {
            action();
        }

        var samples = new double[repetitions];
        for (var i = 0; i < repetitions; i++)
        {
            var start = Stopwatch.GetTimestamp();
            action();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(samples);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: p50 {Latencies.Percentile(samples, 0.50):0.000} ms, p99 {Latencies.Percentile(samples, 0.99):0.000} ms"));
    }

    private sealed class MlRow
    {
        public float[] Features { get; set; } = [];
    }

    private sealed class MlScore
    {
        public float Score { get; set; }
    }
}
