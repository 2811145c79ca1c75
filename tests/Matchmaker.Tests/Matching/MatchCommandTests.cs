using Matchmaker.Tests.Support;
using Matchmaker.V1;

namespace Matchmaker.Tests.Matching;

/// <summary>The real `matchmaker match`, `match-exporter` and `get` against a real server, as a script would call them.</summary>
public sealed class MatchCommandTests : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task Json_output_is_the_reply_itself_for_scripts()
    {
        using var server = new ServerProcess(Path.Combine(_data.Path, "server"));
        await server.StartAsync();
        using var channel = server.Connect();
        var profiles = new ProfileService.ProfileServiceClient(channel);
        foreach (var (id, code) in new[] { ("EXP-1", "030367"), ("EXP-2", "030389"), ("EXP-3", "030494") })
        {
            await profiles.UpsertExporterAsync(new UpsertExporterRequest { Exporter = Samples.Exporter(id, code) });
        }

        await profiles.UpsertInquiryAsync(new UpsertInquiryRequest { Inquiry = Samples.Inquiry("INQ-1", "030367") });
        var expected = await new MatchService.MatchServiceClient(channel).MatchInquiryAsync(new MatchInquiryRequest { InquiryId = "INQ-1", TopK = 2 });

        var (exit, stdout, stderr) = await Cli.RunAsync("match", "INQ-1", "--top", "2", "--json", "--server", server.Url);

        Assert.True(exit == 0, stderr);
        var list = MatchList.Parser.ParseJson(stdout);
        Assert.Equal(expected.Matches.Select(m => (m.ExporterId, m.Rank, m.Score)), list.Matches.Select(m => (m.ExporterId, m.Rank, m.Score)));
        Assert.Equal(["EXP-1", "EXP-2"], list.Matches.Select(m => m.ExporterId));
        Assert.All(list.Matches, m => Assert.NotEmpty(m.Reasons));
        Assert.Contains("\"fromCache\": ", stdout, StringComparison.Ordinal);

        (exit, stdout, stderr) = await Cli.RunAsync("match-exporter", "EXP-1", "--json", "--server", server.Url);
        Assert.True(exit == 0, stderr);
        Assert.Equal(["INQ-1"], MatchList.Parser.ParseJson(stdout).Matches.Select(m => m.InquiryId));

        (exit, stdout, stderr) = await Cli.RunAsync("get", "exporter", "EXP-2", "--json", "--server", server.Url);
        Assert.True(exit == 0, stderr);
        Assert.Equal("030389", ExporterProfile.Parser.ParseJson(stdout).Products[0].HsCode);

        // https:// to this plain-HTTP server: said so, not blamed on a certificate.
        var tls = server.Url.Replace("http://", "https://", StringComparison.Ordinal);
        (exit, _, stderr) = await Cli.RunAsync("get", "exporter", "EXP-2", "--server", tls);
        Assert.Equal(3, exit);
        Assert.Contains($"the server does not speak TLS there (a plain-HTTP server, as by default): give an http:// URL (--server {server.Url})", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("train", "--help", "--data <FILE.jsonl>")]
    [InlineData("match", "-h", "matchmaker match <INQUIRY_ID> [options]")]
    [InlineData("export-training-data", "--help", "--unshown-per-inquiry")]
    [InlineData("event", "--help", "schedule <EVENT_ID>")]
    [InlineData("keys", "-?", "revoke <NAME_OR_ID>")]
    [InlineData("import", "--help", "<FILE.jsonl>                    the records, one proto3 JSON object per line")]
    public async Task A_commands_help_prints_its_usage_without_a_server(string command, string flag, string expected)
    {
        var (exit, stdout, _) = await Support.Cli.RunAsync(command, flag);

        Assert.Equal(0, exit);
        Assert.Contains(expected, stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_commands_arguments_and_options_say_what_they_are()
    {
        var commands = new List<string[]>();
        foreach (var parent in new[] { Array.Empty<string>(), ["event"], ["keys"] })
        {
            var (_, listing, _) = await Support.Cli.RunAsync([.. parent, "--help"]);
            commands.AddRange(Section(listing, "Commands:").Select(line => (string[])[.. parent, line.Trim().Split(' ')[0]]).Where(c => c[^1] is not ("event" or "keys")));
        }

        Assert.True(commands.Count > 40, string.Join(", ", commands.Select(c => string.Join(' ', c))));
        var undescribed = new List<string>();
        foreach (var command in commands)
        {
            var (exit, help, error) = await Support.Cli.RunAsync([.. command, "--help"]);
            Assert.True(exit == 0, $"{string.Join(' ', command)}: {error}");
            // An entry is "  --name <VALUE>  what it is": without a description the line ends after its first column.
            undescribed.AddRange(Section(help, "Arguments:").Concat(Section(help, "Options:"))
                .Where(line => !line.Trim().Contains("  ", StringComparison.Ordinal))
                .Select(line => $"{string.Join(' ', command)}: {line.Trim()}"));
        }

        Assert.Empty(undescribed);

        // The section's entries (lines indented by two; a description's continuation lines are indented further).
        static IEnumerable<string> Section(string help, string title) =>
            help.Split('\n').SkipWhile(l => l.Trim() != title).Skip(1).TakeWhile(l => l.Trim().Length > 0)
                .Where(l => l.StartsWith("  ", StringComparison.Ordinal) && !l.StartsWith("   ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(new[] { "help" }, "Exit codes: 0 done")]
    [InlineData(new[] { "help", "import" }, "matchmaker import <exporters|inquiries|feedback> <FILE.jsonl> [options]")]
    [InlineData(new[] { "help", "event", "schedule" }, "matchmaker event schedule <EVENT_ID> [options]")]
    public async Task Help_as_a_command_is_the_commands_help(string[] args, string expected)
    {
        var (exit, stdout, _) = await Support.Cli.RunAsync(args);

        Assert.Equal(0, exit);
        Assert.Contains(expected, stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "match" }, "missing <INQUIRY_ID> (usage: matchmaker match <INQUIRY_ID> …)")]
    [InlineData(new[] { "import", "exporters" }, "missing <FILE.jsonl> (usage: matchmaker import <exporters|inquiries|feedback> <FILE.jsonl> …)")]
    [InlineData(new[] { "event", "outcome", "KHV-1" }, "missing <MEETING_ID> (usage: matchmaker event outcome <EVENT_ID> <MEETING_ID> …)")]
    public async Task A_missing_argument_is_named_with_the_commands_usage(string[] args, string said)
    {
        var (exit, _, stderr) = await Support.Cli.RunAsync([.. args, "--server", "http://127.0.0.1:1"]);

        Assert.Equal(2, exit);
        Assert.Contains(said, stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "match", "INQ-1", "--jsn" }, "did you mean '--json' (not '--jsn')?")]
    [InlineData(new[] { "match", "INQ-1", "--tpo", "5" }, "did you mean '--top' (not '--tpo')?")]
    [InlineData(new[] { "mtach", "INQ-1" }, "did you mean 'match' (not 'mtach')?")]
    [InlineData(new[] { "event", "shedule", "KHV-1" }, "did you mean 'schedule' (not 'shedule')?")]
    [InlineData(new[] { "import", "exporter", "x.jsonl" }, "did you mean 'exporters' (not 'exporter')?")]
    [InlineData(new[] { "help", "evnt" }, "did you mean 'event' (not 'evnt')?")]
    [InlineData(new[] { "help", "nosuch" }, "Unrecognized command or argument 'nosuch'")]
    [InlineData(new[] { "nosuch", "--help" }, "Unrecognized command or argument 'nosuch'")]
    [InlineData(new[] { "event", "shedule", "-h" }, "did you mean 'schedule' (not 'shedule')?")]
    public async Task A_typo_is_bad_usage_with_a_suggestion_and_nothing_is_sent(string[] args, string hint)
    {
        // No server runs: a typo must stop before any connection is tried (exit 2, not 3).
        var (exit, _, stderr) = await Support.Cli.RunAsync([.. args, "--server", "http://127.0.0.1:1"]);

        Assert.Equal(2, exit);
        Assert.Contains(hint, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bare_commands_list_what_there_is_and_exit_2()
    {
        var (exit, stdout, _) = await Support.Cli.RunAsync();
        Assert.Equal(2, exit);
        Assert.Contains("match-exporter <EXPORTER_ID>", stdout, StringComparison.Ordinal);
        var (eventExit, eventOut, _) = await Support.Cli.RunAsync("event");
        Assert.Equal(2, eventExit);
        Assert.Contains("outcome <EVENT_ID> <MEETING_ID>", eventOut, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("train", "holds no training rows (it is empty or blank)")]
    [InlineData("simulate", "holds no active exporters: the simulated buyers would have no one to meet")]
    [InlineData("demo-data", "is a file: give a folder")]
    public async Task A_command_given_nothing_to_work_on_says_so_as_bad_usage(string command, string said)
    {
        var empty = Path.Combine(_data.Path, "empty.jsonl");
        await File.WriteAllTextAsync(empty, "");
        string[] args = command switch
        {
            "train" => ["train", "--data", empty, "--out", Path.Combine(_data.Path, "model")],
            "simulate" => ["simulate", "--exporters", empty, "--inquiries", empty, "--out", Path.Combine(_data.Path, "feedback.jsonl")],
            _ => ["demo-data", "--out", empty],
        };

        var (exit, _, stderr) = await Support.Cli.RunAsync(args);

        Assert.Equal(2, exit);
        Assert.Contains(said, stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_data.Path, "feedback.jsonl")));
    }

    public void Dispose() => _data.Dispose();
}
