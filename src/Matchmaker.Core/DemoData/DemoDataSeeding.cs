using Matchmaker.Matching;
using Matchmaker.Profiles;
using Matchmaker.Serving;
using Matchmaker.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Matchmaker.DemoData;

/// <summary>
/// Start-up, last: an empty store gets the demo data when <see cref="DemoDataOptions.SeedWhenEmpty"/>
/// is set (the server's appsettings.json sets it), and a sample match list is logged, so a newcomer
/// sees what the service does.
/// </summary>
internal sealed partial class DemoDataSeeding(
    IRecordStore store,
    Imports imports,
    Matcher matcher,
    TimeProvider clock,
    IOptions<DemoDataOptions> options,
    ILogger<DemoDataSeeding> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var demo = options.Value;
        if (demo.SeedWhenEmpty && store.LastSequence == 0)
        {
            Seed(demo);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Seed(DemoDataOptions demo)
    {
        var generator = new DemoDataGenerator(demo.Seed, clock.GetUtcNow());
        using (var exporters = imports.Exporters())
        {
            foreach (var exporter in generator.Exporters(demo.Exporters))
            {
                exporters.Add(exporter.Id, exporter);
            }

            exporters.Complete();
        }

        var inquiries = generator.Inquiries(demo.Inquiries).ToList();
        using (var import = imports.Inquiries())
        {
            foreach (var inquiry in inquiries)
            {
                import.Add(inquiry.Id, inquiry);
            }

            import.Complete();
        }

        LogSeeded(logger, demo.Exporters, demo.Inquiries, demo.Seed);
        var sample = inquiries.Select(q => ProfileValidator.Prepare(q)).FirstOrDefault(q => q.IsOpenAt(clock.GetUtcNow()));
        if (sample is null)
        {
            return;
        }

        var result = matcher.MatchInquiry(sample, ExporterFilter.None, new MatchOptions(TopK: 3));
        var lines = string.Join(Environment.NewLine, result.Matches.Select(m =>
            $"  {m.Rank}. {m.Id} {m.DisplayName} (score {m.Score:0.000}): {string.Join("; ", m.Reasons.Select(r => r.Text))}"));
        LogSample(logger, sample.Id, sample.Title, sample.BuyerCountry, result.ModelVersion, lines);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The store was empty: loaded {Exporters} demo exporters and {Inquiries} demo inquiries (seed {Seed}; synthetic data)")]
    private static partial void LogSeeded(ILogger logger, int exporters, int inquiries, int seed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sample match list for {InquiryId} \"{Title}\" (buyer in {Country}), ranked by {Version}:\n{Lines}\nTry: dotnet run --project src/Matchmaker.Cli -- match {InquiryId}")]
    private static partial void LogSample(ILogger logger, string inquiryId, string title, string country, string version, string lines);
}
