using Matchmaker.Tests.Support;
using Matchmaker.V1;

namespace Matchmaker.Tests.Training;

/// <summary>
/// The data scientist's loop as a new user runs it, from files alone, with the real `matchmaker`
/// command against the real server binary: demo data, simulated history, import, train,
/// evaluate, promote, and the next match list ranked by the promoted model.
/// </summary>
public sealed class LearningLoopTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task Import_train_evaluate_promote_then_MatchInquiry_ranks_with_the_new_model()
    {
        var demo = Path.Combine(_dir.Path, "demo");
        await Cli("demo-data", "--out", demo, "--exporters", "400", "--inquiries", "300", "--as-of", "2026-06-01");
        var simulated = await Cli("simulate", "--exporters", Path.Combine(demo, "exporters.jsonl"), "--inquiries", Path.Combine(demo, "inquiries.jsonl"),
            "--out", Path.Combine(demo, "feedback.jsonl"), "--as-of", "2026-06-01");
        Assert.Contains("SYNTHETIC feedback events", simulated, StringComparison.Ordinal);

        using var server = new ServerProcess(Path.Combine(_dir.Path, "server"));
        await server.StartAsync();
        await Cli("import", "exporters", Path.Combine(demo, "exporters.jsonl"), "--server", server.Url);
        await Cli("import", "inquiries", Path.Combine(demo, "inquiries.jsonl"), "--server", server.Url);
        var imported = await Cli("import", "feedback", Path.Combine(demo, "feedback.jsonl"), "--server", server.Url);
        Assert.Contains("0 failed", imported, StringComparison.Ordinal);

        var modelDir = Path.Combine(_dir.Path, "model");
        var trained = await Cli("train", "--server", server.Url, "--trees", "60", "--leaves", "15", "--version", "loop-1", "--out", modelDir);
        // 300 inquiries × 20 shown, and the candidates retrieval found for them that were never shown.
        var pairs = int.Parse(System.Text.RegularExpressions.Regex.Match(trained, @"([\d,]+) labelled pairs").Groups[1].Value.Replace(",", ""),
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(pairs, 6_001, 6_000 + (300 * 100));
        Assert.Contains("baseline formula", trained, StringComparison.Ordinal);
        Assert.True(trained.IndexOf("on the shown candidates", StringComparison.Ordinal) < trained.IndexOf("on every held-out candidate", StringComparison.Ordinal));
        Assert.Contains("on the shown candidates (", trained, StringComparison.Ordinal);
        Assert.Contains("position bias: looked at ∝ place^-", trained, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(modelDir, "report.html")));
        Assert.Contains("NDCG@10", await File.ReadAllTextAsync(Path.Combine(modelDir, "report.html")), StringComparison.Ordinal);

        var evaluated = await Cli("evaluate", modelDir, "--server", server.Url);
        Assert.Contains("candidate", evaluated, StringComparison.Ordinal);
        Assert.Contains("baseline-v1", evaluated, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(modelDir, "evaluation.html")));

        var promoted = await Cli("promote", modelDir, "--server", server.Url);
        Assert.Contains("loop-1", promoted, StringComparison.Ordinal);
        Assert.Contains("active", promoted, StringComparison.Ordinal);

        using var channel = server.Connect();
        var list = await new MatchService.MatchServiceClient(channel).MatchInquiryAsync(new MatchInquiryRequest { InquiryId = "INQ-000001", TopK = 10 });
        Assert.Equal("loop-1", list.ModelVersion);
        Assert.NotEmpty(list.Matches);
        Assert.Contains("* loop-1", await Cli("models", "--server", server.Url), StringComparison.Ordinal);

        // The registry keeps the activation across a restart.
        server.Kill();
        using var again = new ServerProcess(server.DataDirectory);
        await again.StartAsync();
        using var channel2 = again.Connect();
        Assert.Equal("loop-1", (await new ModelService.ModelServiceClient(channel2).GetActiveModelAsync(new GetActiveModelRequest())).Version);
    }

    [Fact]
    public async Task Training_from_an_exported_file_works_offline_and_bad_rows_are_reported_by_line()
    {
        var rows = GeneratedTraining.Rows(seed: 4, inquiries: 120);
        var file = Path.Combine(_dir.Path, "training.jsonl");
        await File.WriteAllLinesAsync(file, rows.Select(r => Google.Protobuf.JsonFormatter.Default.Format(Mapping.TrainingMapping.ToProto(r))));

        var trained = await Cli("train", "--data", file, "--trainer", "fasttree", "--trees", "30", "--version", "offline-1", "--out", Path.Combine(_dir.Path, "m"));

        Assert.Contains("fasttree-ranking", trained, StringComparison.Ordinal);
        await File.AppendAllTextAsync(file, "{\"inquiryId\": \"Q\", \"exporterId\": \"E\", \"label\": 9}\n");
        var (exit, _, stderr) = await Support.Cli.RunAsync("train", "--data", file, "--out", Path.Combine(_dir.Path, "m2"));
        Assert.Equal(2, exit);
        Assert.Contains($"line {rows.Count + 1}", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fresh_install_ranks_with_the_formula_and_has_a_demo_fair()
    {
        using var server = new ServerProcess(Path.Combine(_dir.Path, "fresh"),
            "--Matchmaker:ActivateShippedModel", "true", "--Matchmaker:DemoData:SeedWhenEmpty", "true",
            "--Matchmaker:DemoData:Exporters", "300", "--Matchmaker:DemoData:Inquiries", "50");
        await server.StartAsync();
        using var channel = server.Connect();

        var active = await new ModelService.ModelServiceClient(channel).GetActiveModelAsync(new GetActiveModelRequest());
        var list = await new MatchService.MatchServiceClient(channel).MatchInquiryAsync(new MatchInquiryRequest { InquiryId = "INQ-000001", TopK = 5 });

        // No learned model ships: none trained on simulated worlds ranked worlds it never saw better
        // than the formula everywhere (README, "Ranking quality on worlds it never saw").
        Assert.Equal("baseline-v1", active.Version);
        Assert.Equal(active.Version, list.ModelVersion);
        Assert.NotEmpty(list.Matches);
        Assert.Empty(Directory.GetDirectories(Path.Combine(Support.RepoPaths.Root, "models")));

        // The demo fair is there to schedule: buyers, exporters, consultants, and some requests already made.
        var events = new EventService.EventServiceClient(channel);
        var fair = await events.GetEventAsync(new GetEventRequest { Id = "DEMO-FAIR" });
        Assert.Equal(EventStatus.OpenForRequests, fair.Status);
        var people = (await events.ListParticipantsAsync(new ListParticipantsRequest { EventId = fair.Id })).Participants;
        Assert.Contains(people, p => p.Role == ParticipantRole.Buyer);
        Assert.Contains(people, p => p.Role == ParticipantRole.Exporter);
        Assert.Contains(people, p => p.Role == ParticipantRole.Consultant);
        Assert.NotEmpty((await events.ListRequestsAsync(new ListRequestsRequest { EventId = fair.Id })).Requests);
    }

    public void Dispose() => _dir.Dispose();

    private static async Task<string> Cli(params string[] args)
    {
        var (exit, stdout, stderr) = await Support.Cli.RunAsync(args);
        Assert.True(exit == 0, $"matchmaker {string.Join(' ', args)} exited {exit}:\n{stdout}\n{stderr}");
        return stdout;
    }
}
