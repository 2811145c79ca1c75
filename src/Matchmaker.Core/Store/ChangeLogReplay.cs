using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Matchmaker.Store;

/// <summary>
/// Start-up, before anything is served: every follower of the change log is brought up to the store
/// (the index replays what its last commit lacks, so a crash loses nothing the store acknowledged;
/// what lives in memory is rebuilt from the whole log).
/// </summary>
internal sealed partial class ChangeLogReplay(ChangeFeed feed, DataDirectory data, ILogger<ChangeLogReplay> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var read = feed.Replay(count => LogReplaying(logger, count));
        LogReady(logger, data.Root, feed.Store.LastSequence, read);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Replaying the change log: {Count} changes so far")]
    private static partial void LogReplaying(ILogger logger, long count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Data in {DataDirectory}: change log at sequence {Sequence}; {Read} changes read to rebuild what lives in memory (the index took only what its last commit lacked)")]
    private static partial void LogReady(ILogger logger, string dataDirectory, long sequence, long read);
}
