using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Matchmaker.Ranking;

/// <summary>
/// Start-up: the models shipped beside the binary are registered, and the active model is restored
/// (or, on first start, the newest shipped model activated), before anything is ranked.
/// </summary>
internal sealed partial class ModelStartup(ActiveModel model, IOptions<RankingOptions> options, ILogger<ModelStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var registry = model.Registry;
        var firstStart = !registry.HasActiveRecord;
        LearnedRanker? newestShipped = null;
        var shipped = options.Value.ShippedModelsDirectory;
        if (Directory.Exists(shipped))
        {
            foreach (var dir in Directory.EnumerateDirectories(shipped).Order(StringComparer.Ordinal))
            {
                try
                {
                    var shippedModel = registry.RegisterDirectory(dir);
                    if (newestShipped is null || shippedModel.Metadata.CreatedAt > newestShipped.Metadata.CreatedAt)
                    {
                        newestShipped = shippedModel;
                    }
                }
                catch (ModelRejectedException e)
                {
                    LogShippedRefused(logger, dir, e.Reason);
                }
            }
        }

        if (firstStart && options.Value.ActivateShippedModel && newestShipped is not null)
        {
            model.Activate(newestShipped.Version);
        }
        else if (model.Restore() is { } problem)
        {
            LogRestoreFailed(logger, problem);
        }

        LogModel(logger, model.Current.Version, registry.Root);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Ranking with {Version} (model registry {Registry})")]
    private static partial void LogModel(ILogger logger, string version, string registry);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The shipped model in {Directory} was not registered: {Reason}")]
    private static partial void LogShippedRefused(ILogger logger, string directory, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The recorded active model could not be loaded, ranking with the baseline formula instead: {Problem}")]
    private static partial void LogRestoreFailed(ILogger logger, string problem);
}
