using System.Globalization;
using Grpc.Core;
using Matchmaker.Ranking;
using Matchmaker.Training;
using Matchmaker.V1;

namespace Matchmaker.Cli.Commands;

/// <summary>
/// `matchmaker evaluate MODEL_DIR`: the candidate, the active model and the baseline formula side by
/// side on the same held-out inquiries (the split the candidate was trained without), with an HTML
/// report. The active model comes from --active DIR, or else from the server.
/// </summary>
internal static class EvaluateCommand
{
    public static async Task<int> RunAsync(Arguments arguments)
    {
        if (arguments.Positional.Count != 1)
        {
            throw new UsageException("usage: matchmaker evaluate MODEL_DIR [--data FILE.jsonl] [--active DIR] [--report FILE.html]");
        }

        var directory = arguments.Positional[0];
        var candidate = Load(directory);
        var activeDirectory = arguments.One("active");
        var reportPath = arguments.One("report") ?? Path.Combine(directory, "evaluation.html");
        var useServer = arguments.One("data") is null;
        var serverUrl = arguments.One("server");
        var (rows, source) = await TrainingData.LoadAsync(arguments);
        arguments.EnsureAllRead();

        var fraction = candidate.Metadata.Parameters.TryGetValue("test_fraction", out var f)
            ? double.Parse(f, CultureInfo.InvariantCulture) : TrainingSplit.DefaultTestFraction;
        var (_, test) = TrainingSplit.Split(rows, fraction);
        if (test.Count == 0)
        {
            throw new UsageException("no inquiry of this data falls into the held-out split");
        }

        var notes = new List<string>
        {
            $"Held-out split: the inquiries the candidate was trained without ({fraction:P0} by inquiry-id hash); {test.Count:N0} pairs from {source}.",
        };
        var rankers = new List<(string, Ranker)> { ("candidate", candidate) };
        var active = activeDirectory is not null ? Load(activeDirectory) : await ActiveFromServer(useServer || serverUrl is not null, arguments, notes);
        if (active is not null && active.Version != candidate.Version)
        {
            rankers.Add(("active model", active));
        }
        else if (active is not null)
        {
            notes.Add($"The candidate {candidate.Version} is the active model.");
        }

        rankers.Add(("baseline formula", BaselineRanker.Instance));
        (List<EvaluatedModel> Shown, List<EvaluatedModel>? EveryCandidate) evaluated;
        double[] importance;
        using (var ticker = new Ticker())
        {
            ticker.Step($"scoring {test.Count:N0} held-out pairs with {rankers.Count} rankers, with bootstrap intervals");
            evaluated = ModelEvaluation.Evaluate(rankers, test);
            ticker.Step("permutation importance of each feature");
            importance = ModelEvaluation.PermutationImportance(candidate, test);
        }

        var (models, everyCandidate) = evaluated;
        File.WriteAllText(reportPath, EvaluationReport.Html($"Evaluation of {candidate.Version}", models, importance, notes, everyCandidate));
        TrainCommand.Print(models, everyCandidate);
        foreach (var note in notes.Skip(1))
        {
            Console.WriteLine(note);
        }

        Console.WriteLine($"report: {reportPath}");
        return 0;
    }

    private static LearnedRanker Load(string directory)
    {
        try
        {
            return ModelLoader.Load(directory);
        }
        catch (ModelRejectedException e)
        {
            throw new UsageException($"{directory}: {e.Message}");
        }
    }

    private static async Task<LearnedRanker?> ActiveFromServer(bool ask, Arguments arguments, List<string> notes)
    {
        if (!ask)
        {
            notes.Add("No active model compared: give --active DIR, or --server to ask the service.");
            return null;
        }

        using var channel = Server.Connect(arguments);
        var client = new ModelService.ModelServiceClient(channel);
        try
        {
            var active = await client.GetActiveModelAsync(new GetActiveModelRequest());
            if (active.Version == BaselineRanker.BaselineVersion)
            {
                notes.Add("The server ranks with the baseline formula (no learned model active).");
                return null;
            }

            var files = await client.GetModelFilesAsync(new GetModelFilesRequest { Version = active.Version });
            var temp = Directory.CreateTempSubdirectory("matchmaker-active-");
            try
            {
                foreach (var (name, bytes) in files.Files)
                {
                    await File.WriteAllBytesAsync(Path.Combine(temp.FullName, Path.GetFileName(name)), bytes.ToByteArray());
                }

                return Load(temp.FullName);
            }
            finally
            {
                temp.Delete(recursive: true);
            }
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable)
        {
            notes.Add("No active model compared: the server is unreachable.");
            return null;
        }
    }
}
