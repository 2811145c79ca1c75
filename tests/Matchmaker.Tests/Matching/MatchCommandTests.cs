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
    }

    [Theory]
    [InlineData("train", "--help", "usage: matchmaker train [--data FILE.jsonl]")]
    [InlineData("match", "-h", "usage: matchmaker match INQUIRY_ID")]
    [InlineData("export-training-data", "--help", "--unshown-per-inquiry")]
    public async Task A_commands_help_prints_its_usage_without_a_server(string command, string flag, string expected)
    {
        var (exit, stdout, _) = await Support.Cli.RunAsync(command, flag);

        Assert.Equal(0, exit);
        Assert.Contains(expected, stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mistyped_switch_is_named_as_possibly_not_an_option()
    {
        var (exit, _, stderr) = await Support.Cli.RunAsync("match", "INQ-1", "--jsn");

        Assert.Equal(2, exit);
        Assert.Contains("--jsn needs a value, or is not an option of this command", stderr, StringComparison.Ordinal);
    }

    public void Dispose() => _data.Dispose();
}
