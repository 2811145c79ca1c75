using Matchmaker.Hosting;
using Matchmaker.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Matchmaker.Tests.Hosting;

/// <summary>Each area's settings are checked when the service starts, not when a request first needs them.</summary>
public sealed class StartupTests : IDisposable
{
    private readonly TempDirectory _data = new();

    [Theory]
    [InlineData("Matchmaker:IndexCommitIntervalSeconds", "0", "IndexCommitIntervalSeconds")]
    [InlineData("Matchmaker:StatisticsRefreshSeconds", "-1", "StatisticsRefreshSeconds")]
    [InlineData("Matchmaker:ServedLogRetentionDays", "0", "ServedLogRetentionDays")]
    [InlineData("Matchmaker:Cache:TimeoutMilliseconds", "0", "TimeoutMilliseconds")]
    [InlineData("Matchmaker:DemoData:Exporters", "-5", "Exporters")]
    [InlineData("Matchmaker:DataDirectory", "", "DataDirectory")]
    public void A_setting_out_of_range_stops_the_start_with_its_name(string key, string value, string named)
    {
        var e = Assert.Throws<OptionsValidationException>(() => MatchmakerEngine.Start(_data.Path, (key, value)));

        Assert.Contains(named, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_server_refuses_to_start_on_a_bad_setting()
    {
        var e = Assert.ThrowsAny<Exception>(() => new InProcessService(("Matchmaker:IndexCommitIntervalSeconds", "0")));

        Assert.Contains("IndexCommitIntervalSeconds", e.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--Matchmaker:IndexImportCommitIntervalSeconds", "abc", "Failed to convert configuration value 'abc' at 'Matchmaker:IndexImportCommitIntervalSeconds' to type 'System.Double'")]
    [InlineData("--Matchmaker:Limits:ConcurrentLists", "0", "The field ConcurrentLists must be between 1 and 1024")]
    public async Task The_server_process_says_which_setting_in_one_line_and_exits_with_2(string key, string value, string said)
    {
        using var server = new ServerProcess(Path.Combine(_data.Path, "data"), key, value);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(server.StartAsync);

        Assert.Contains("Matchmaker did not start: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(said, e.Message, StringComparison.Ordinal);
        Assert.Contains("exited with 2", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Hosting failed to start", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_setting_the_service_reads_is_known_and_a_mistyped_one_is_named_with_the_nearest()
    {
        using var service = new InProcessService();
        var known = service.Services.GetServices<KnownSettings>().ToList();
        var read = new[]
        {
            "DataDirectory", "ModelsDirectory", "IndexCommitIntervalSeconds", "IndexImportCommitIntervalSeconds", "RebuildIndex",
            "IndexDecodedRecords", "StatisticsRefreshSeconds", "ActivateShippedModel", "ServedLogRetentionDays", "RestUrls",
            "Cache:Enabled", "Cache:Redis", "Cache:TimeoutMilliseconds", "Cache:InProcessMegabytes", "DemoData:SeedWhenEmpty", "DemoData:Seed",
            "DemoData:ScheduleFair", "Reports:GoodExporters", "Reports:GoodScore", "Auth:RequestsPerSecond", "Auth:Burst", "Auth:Jwt:Authority",
            "Auth:Jwt:RoleMap:staff", "Limits:ConcurrentLists", "Limits:ImportItems", "Telemetry:Enabled", "Telemetry:OtlpEndpoint",
            "Tls:Certificate", "Tls:Key", "Tls:Password",
        };
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(read.Select(k => new KeyValuePair<string, string?>("Matchmaker:" + k, "1"))
                .Append(new("Matchmaker:IndexImportCommitIntervalSecond", "5")).Append(new("Matchmaker:Cache:Redsi", "x")).Append(new("Matchmaker:Frobnicate", "1"))
                .Append(new("Logging:LogLevel:Default", "Warning")))
            .Build();

        var unknown = KnownSettings.Unknown(configuration, known).OrderBy(u => u.Key, StringComparer.Ordinal).ToList();

        Assert.Equal(
            [("Matchmaker:Cache:Redsi", "Matchmaker:Cache:Redis"), ("Matchmaker:Frobnicate", null),
             ("Matchmaker:IndexImportCommitIntervalSecond", "Matchmaker:IndexImportCommitIntervalSeconds")],
            unknown);
    }

    [Fact]
    public async Task The_server_warns_of_a_mistyped_setting_at_start()
    {
        using var server = new ServerProcess(Path.Combine(_data.Path, "data"), "--Matchmaker:IndexImportCommitIntervalSecond", "5");
        await server.StartAsync();

        Assert.Contains("Unknown setting Matchmaker:IndexImportCommitIntervalSecond is ignored: did you mean Matchmaker:IndexImportCommitIntervalSeconds?",
            server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Development_mode_asked_to_listen_beyond_loopback_refuses_in_one_line_before_loading_anything()
    {
        var data = Path.Combine(_data.Path, "data");
        using (var refused = new ServerProcess(data, "--urls", $"http://0.0.0.0:{ServerProcess.FreePort()}", "--Matchmaker:DemoData:SeedWhenEmpty", "true",
            "--Matchmaker:DemoData:Exporters", "200", "--Matchmaker:DemoData:Inquiries", "50"))
        {
            var e = await Assert.ThrowsAsync<InvalidOperationException>(refused.StartAsync);

            Assert.Contains("Matchmaker did not start: development mode (no API key, no identity provider) listens on loopback only", e.Message, StringComparison.Ordinal);
            Assert.Contains("exited with 2", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("Hosting failed to start", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", e.Message, StringComparison.Ordinal);
        }

        // Nothing was loaded into the folder: the demo data comes on the first start that succeeds.
        using var server = new ServerProcess(data);
        await server.StartAsync();
        using var channel = server.Connect();
        var missing = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() =>
            new V1.ProfileService.ProfileServiceClient(channel).GetExporterAsync(new V1.GetExporterRequest { Id = "EXP-000001" }).ResponseAsync);
        Assert.Equal(Grpc.Core.StatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_port_in_use_is_said_in_one_line_before_loading_anything()
    {
        var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            var url = $"http://127.0.0.1:{((System.Net.IPEndPoint)taken.LocalEndpoint).Port}";
            using var refused = new ServerProcess(Path.Combine(_data.Path, "data"), "--urls", url, "--Matchmaker:DemoData:SeedWhenEmpty", "true");

            var e = await Assert.ThrowsAsync<InvalidOperationException>(refused.StartAsync);

            Assert.Contains($"Matchmaker did not start: cannot listen on {url}: the port is in use", e.Message, StringComparison.Ordinal);
            Assert.Contains("exited with 2", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("demo exporters", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            taken.Stop();
        }
    }

    [Fact]
    public async Task Ctrl_C_stops_the_server_in_order_after_a_schedule_run()
    {
        // The demo fair is scheduled in the background at start (the solver had its own Ctrl-C handler, which left the
        // process to die on the next SIGINT once a solve ended).
        using var server = new ServerProcess(Path.Combine(_data.Path, "data"), "--Matchmaker:DemoData:SeedWhenEmpty", "true",
            "--Matchmaker:DemoData:Exporters", "300", "--Matchmaker:DemoData:Inquiries", "100", "--Matchmaker:DemoData:ScheduleSeconds", "1");
        await server.StartAsync();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!server.Output.Contains("Demo event DEMO-FAIR scheduled", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, "the demo fair was not scheduled:\n" + server.Output);
            await Task.Delay(100);
        }

        // The start-up hint reaches this server (not the default port).
        Assert.Contains($"Try: dotnet run --project src/Matchmaker.Cli -- match INQ-000001 --server {server.Url}", server.Output, StringComparison.Ordinal);

        var exit = server.Interrupt(TimeSpan.FromSeconds(30));

        Assert.True(exit == 0, $"exit {exit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(still running)"}:\n{server.Output}");
        Assert.Contains("Application is shutting down", server.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _data.Dispose();
}
