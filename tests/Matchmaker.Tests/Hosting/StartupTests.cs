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

    public void Dispose() => _data.Dispose();
}
