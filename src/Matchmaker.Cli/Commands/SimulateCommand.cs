using System.Globalization;
using Google.Protobuf;
using Matchmaker.DemoData;
using Matchmaker.Features;
using Matchmaker.Feedback;
using Matchmaker.Hosting;
using Matchmaker.Mapping;
using Matchmaker.Matching;
using Matchmaker.Profiles;
using Matchmaker.Serving;
using Matchmaker.V1;

namespace Matchmaker.Cli.Commands;

/// <summary>
/// `matchmaker simulate`: SYNTHETIC historical feedback for demo exporters and inquiries (see
/// <see cref="OutcomeSimulator"/>), written as Feedback JSON lines for `matchmaker import feedback`.
/// Runs offline: it starts Core on a temporary data folder (baseline formula, no cache), no server needed.
/// </summary>
internal static class SimulateCommand
{
    public static int Run(Arguments arguments)
    {
        var exportersPath = arguments.One("exporters") ?? throw new UsageException("--exporters FILE.jsonl is required");
        var inquiriesPath = arguments.One("inquiries") ?? throw new UsageException("--inquiries FILE.jsonl is required");
        var output = arguments.One("out") ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(inquiriesPath))!, "feedback.jsonl");
        var shown = arguments.Int("shown", 20, 1, 500);
        var seed = arguments.Int("seed", 7, int.MinValue, int.MaxValue);
        var world = HiddenUtility.Draw(arguments.Int("world", 0, 0, int.MaxValue));
        var asOf = arguments.Date("as-of");
        arguments.EnsureAllRead();

        var exporters = JsonLines.Read(exportersPath, ExporterProfile.Parser, p => ProfileValidator.Prepare(p.ToDomain())).Where(e => e.Active).ToList();
        var inquiries = JsonLines.Read(inquiriesPath, BuyerInquiry.Parser, p => ProfileValidator.Prepare(p.ToDomain()));
        if (exporters.Count == 0 || inquiries.Count == 0)
        {
            throw new UsageException(exporters.Count == 0
                ? $"{exportersPath} holds no active exporters: the simulated buyers would have no one to meet (demo-data writes a file to start from)"
                : $"{inquiriesPath} holds no inquiries: there are no buyers to simulate (demo-data writes a file to start from)");
        }
        var work = Directory.CreateTempSubdirectory("matchmaker-simulate-");
        List<FeedbackEvent> events;
        try
        {
            using var engine = MatchmakerEngine.Start(work.FullName,
                ("Matchmaker:ActivateShippedModel", "false"), ("Matchmaker:Cache:Enabled", "false"),
                ("Matchmaker:StatisticsRefreshSeconds", "86400"));
            var progress = new Progress("simulating buyers", inquiries.Count);
            events = new OutcomeSimulator(seed, world).Simulate(engine.Get<ProfileCatalog>(), engine.Get<StatisticsEpochs>(), engine.Get<Matcher>(),
                engine.Get<FeedbackLedger>(), exporters, inquiries, shown, asOf, n => progress.Report(n));
            progress.Done();
        }
        finally
        {
            work.Delete(recursive: true);
        }

        using (var writer = new StreamWriter(output, append: false, new System.Text.UTF8Encoding(false)) { NewLine = "\n" })
        {
            foreach (var e in events)
            {
                writer.WriteLine(JsonFormatter.Default.Format(e.ToProto()));
            }
        }

        var pairs = events.GroupBy(e => (e.InquiryId, e.ExporterId)).Select(g => FeedbackGains.Label(g)).ToList();
        Console.WriteLine($"wrote {events.Count:N0} SYNTHETIC feedback events for {pairs.Count:N0} pairs ({inquiries.Count:N0} inquiries × top {shown}) to {output} (seed {seed})");
        Console.WriteLine(world.World == 0 ? "buyers: the demo world (README)" : $"buyers: {world}");
        Console.WriteLine("events: " + string.Join(", ", events.GroupBy(e => e.Kind).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count():N0}")));
        Console.WriteLine("pair labels 0–4: " + string.Join(" / ", Enumerable.Range(0, 5).Select(l => pairs.Count(p => p == l).ToString("N0", CultureInfo.InvariantCulture))));
        return 0;
    }
}
