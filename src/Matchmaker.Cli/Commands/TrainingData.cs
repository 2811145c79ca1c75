using Grpc.Core;
using Matchmaker.Mapping;
using Matchmaker.V1;
using TrainingExample = Matchmaker.TrainingData.TrainingExample;

namespace Matchmaker.Cli.Commands;

/// <summary>
/// Training rows from a JSONL file (proto3 JSON of TrainingExample, one per line) or, without
/// --data, from the server's ExportTrainingData: the same format either way, so a data scientist
/// can export once and train offline.
/// </summary>
internal static class TrainingData
{
    public static async Task<(List<TrainingExample> Rows, string Source)> LoadAsync(Arguments arguments)
    {
        var path = arguments.One("data");
        if (path is not null)
        {
            arguments.One("server");
            var read = ReadFile(path);
            return read.Count > 0 ? (read, Path.GetFileName(path))
                : throw new UsageException($"{path} holds no training rows (it is empty or blank): export them with matchmaker export-training-data --out FILE.jsonl");
        }

        using var channel = Server.Connect(arguments);
        var rows = new List<TrainingExample>();
        await foreach (var example in Stream(channel, new ExportTrainingDataRequest()))
        {
            rows.Add(example.ToDomain());
        }

        return rows.Count > 0 ? (rows, "server ExportTrainingData")
            : throw new UsageException("the server has no training rows yet: no feedback is recorded (import some with matchmaker import feedback FILE.jsonl, or simulate it)");
    }

    public static async IAsyncEnumerable<V1.TrainingExample> Stream(Grpc.Net.Client.GrpcChannel channel, ExportTrainingDataRequest request)
    {
        var client = new ModelService.ModelServiceClient(channel);
        using var call = client.ExportTrainingData(request);
        var progress = new Progress("exporting training data", 0);
        long count = 0;
        await foreach (var example in call.ResponseStream.ReadAllAsync())
        {
            progress.Report(++count);
            yield return example;
        }

        progress.Done();
    }

    public static List<TrainingExample> ReadFile(string path) =>
        JsonLines.Read(path, V1.TrainingExample.Parser, p =>
        {
            var row = p.ToDomain();
            return row.Label is >= 0 and <= Feedback.FeedbackGains.MaxLabel
                ? row
                : throw new InvalidDataException($"label {row.Label} is outside 0–{Feedback.FeedbackGains.MaxLabel}");
        });

    public static Ranking.ModelMetadata.DataSummary Summarize(string source, IReadOnlyList<TrainingExample> rows,
        IReadOnlyList<TrainingExample> train, IReadOnlyList<TrainingExample> test) => new()
    {
        Source = source,
        Rows = rows.Count,
        Groups = rows.Select(r => r.InquiryId).Distinct(StringComparer.Ordinal).Count(),
        TrainRows = train.Count,
        TestRows = test.Count,
        TestGroups = test.Select(r => r.InquiryId).Distinct(StringComparer.Ordinal).Count(),
        Labels = [.. Enumerable.Range(0, Feedback.FeedbackGains.MaxLabel + 1).Select(l => (long)rows.Count(r => r.Label == l))],
        FeatureSources = rows.GroupBy(r => r.FeatureSource).ToDictionary(g => g.Key, g => (long)g.Count()),
    };
}
