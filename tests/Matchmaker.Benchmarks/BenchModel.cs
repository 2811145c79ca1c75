using Matchmaker.Features;
using Matchmaker.Ranking;
using Matchmaker.Training;

namespace Matchmaker.Benchmarks;

/// <summary>
/// A learned model the size of a real one (300 trees of 15 leaves, the training defaults) for the
/// speed benchmarks, now that no model ships: trained once on the demo world's SYNTHETIC year (about
/// a minute) and kept in the temp folder for this feature schema. What it costs to evaluate is the point.
/// </summary>
internal static class BenchModel
{
    public const string Version = "bench-lgbm-300x15";

    /// <summary>Registers and activates the benchmark model on a server.</summary>
    public static async Task RegisterAsync(Matchmaker.V1.ModelService.ModelServiceClient models)
    {
        var register = new Matchmaker.V1.RegisterModelRequest { Activate = true };
        foreach (var name in ModelFiles.All)
        {
            var path = Path.Combine(Directory(), name);
            if (File.Exists(path))
            {
                register.Files[name] = Google.Protobuf.ByteString.CopyFrom(File.ReadAllBytes(path));
            }
        }

        await models.RegisterModelAsync(register);
    }

    public static string Directory()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"matchmaker-{Version}-{FeatureSchema.Hash}");
        if (File.Exists(Path.Combine(directory, ModelFiles.Metadata)))
        {
            return directory;
        }

        // The demo world's simulated year (what the previous shipped model was trained on): real feature distributions.
        var rows = WorldsBenchmark.World(0, 2_000, 1_500, new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero), Console.WriteLine).Rows;
        var trained = RankTrainer.Train(rows, new TrainerOptions());
        var metadata = new ModelMetadata
        {
            Version = Version,
            Trainer = "lightgbm-lambdarank",
            CreatedAt = DateTimeOffset.UtcNow,
            FeatureSchemaHash = FeatureSchema.Hash,
            Notes = "SYNTHETIC benchmark model: the demo world's simulated year; for timing only.",
        };
        var temp = directory + ".partial";
        ModelWriter.Write(temp, metadata, trained, "<p>benchmark model</p>");
        System.IO.Directory.Move(temp, directory);
        return directory;
    }
}
