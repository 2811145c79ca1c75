using Matchmaker.Hosting;
using Matchmaker.Tests.Support;
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

    public void Dispose() => _data.Dispose();
}
