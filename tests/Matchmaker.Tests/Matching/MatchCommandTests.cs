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

    public void Dispose() => _data.Dispose();
}
