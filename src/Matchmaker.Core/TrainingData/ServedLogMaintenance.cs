using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Matchmaker.TrainingData;

/// <summary>
/// Keeps the training log bounded: every 6 hours (and shortly after start) pairs served longer ago
/// than <see cref="TrainingDataOptions.ServedLogRetentionDays"/> are deleted, a few thousand per
/// transaction. About ten rows per served list would otherwise grow served.db without end.
/// </summary>
internal sealed partial class ServedLogMaintenance(
    ServedLog servedLog,
    TimeProvider clock,
    IOptions<TrainingDataOptions> options,
    ILogger<ServedLogMaintenance> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(6);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMinutes(1), clock, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                Prune();
                await Task.Delay(Interval, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private void Prune()
    {
        var days = options.Value.ServedLogRetentionDays;
        try
        {
            var deleted = servedLog.Prune(clock.GetUtcNow().AddDays(-days));
            if (deleted > 0)
            {
                LogPruned(logger, deleted, days);
            }
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            LogPruneFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Training log: {Deleted} served pairs older than {Days} days deleted")]
    private static partial void LogPruned(ILogger logger, long deleted, int days);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Training log pruning failed; retrying in 6 hours")]
    private static partial void LogPruneFailed(ILogger logger, Exception exception);
}
