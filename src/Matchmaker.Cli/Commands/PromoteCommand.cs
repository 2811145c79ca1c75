using Google.Protobuf;
using Matchmaker.Ranking;
using Matchmaker.V1;

namespace Matchmaker.Cli.Commands;

/// <summary>
/// `matchmaker promote MODEL_DIR`: checks the model here, sends its files to the server's registry
/// (models/&lt;version&gt;/ there) and activates it. The server checks again and hot-swaps: requests in
/// flight finish with the old model.
/// </summary>
internal static class PromoteCommand
{
    public static async Task<int> RunAsync(Arguments arguments)
    {
        if (arguments.Positional.Count != 1)
        {
            throw new UsageException("usage: matchmaker promote MODEL_DIR [--register-only]");
        }

        var directory = arguments.Positional[0];
        var registerOnly = arguments.Switch("register-only");
        if (!Directory.Exists(directory))
        {
            throw new UsageException(File.Exists(directory) ? $"{directory} is a file: give a model's folder (as train writes it)" : $"no such folder: {directory} (train writes models under trained-models/)");
        }

        LearnedRanker local;
        try
        {
            local = ModelLoader.Load(directory);
        }
        catch (ModelRejectedException e)
        {
            throw new UsageException($"{directory}: {e.Message}");
        }

        using var channel = Server.Connect(arguments);
        arguments.EnsureAllRead();
        var request = new RegisterModelRequest { Activate = !registerOnly };
        foreach (var name in Ranking.ModelFiles.All)
        {
            var path = Path.Combine(directory, name);
            if (File.Exists(path))
            {
                request.Files[name] = ByteString.CopyFrom(await File.ReadAllBytesAsync(path));
            }
        }

        var info = await new ModelService.ModelServiceClient(channel).RegisterModelAsync(request);
        Console.WriteLine(info.Active
            ? $"model {info.Version} ({info.Trainer}) registered and active: MatchInquiry now ranks with it"
            : $"model {info.Version} ({info.Trainer}) registered; activate it with: matchmaker activate {info.Version}");
        if (local.Metadata.Metrics.TryGetValue(ModelMetadata.CandidateMetrics, out var own)
            && local.Metadata.Metrics.TryGetValue(ModelMetadata.BaselineMetrics, out var baseline))
        {
            Console.WriteLine($"held-out NDCG@10 {own["ndcg@10"]:0.0000} (baseline formula {baseline["ndcg@10"]:0.0000})");
        }

        return 0;
    }
}
