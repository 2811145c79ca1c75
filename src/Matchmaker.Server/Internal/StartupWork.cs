using Matchmaker.DemoData;
using Matchmaker.Features;
using Matchmaker.Feedback;
using Matchmaker.Index;
using Matchmaker.Matching;
using Matchmaker.Profiles;
using Matchmaker.Ranking;
using Matchmaker.Store;
using Microsoft.Extensions.Options;

namespace Matchmaker.Server.Internal;

/// <summary>
/// Runs before the server takes requests: the index replays what its last commit lacks (a crash
/// loses nothing the store acknowledged), the product space and the feedback ledger are rebuilt
/// from the store, the active model is restored (or the shipped one activated on first start),
/// and an empty store gets the demo data when configured.
/// </summary>
internal sealed partial class StartupWork(
    IRecordStore store,
    SearchIndex index,
    ProfileCatalog catalog,
    Matcher matcher,
    FeedbackRecorder feedback,
    ActiveModel model,
    StatisticsEpochs epochs,
    CachedLists cachedLists,
    TimeProvider clock,
    IOptions<MatchmakerOptions> options,
    ILogger<StartupWork> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Built now, so the cache's dependency tracker follows every write from start-up on.
        _ = cachedLists;
        var replayed = index.CatchUp(store, count => LogReplaying(logger, count));
        var dataDirectory = Path.GetFullPath(options.Value.DataDirectory);
        LogReady(logger, dataDirectory, store.LastSequence, replayed);
        var firms = catalog.LoadFollowers();
        var events = feedback.Load();
        LogLoaded(logger, firms, events);
        StartModel();
        epochs.Refresh(force: true);
        var demo = options.Value.DemoData;
        if (demo.SeedWhenEmpty && store.LastSequence == 0)
        {
            SeedDemoData(demo);
        }

        epochs.Start(TimeSpan.FromSeconds(options.Value.StatisticsRefreshSeconds));

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void StartModel()
    {
        var registry = model.Registry;
        var shipped = MatchmakerOptions.ShippedModelsPath;
        var firstStart = !File.Exists(Path.Combine(registry.Root, "active.json"));
        LearnedRanker? newestShipped = null;
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
    }

    private void SeedDemoData(DemoDataOptions demo)
    {
        var generator = new DemoDataGenerator(demo.Seed, clock.GetUtcNow());
        foreach (var batch in generator.Exporters(demo.Exporters).Select(e => ProfileCatalog.Prepare(e)).Chunk(1_000))
        {
            catalog.ImportExporters(batch);
        }

        Inquiry? sample = null;
        foreach (var batch in generator.Inquiries(demo.Inquiries).Select(q => ProfileCatalog.Prepare(q)).Chunk(1_000))
        {
            var stored = catalog.ImportInquiries(batch);
            sample ??= stored.Select(w => w.Record).FirstOrDefault(q => q.IsOpenAt(clock.GetUtcNow()));
        }

        LogSeeded(logger, demo.Exporters, demo.Inquiries, demo.Seed);
        epochs.Refresh();
        if (sample is null)
        {
            return;
        }

        var result = matcher.MatchInquiry(sample, ExporterFilter.None, new MatchOptions(TopK: 3));
        var lines = string.Join(Environment.NewLine, result.Matches.Select(m =>
            $"  {m.Rank}. {m.Id} {m.DisplayName} (score {m.Score:0.000}): {string.Join("; ", m.Reasons.Select(r => r.Text))}"));
        LogSample(logger, sample.Id, sample.Title, sample.BuyerCountry, result.ModelVersion, lines);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replaying the change log into the index: {Count} changes so far")]
    private static partial void LogReplaying(ILogger logger, long count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Data in {DataDirectory}: change log at sequence {Sequence}; {Replayed} changes replayed into the index")]
    private static partial void LogReady(ILogger logger, string dataDirectory, long sequence, long replayed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Product space from {Firms} exporters; {Events} feedback events loaded")]
    private static partial void LogLoaded(ILogger logger, int firms, long events);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ranking with {Version} (model registry {Registry})")]
    private static partial void LogModel(ILogger logger, string version, string registry);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The shipped model in {Directory} was not registered: {Reason}")]
    private static partial void LogShippedRefused(ILogger logger, string directory, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The recorded active model could not be loaded, ranking with the baseline formula instead: {Problem}")]
    private static partial void LogRestoreFailed(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "The store was empty: loaded {Exporters} demo exporters and {Inquiries} demo inquiries (seed {Seed}; synthetic data)")]
    private static partial void LogSeeded(ILogger logger, int exporters, int inquiries, int seed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sample match list for {InquiryId} \"{Title}\" (buyer in {Country}), ranked by {Version}:\n{Lines}\nTry: dotnet run --project src/Matchmaker.Cli -- match {InquiryId}")]
    private static partial void LogSample(ILogger logger, string inquiryId, string title, string country, string version, string lines);
}
