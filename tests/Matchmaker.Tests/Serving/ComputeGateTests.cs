using Matchmaker.Serving;

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
