using Google.Protobuf;
using Grpc.Core;
using Matchmaker.Tests.Support;
using Matchmaker.V1;

namespace Matchmaker.Tests.Serving;

/// <summary>Bulk import, through the rpc and through the real `matchmaker import` command against a real server.</summary>
public sealed class ImportTests : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task The_import_command_keeps_good_lines_and_reports_bad_ones_by_line_number()
    {
        var bad = Samples.Exporter("EXP-BAD");
        bad.Products[0].HsCode = "12345";
        var lines = new[]
        {
            JsonFormatter.Default.Format(Samples.Exporter("EXP-1")),
            "",
            "{ this is not json",
            JsonFormatter.Default.Format(Samples.Exporter("EXP-2")),
            JsonFormatter.Default.Format(bad),
            """{"id": "EXP-3", "country": "RU", "noSuchField": 1}""",
            JsonFormatter.Default.Format(Samples.Exporter("EXP-4")),
        };
        var file = Path.Combine(_data.Path, "exporters.jsonl");
        await File.WriteAllLinesAsync(file, lines);
        using var server = new ServerProcess(Path.Combine(_data.Path, "server"));
        await server.StartAsync();

        var (exit, stdout, stderr) = await Cli.RunAsync("import", "exporters", file, "--server", server.Url);

        Assert.Equal(1, exit);
        Assert.Contains("imported 3 exporters of 6 records", stdout, StringComparison.Ordinal);
        Assert.Contains("3 failed", stdout, StringComparison.Ordinal);
        Assert.Contains("line 3:", stderr, StringComparison.Ordinal);
        Assert.Contains("line 5 (EXP-BAD): products[0].hs_code: '12345' is not an HS code", stderr, StringComparison.Ordinal);
        Assert.Contains("line 6:", stderr, StringComparison.Ordinal);
        // In the file's order, whether refused here (3, 6) or by the server (5).
        Assert.True(stderr.IndexOf("line 3:", StringComparison.Ordinal) < stderr.IndexOf("line 5 ", StringComparison.Ordinal)
            && stderr.IndexOf("line 5 ", StringComparison.Ordinal) < stderr.IndexOf("line 6:", StringComparison.Ordinal), stderr);

        // The same file again: its good records are stored as they are already.
        var (againExit, again, _) = await Cli.RunAsync("import", "exporters", file, "--server", server.Url);
        Assert.Equal(1, againExit);
        Assert.Contains("imported 3 exporters of 6 records", again, StringComparison.Ordinal);
        Assert.Contains("3 unchanged (stored as they are already: no new version)", again, StringComparison.Ordinal);

        // The wrong kind of file: the first 100 problems and a count of the rest, not 150 lines of the same.
        var inquiries = Path.Combine(_data.Path, "inquiries.jsonl");
        await File.WriteAllLinesAsync(inquiries, Enumerable.Range(0, 150).Select(i => $$"""{"id": "INQ-{{i}}", "buyerCountry": "KR"}"""));
        var (wrongExit, _, wrong) = await Cli.RunAsync("import", "exporters", inquiries, "--server", server.Url);
        Assert.Equal(1, wrongExit);
        Assert.Equal(100, wrong.Split('\n').Count(l => l.StartsWith("line ", StringComparison.Ordinal)));
        Assert.Contains("… and 50 more problems (the first 100 are listed)", wrong, StringComparison.Ordinal);
        Assert.Contains("(it reads as an inquiry: matchmaker import inquiries FILE)", wrong, StringComparison.Ordinal);
        Assert.DoesNotContain("it reads as", stderr, StringComparison.Ordinal); // lines that are no kind at all
        using var channel = server.Connect();
        var profiles = new ProfileService.ProfileServiceClient(channel);
        foreach (var id in new[] { "EXP-1", "EXP-2", "EXP-4" })
        {
            Assert.Equal(id, (await profiles.GetExporterAsync(new GetExporterRequest { Id = id })).Id);
        }

        var missing = await Assert.ThrowsAsync<RpcException>(() => profiles.GetExporterAsync(new GetExporterRequest { Id = "EXP-BAD" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_clean_import_exits_zero_and_its_records_are_matchable_at_once()
    {
        var file = Path.Combine(_data.Path, "inquiries.jsonl");
        await File.WriteAllLinesAsync(file, Enumerable.Range(1, 50).Select(i => JsonFormatter.Default.Format(Samples.Inquiry($"INQ-{i}"))));
        using var server = new ServerProcess(Path.Combine(_data.Path, "server"));
        await server.StartAsync();
        using var channel = server.Connect();
        await new ProfileService.ProfileServiceClient(channel).UpsertExporterAsync(new UpsertExporterRequest { Exporter = Samples.Exporter("EXP-1") });

        var (exit, stdout, _) = await Cli.RunAsync("import", "inquiries", file, "--server", server.Url);

        Assert.Equal(0, exit);
        Assert.Contains("imported 50 inquiries of 50 records", stdout, StringComparison.Ordinal);
        var list = await new MatchService.MatchServiceClient(channel).MatchExporterAsync(new MatchExporterRequest { ExporterId = "EXP-1", TopK = 100 });
        Assert.Equal(50, list.Matches.Count);

        // A file with nothing in it: nothing to refuse, but said (a nightly job's empty export is worth a line).
        var empty = Path.Combine(_data.Path, "empty.jsonl");
        await File.WriteAllTextAsync(empty, "\n  \n");
        var (emptyExit, _, emptyNote) = await Cli.RunAsync("import", "inquiries", empty, "--server", server.Url);
        Assert.Equal(0, emptyExit);
        Assert.Contains($"{empty} holds no records (it is empty or blank): nothing was imported", emptyNote, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_import_rpc_counts_and_locates_every_rejected_record()
    {
        using var service = new InProcessService();
        using var call = service.Profiles.ImportExporters();
        for (var i = 0; i < 5_000; i++)
        {
            var e = Samples.Exporter($"EXP-{i}");
            if (i % 1_000 == 7)
            {
                e.Country = "XX";
                e.Region = "";
            }

            await call.RequestStream.WriteAsync(e);
        }

        await call.RequestStream.CompleteAsync();
        var summary = await call;

        Assert.Equal((5_000L, 4_995L, 5L), (summary.Received, summary.Imported, summary.Failed));
        Assert.Equal([7L, 1_007L, 2_007L, 3_007L, 4_007L], summary.Errors.Select(e => e.Index));
        Assert.All(summary.Errors, e => Assert.Equal("country", e.Field));
        var list = await service.Matches.MatchInquiryAsync(new MatchInquiryRequest { Inquiry = Samples.Inquiry("Q"), TopK = 500 });
        Assert.Equal(500, list.Matches.Count);
    }

    [Fact]
    public async Task The_command_refuses_a_missing_file_and_an_unreachable_server_with_clear_words()
    {
        var (exit, _, stderr) = await Cli.RunAsync("import", "exporters", Path.Combine(_data.Path, "none.jsonl"));
        Assert.Equal(2, exit);
        Assert.Contains("no such file", stderr, StringComparison.Ordinal);
        (exit, _, stderr) = await Cli.RunAsync("import", "exporters", _data.Path);
        Assert.Equal(2, exit);
        Assert.Contains("is a folder, not a file", stderr, StringComparison.Ordinal);

        var file = Path.Combine(_data.Path, "one.jsonl");
        await File.WriteAllTextAsync(file, JsonFormatter.Default.Format(Samples.Exporter("EXP-1")));
        (exit, _, stderr) = await Cli.RunAsync("import", "exporters", file, "--server", "http://127.0.0.1:1");
        Assert.Equal(3, exit);
        Assert.Contains("unreachable", stderr, StringComparison.Ordinal);
        // Never reached, nothing stored: no talk of batches that may be.
        Assert.DoesNotContain("stopped answering", stderr, StringComparison.Ordinal);
        // A host name that does not resolve (.invalid never does) is said to be that, not a server that is down.
        (exit, _, stderr) = await Cli.RunAsync("import", "exporters", file, "--server", "http://nonexistent.invalid:5080");
        Assert.Equal(3, exit);
        Assert.Contains("is unreachable: its host name could not be resolved", stderr, StringComparison.Ordinal);
    }

    public void Dispose() => _data.Dispose();
}
