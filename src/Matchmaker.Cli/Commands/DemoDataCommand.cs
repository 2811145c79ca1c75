using Google.Protobuf;
using Matchmaker.DemoData;
using Matchmaker.Mapping;

namespace Matchmaker.Cli.Commands;

/// <summary>`matchmaker demo-data`: synthetic exporters and inquiries as JSONL files ready for `import`, and a demo event with its participants.</summary>
internal static class DemoDataCommand
{
    public static int Run(Arguments arguments)
    {
        var output = arguments.One("out") ?? "demo-data";
        var seed = arguments.Int("seed", 42, int.MinValue, int.MaxValue);
        var exporters = arguments.Int("exporters", 3_000, 0, 10_000_000);
        var inquiries = arguments.Int("inquiries", 600, 0, 10_000_000);
        var asOf = arguments.Date("as-of");
        arguments.EnsureAllRead();

        if (File.Exists(output))
        {
            throw new UsageException($"--out {output} is a file: give a folder (it is created if missing)");
        }

        try
        {
            Directory.CreateDirectory(output);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot write to --out {output}: {e.Message}");
        }

        var generator = new DemoDataGenerator(seed, asOf);
        var exportersPath = Path.Combine(output, "exporters.jsonl");
        var inquiriesPath = Path.Combine(output, "inquiries.jsonl");
        Write(exportersPath, "exporters", exporters, generator.Exporters(exporters).Select(e => e.ToProto()));
        Write(inquiriesPath, "inquiries", inquiries, generator.Inquiries(inquiries).Select(q => q.ToProto()));
        Console.WriteLine($"wrote {exporters:N0} exporters to {exportersPath} and {inquiries:N0} inquiries to {inquiriesPath} (seed {seed}, as of {asOf:yyyy-MM-dd}; synthetic data)");

        // A fair over those records: the event (the server gives it an id) and its participants (event_id filled in by `event import`).
        var (fair, participants) = DemoEvent.Build(generator.Exporters(exporters), generator.Inquiries(inquiries), asOf, id: "");
        var eventPath = Path.Combine(output, "event.json");
        var participantsPath = Path.Combine(output, "participants.jsonl");
        File.WriteAllText(eventPath, JsonFormatter.Default.Format(fair.ToProto()) + "\n", new System.Text.UTF8Encoding(false));
        Write(participantsPath, "participants", participants.Count, participants.Select(p => p.ToProto()));
        Console.WriteLine($"wrote a demo event to {eventPath} ({fair.Days[0].Date:yyyy-MM-dd}, {fair.Days.Count} days, {fair.Tables.Count} tables) and its {participants.Count} participants to {participantsPath}");
        return 0;
    }

    private static void Write(string path, string what, int total, IEnumerable<IMessage> records)
    {
        var progress = new Progress($"writing {what}", total);
        using var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false));
        writer.NewLine = "\n";
        var done = 0;
        foreach (var record in records)
        {
            writer.WriteLine(JsonFormatter.Default.Format(record));
            progress.Report(++done);
        }

        progress.Done();
    }
}
