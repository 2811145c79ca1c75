using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Matchmaker.Store;

/// <summary>Once a second, while a follower of the change log is behind (it failed), replays what it lacks; logs when it fails and when it is back.</summary>
internal sealed partial class ChangeFeedRepair(ChangeFeed feed, ILogger<ChangeFeedRepair> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        var wasLagging = false;
        while (await Tick(timer, stoppingToken).ConfigureAwait(false))
        {
            var lagging = feed.Lagging;
            if (lagging.Count == 0)
            {
                continue;
            }

            if (!wasLagging)
            {
                LogBehind(logger, string.Join("; ", lagging), feed.Store.LastSequence);
            }

            wasLagging = feed.Repair() > 0;
            if (!wasLagging)
            {
                LogCaughtUp(logger, feed.Store.LastSequence);
            }
        }
    }

    // Stopping (or a start that failed) ends the loop quietly, not as a failed background service.
    private static async ValueTask<bool> Tick(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A follower of the change log failed after a stored write ({Problem}); health is NOT_SERVING while it catches up from the change log (at {Sequence})")]
    private static partial void LogBehind(ILogger logger, string problem, long sequence);

    [LoggerMessage(Level = LogLevel.Information, Message = "Every follower of the change log has caught up (at {Sequence}); serving again")]
    private static partial void LogCaughtUp(ILogger logger, long sequence);
}
