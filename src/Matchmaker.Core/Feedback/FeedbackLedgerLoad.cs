using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Matchmaker.Feedback;

/// <summary>Start-up: the in-memory ledger from every stored feedback event, before anything is ranked.</summary>
internal sealed partial class FeedbackLedgerLoad(IFeedbackLog log, FeedbackLedger ledger, ILogger<FeedbackLedgerLoad> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        long count = 0;
        foreach (var chunk in log.Read().Chunk(50_000))
        {
            ledger.Add(chunk);
            count += chunk.Length;
        }

        LogLoaded(logger, count);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "{Events} feedback events loaded")]
    private static partial void LogLoaded(ILogger logger, long events);
}
