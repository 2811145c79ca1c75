using Google.Protobuf;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;
using Matchmaker.Tests.Support;
using Matchmaker.V1;

namespace Matchmaker.Tests.Store;

/// <summary>The real server binary over a real loopback socket, killed with SIGKILL and restarted.</summary>
public sealed class CrashRecoveryTests : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task Nothing_acknowledged_is_lost_when_the_process_is_killed()
    {
        // An index commit interval of an hour: the kill lands long before any index commit, so the
        // restarted server must rebuild what the index lacks from the store's change log.
        using (var server = new ServerProcess(_data.Path, "--Matchmaker:IndexCommitIntervalSeconds", "3600"))
        {
            await server.StartAsync();
            using var channel = server.Connect();
            var profiles = new ProfileService.ProfileServiceClient(channel);
            for (var i = 0; i < 150; i++)
            {
                await profiles.UpsertExporterAsync(new UpsertExporterRequest { Exporter = Samples.Exporter($"EXP-{i:D3}", i % 2 == 0 ? "030367" : "440711") });
            }

            await profiles.DeleteExporterAsync(new DeleteExporterRequest { Id = "EXP-000" });
            var paused = Samples.Exporter("EXP-002", "030367");
            paused.Active = false;
            await profiles.UpsertExporterAsync(new UpsertExporterRequest { Exporter = paused });
            await profiles.UpsertInquiryAsync(new UpsertInquiryRequest { Inquiry = Samples.Inquiry("INQ-1", "030367") });
            await profiles.CloseInquiryAsync(new CloseInquiryRequest { Id = "INQ-1" });
            await profiles.UpsertInquiryAsync(new UpsertInquiryRequest { Inquiry = Samples.Inquiry("INQ-2", "030367") });

            server.Kill();
        }

        using var restarted = new ServerProcess(_data.Path);
        await restarted.StartAsync();
        using var channel2 = restarted.Connect();
        var profiles2 = new ProfileService.ProfileServiceClient(channel2);
        var matches2 = new MatchService.MatchServiceClient(channel2);

        for (var i = 1; i < 150; i++)
        {
            var stored = await profiles2.GetExporterAsync(new GetExporterRequest { Id = $"EXP-{i:D3}" });
            Assert.Equal(i == 2 ? 2 : 1, stored.Version);
        }

        var deleted = await Assert.ThrowsAsync<RpcException>(() => profiles2.GetExporterAsync(new GetExporterRequest { Id = "EXP-000" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, deleted.StatusCode);
        Assert.Equal(InquiryStatus.Closed, (await profiles2.GetInquiryAsync(new GetInquiryRequest { Id = "INQ-1" })).Status);

        // The index was rebuilt from the change log: every fish exporter but the deleted and the paused one.
        var list = await matches2.MatchInquiryAsync(new MatchInquiryRequest { InquiryId = "INQ-2", TopK = 500 });
        var expected = Enumerable.Range(4, 146).Where(i => i % 2 == 0).Select(i => $"EXP-{i:D3}");
        Assert.Equal(expected, list.Matches.Select(m => m.ExporterId).Order());
        Assert.Contains("changes replayed", restarted.Output, StringComparison.Ordinal);

        var reverse = await matches2.MatchExporterAsync(new MatchExporterRequest { ExporterId = "EXP-004" });
        Assert.Equal(["INQ-2"], reverse.Matches.Select(m => m.InquiryId));
    }

    [Fact]
    public async Task The_server_answers_health_and_reflection_on_a_loopback_socket()
    {
        using var server = new ServerProcess(_data.Path);
        await server.StartAsync();
        using var channel = server.Connect();

        var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);

        using var call = new ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
        Assert.Contains("matchmaker.v1.ProfileService", services);
        Assert.Contains("matchmaker.v1.MatchService", services);
    }

    [Fact]
    public async Task Reindex_against_a_running_server_is_refused_and_breaks_nothing()
    {
        using var server = new ServerProcess(_data.Path);
        await server.StartAsync();
        using var channel = server.Connect();
        var profiles = new ProfileService.ProfileServiceClient(channel);
        await profiles.UpsertExporterAsync(new UpsertExporterRequest { Exporter = Samples.Exporter("EXP-1", "030367") });

        var (exit, _, stderr) = await Cli.RunAsync("reindex", "--data", _data.Path);

        Assert.Equal(3, exit);
        Assert.Contains($"the data folder {_data.Path} is in use by Matchmaker.Server (pid ", stderr, StringComparison.Ordinal);
        Assert.Contains("nothing was changed", stderr, StringComparison.Ordinal);
        // The server goes on: writes are indexed, matches find old and new records.
        await profiles.UpsertExporterAsync(new UpsertExporterRequest { Exporter = Samples.Exporter("EXP-2", "030367") });
        var list = await new MatchService.MatchServiceClient(channel).MatchInquiryAsync(new MatchInquiryRequest { Inquiry = Samples.Inquiry("Q", "030367") });
        Assert.Equal(["EXP-1", "EXP-2"], list.Matches.Select(m => m.ExporterId).Order());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest())).Status);

        // Once the server is gone, reindex runs.
        server.Kill();
        var (after, stdout, afterErr) = await Cli.RunAsync("reindex", "--data", _data.Path);
        Assert.True(after == 0, afterErr);
        Assert.Contains(": 2 records read, 2 of them indexed", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_killed_during_a_bulk_import_keeps_its_completed_batches_and_its_index_agrees_after_restart()
    {
        // Each exporter makes its own HS subheading, so a match for that code finds exactly it (or nothing).
        const int Count = 60_000;
        static string Code(int i) => $"{Chapters[i % 96]:D2}{i / 96 % 100:D2}{i / 9600:D2}";
        var file = Path.Combine(_data.Path, "exporters.jsonl");
        await File.WriteAllLinesAsync(file, Enumerable.Range(0, Count).Select(i => JsonFormatter.Default.Format(Samples.Exporter($"EXP-{i:D5}", Code(i)))));
        var data = Path.Combine(_data.Path, "server");

        (int Exit, string Stdout, string Stderr) cli;
        string url;
        using (var server = new ServerProcess(data))
        {
            await server.StartAsync();
            var import = Support.Cli.RunAsync("import", "exporters", file, "--server", server.Url);
            var profiles = new ProfileService.ProfileServiceClient(server.Connect());
            // Kill once the first batches are stored, while the stream still runs.
            while (!await profiles.ExporterExistsAsync("EXP-04000"))
            {
                Assert.False(import.IsCompleted, "the import finished before the kill; make the file larger");
                await Task.Delay(20);
            }

            server.Kill();
            cli = await import;
            url = server.Url;
        }

        Assert.Equal(3, cli.Exit);
        Assert.Matches($@"the server at {System.Text.RegularExpressions.Regex.Escape(url)} stopped answering at line [\d,]+, [\d,]+ records sent \(", cli.Stderr);
        Assert.DoesNotContain("is it running?", cli.Stderr, StringComparison.Ordinal);
        Assert.Contains("importing the file again is safe", cli.Stderr, StringComparison.Ordinal);

        using var restarted = new ServerProcess(data);
        await restarted.StartAsync();
        using var channel = restarted.Connect();
        var stored = new ProfileService.ProfileServiceClient(channel);
        // The stored records are whole batches of the file's first lines: find where they end.
        int low = 0, high = Count;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (await stored.ExporterExistsAsync($"EXP-{mid:D5}"))
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        Assert.True(low >= 4001 && low < Count, $"{low} stored");
        // Nothing else writes meanwhile, so every batch has the import's full size.
        const int Batch = Matchmaker.Serving.BulkImport<Matchmaker.Profiles.Exporter>.BatchSize;
        Assert.Equal(0, low % Batch);
        foreach (var i in new[] { 0, Batch - 1, Batch, low / 2, low - 1 })
        {
            Assert.True(await stored.ExporterExistsAsync($"EXP-{i:D5}"), $"EXP-{i:D5} lost");
        }

        // The index agrees with the store: the last stored exporter is found by its code, the first unstored one is not there.
        var matches = new MatchService.MatchServiceClient(channel);
        async Task<List<string>> For(int i) =>
            [.. (await matches.MatchInquiryAsync(new MatchInquiryRequest { Inquiry = Samples.Inquiry("", Code(i)), TopK = 500 })).Matches
                .Where(m => m.Reasons.Any(r => r.Feature == "hs_match" && r.Value >= 1)).Select(m => m.ExporterId)];
        Assert.Equal([$"EXP-{low - 1:D5}"], await For(low - 1));
        Assert.Empty(await For(low));
    }

    // HS chapters 01–97 but 77 (reserved).
    private static readonly int[] Chapters = [.. Enumerable.Range(1, 97).Where(c => c != 77)];

    public void Dispose() => _data.Dispose();
}
