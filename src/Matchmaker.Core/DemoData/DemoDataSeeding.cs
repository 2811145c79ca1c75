using Matchmaker.Events;
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
    EventCatalog events,
    ParticipantCatalog participants,
    EventMatches eventMatches,
    RequestDesk requests,
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
        SeedEvent(generator, inquiries);
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

    /// <summary>The demo fair, its participants, and a few buyers' requests to their best-fitting exporters (some accepted).</summary>
    private void SeedEvent(DemoDataGenerator generator, List<Inquiry> inquiries)
    {
        var (fair, people) = DemoEvent.Build(generator.Exporters(options.Value.Exporters), inquiries.Select(q => ProfileValidator.Prepare(q)), clock.GetUtcNow());
        if (people.Count == 0)
        {
            return;
        }

        events.Create(fair);
        foreach (var p in people)
        {
            participants.Add(p);
        }

        var asked = 0;
        foreach (var buyer in people.Where(p => p.Role == ParticipantRole.Buyer).Take(10))
        {
            var suggested = eventMatches.Suggest(fair.Id, buyer, 1);
            if (suggested.Count == 0)
            {
                continue;
            }

            var best = suggested[0];
            var request = requests.Request(new MeetingRequest { EventId = fair.Id, Id = "", FromId = buyer.Id, ToId = best.Counterpart.Id, Priority = RequestPriority.MustMeet });
            if (asked++ % 3 == 0 && request.Record.Status == RequestStatus.Pending)
            {
                requests.Respond(fair.Id, request.Record.Id, accept: true, "", null);
            }
        }

        LogEvent(logger, fair.Id, fair.Name, people.Count, asked);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo event {EventId} \"{Name}\": {Participants} participants, {Requests} meeting requests. Schedule it in the staff's web console (/console on the REST port) or with: dotnet run --project src/Matchmaker.Cli -- event schedule {EventId}")]
    private static partial void LogEvent(ILogger logger, string eventId, string name, int participants, int requests);

    [LoggerMessage(Level = LogLevel.Information, Message = "The store was empty: loaded {Exporters} demo exporters and {Inquiries} demo inquiries (seed {Seed}; synthetic data)")]
    private static partial void LogSeeded(ILogger logger, int exporters, int inquiries, int seed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sample match list for {InquiryId} \"{Title}\" (buyer in {Country}), ranked by {Version}:\n{Lines}\nTry: dotnet run --project src/Matchmaker.Cli -- match {InquiryId}")]
    private static partial void LogSample(ILogger logger, string inquiryId, string title, string country, string version, string lines);
}
