using Matchmaker.Serving;
using Matchmaker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Matchmaker.Tests.Serving;

/// <summary>At most N lists computed at once, a bounded queue behind them, overload refused at once, and a cancelled wait computes nothing.</summary>
public sealed class ComputeGateTests
{
    [Fact]
    public async Task A_full_gate_queues_then_refuses_and_a_cancelled_wait_never_computes()
    {
        using var gate = new ComputeGate(new LimitsOptions { ConcurrentLists = 1, QueuedLists = 1 });
        using var release = new ManualResetEventSlim();
        // The computation runs on the caller's thread: hold the only slot from another one.
        using var started = new ManualResetEventSlim();
        var running = Task.Run(() => gate.RunAsync(
            () =>
            {
                started.Set();
                return release.Wait(TimeSpan.FromSeconds(30));
            },
            CancellationToken.None));
        Assert.True(started.Wait(TimeSpan.FromSeconds(10)));

        using var cancel = new CancellationTokenSource();
        var computed = false;
        var queued = gate.RunAsync(() => computed = true, cancel.Token);
        await WaitUntil(() => gate.Waiting == 1);

        var refused = await Assert.ThrowsAsync<OverloadedException>(() => gate.RunAsync(() => true, CancellationToken.None));
        Assert.Contains("1 match lists are being computed and 1 more are waiting", refused.Message, StringComparison.Ordinal);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        Assert.False(computed);
        Assert.Equal(0, gate.Waiting);

        release.Set();
        Assert.True(await running);
        Assert.Equal(42, await gate.RunAsync(() => 42, CancellationToken.None));
    }

    [Fact]
    public async Task A_cancelled_call_stops_its_list_and_nothing_is_cached()
    {
        using var service = new InProcessService();
        using var counts = new MeterCounts(service.Services);
        await service.Profiles.UpsertExporterAsync(new V1.UpsertExporterRequest { Exporter = Samples.Exporter("EXP-1") });
        await service.Profiles.UpsertInquiryAsync(new V1.UpsertInquiryRequest { Inquiry = Samples.Inquiry("INQ-1") });
        var lists = service.Services.GetRequiredService<MatchLists<V1.MatchList>>();
        using var gone = new CancellationTokenSource();
        await gone.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            lists.ForInquiryAsync("INQ-1", Matchmaker.Matching.ExporterFilter.None, new Matchmaker.Matching.MatchOptions { Cancellation = gone.Token }, CancellationToken.None));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            lists.PreviewInquiryAsync(new Matchmaker.Profiles.Inquiry { Id = "", BuyerCountry = "KR", HsCodes = ["030367"] }, Matchmaker.Matching.ExporterFilter.None, new Matchmaker.Matching.MatchOptions(), gone.Token));

        Assert.Equal(2, counts["matchmaker.match.cancelled"]);
        var list = await service.Matches.MatchInquiryAsync(new V1.MatchInquiryRequest { InquiryId = "INQ-1" });
        Assert.False(list.FromCache);
        Assert.Equal("EXP-1", Assert.Single(list.Matches).ExporterId);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
