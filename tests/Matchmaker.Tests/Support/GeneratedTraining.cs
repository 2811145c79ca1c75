using Matchmaker.Features;
using Matchmaker.Ranking;
using Matchmaker.Training;
using Matchmaker.TrainingData;

namespace Matchmaker.Tests.Support;

/// <summary>
/// Labelled pairs with a known rule, so a test knows what a trained model must have learned:
/// buyers want full certification coverage and exporters whose meetings take place; HS fit and
/// text matter a little; everything else is noise.
/// </summary>
internal static class GeneratedTraining
{
    public static List<TrainingExample> Rows(int seed, int inquiries = 300, int perInquiry = 12)
    {
        var random = new Random(seed);
        var rows = new List<TrainingExample>();
        for (var q = 0; q < inquiries; q++)
        {
            for (var e = 0; e < perInquiry; e++)
            {
                var f = new float[FeatureSchema.Count];
                for (var i = 0; i < f.Length; i++)
                {
                    f[i] = (float)random.NextDouble();
                }

                f[FeatureSchema.CertificationCoverage] = random.NextDouble() < 0.5 ? 1 : 0;
                var utility = (2.0 * f[FeatureSchema.CertificationCoverage]) + (2.0 * f[FeatureSchema.ExporterMeetingRate])
                    + (0.5 * f[FeatureSchema.HsMatch]) + (0.5 * random.NextDouble());
                var label = utility switch { > 4.0 => 4, > 3.3 => 3, > 2.6 => 2, > 1.8 => 1, _ => 0 };
                rows.Add(new TrainingExample($"Q{q:D4}", $"E{e:D3}", label, f, TrainingExample.Computed));
            }
        }

        return rows;
    }

    /// <summary>Trains a small LightGBM model on <see cref="Rows"/> and writes its directory.</summary>
    public static string Model(string directory, string version, int seed = 1, int trees = 40)
    {
        var rows = Rows(seed);
        var trained = RankTrainer.Train(rows, new TrainerOptions { Trees = trees, Leaves = 8, LearningRate = 0.1, MinExamplesPerLeaf = 5, Seed = seed });
        var metadata = new ModelMetadata
        {
            Version = version,
            Trainer = "lightgbm-lambdarank",
            CreatedAt = DateTimeOffset.UtcNow,
            FeatureSchemaHash = FeatureSchema.Hash,
        };
        ModelWriter.Write(directory, metadata, trained, "<html><body>test model</body></html>");
        return directory;
    }
}
