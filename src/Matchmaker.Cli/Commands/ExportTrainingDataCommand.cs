using Matchmaker.TrainingData;

namespace Matchmaker.Cli.Commands;

/// <summary>`matchmaker export-training-data --out FILE.jsonl`: the server's labelled pairs, for offline training.</summary>
internal static class ExportTrainingDataCommand
{
    public static async Task<int> RunAsync(Arguments arguments)
    {
        var output = arguments.One("out") ?? "training.jsonl";
        var request = new V1.ExportTrainingDataRequest
        {
            ServedOnly = arguments.Switch("served-only"),
            ExcludeUnshown = arguments.Switch("no-unshown"),
            UnshownPerInquiry = arguments.Int("unshown-per-inquiry", TrainingExportOptions.DefaultUnshownPerInquiry, 1, TrainingExportOptions.MaxUnshownPerInquiry),
        };
        using var channel = Server.Connect(arguments);
        arguments.EnsureAllRead();
        long rows = 0;
        var sources = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var temp = output + ".partial";
        await using (var writer = new StreamWriter(temp, append: false, new System.Text.UTF8Encoding(false)) { NewLine = "\n" })
        {
            await foreach (var example in TrainingData.Stream(channel, request))
            {
                // Every field, zeros included: a label-0 row says "label": 0 for pandas and jq.
                await writer.WriteLineAsync(JsonLines.EveryField.Format(example));
                rows++;
                sources[example.FeatureSource] = sources.GetValueOrDefault(example.FeatureSource) + 1;
            }
        }

        // Renamed only when complete: a broken connection never leaves a file that looks whole.
        File.Move(temp, output, overwrite: true);
        Console.WriteLine($"wrote {rows:N0} labelled pairs to {output} ({Describe(sources)})");
        return 0;
    }

    private static string Describe(SortedDictionary<string, long> sources) =>
        sources.Count == 0 ? "none" : string.Join(", ", sources.Select(s => s.Key switch
        {
            TrainingExample.Served => $"{s.Value:N0} with served features",
            TrainingExample.Computed => $"{s.Value:N0} computed for imported history",
            TrainingExample.Unshown => $"{s.Value:N0} retrieved but never shown",
            _ => $"{s.Value:N0} {s.Key}",
        }));
}
