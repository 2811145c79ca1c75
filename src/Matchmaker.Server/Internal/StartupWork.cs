using Matchmaker.DemoData;
using Matchmaker.Index;
using Matchmaker.Matching;
using Matchmaker.Profiles;
using Matchmaker.Store;
using Microsoft.Extensions.Options;

namespace Matchmaker.Server.Internal;

/// <summary>
/// Runs before the server takes requests: the index replays what its last commit lacks (a crash
/// loses nothing the store acknowledged), and an empty store gets the demo data when configured.
/// </summary>
internal sealed partial class StartupWork(
    IRecordStore store,
    SearchIndex index,
    ProfileCatalog catalog,
    Matcher matcher,
    TimeProvider clock,
    IOptions<MatchmakerOptions> options,
    ILogger<StartupWork> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var replayed = index.CatchUp(store, count => LogReplaying(logger, count));
        var dataDirectory = Path.GetFullPath(options.Value.DataDirectory);
        LogReady(logger, dataDirectory, store.LastSequence, replayed);
        var demo = options.Value.DemoData;
        if (demo.SeedWhenEmpty && store.LastSequence == 0)
        {
            SeedDemoData(demo);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

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
        if (sample is null)
        {
            return;
        }

        var result = matcher.MatchInquiry(sample, ExporterFilter.None, new MatchOptions(TopK: 3));
        var lines = string.Join(Environment.NewLine, result.Matches.Select(m =>
            $"  {m.Rank}. {m.Id} {m.DisplayName} (score {m.Score:0.000}): {string.Join("; ", m.Reasons.Select(r => r.Text))}"));
        LogSample(logger, sample.Id, sample.Title, sample.BuyerCountry, lines);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replaying the change log into the index: {Count} changes so far")]
    private static partial void LogReplaying(ILogger logger, long count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Data in {DataDirectory}: change log at sequence {Sequence}; {Replayed} changes replayed into the index")]
    private static partial void LogReady(ILogger logger, string dataDirectory, long sequence, long replayed);

    [LoggerMessage(Level = LogLevel.Information, Message = "The store was empty: loaded {Exporters} demo exporters and {Inquiries} demo inquiries (seed {Seed}; synthetic data)")]
    private static partial void LogSeeded(ILogger logger, int exporters, int inquiries, int seed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sample match list for {InquiryId} \"{Title}\" (buyer in {Country}):\n{Lines}\nTry: dotnet run --project src/Matchmaker.Cli -- match {InquiryId}")]
    private static partial void LogSample(ILogger logger, string inquiryId, string title, string country, string lines);
}
