using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Matchmaker.Features;

/// <summary>
/// Start-up: the first statistics epoch, from the replayed store and feedback, before anything is
/// ranked; then a new one every <see cref="StatisticsOptions.StatisticsRefreshSeconds"/> when
/// something changed.
/// </summary>
internal sealed class StatisticsRefresher(StatisticsEpochs epochs, IOptions<StatisticsOptions> options, TimeProvider clock) : BackgroundService
{
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        epochs.Refresh(force: true);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.StatisticsRefreshSeconds), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                epochs.Refresh();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
