using Google.Protobuf;

namespace Matchmaker.Cli.Commands;

/// <summary>`matchmaker export-training-data --out FILE.jsonl`: the server's labelled pairs, for offline training.</summary>
internal static class ExportTrainingDataCommand
{
    public static async Task<int> RunAsync(Arguments arguments)
    {
        var output = arguments.One("out") ?? "training.jsonl";
        var servedOnly = arguments.Switch("served-only");
        using var channel = Server.Connect(arguments);
        arguments.EnsureAllRead();
        long rows = 0, served = 0;
        var temp = output + ".partial";
        await using (var writer = new StreamWriter(temp, append: false, new System.Text.UTF8Encoding(false)) { NewLine = "\n" })
        {
            await foreach (var example in TrainingData.Stream(channel, servedOnly))
            {
                await writer.WriteLineAsync(JsonFormatter.Default.Format(example));
                rows++;
                served += example.FeatureSource == Matchmaker.TrainingData.TrainingExample.Served ? 1 : 0;
            }
        }

        // Renamed only when complete: a broken connection never leaves a file that looks whole.
        File.Move(temp, output, overwrite: true);
        Console.WriteLine($"wrote {rows:N0} labelled pairs to {output} ({served:N0} with served features, {rows - served:N0} computed at export)");
        return 0;
    }
}
