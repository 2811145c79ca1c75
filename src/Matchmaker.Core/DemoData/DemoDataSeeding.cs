using Matchmaker.Events;
using Matchmaker.Matching;
using Matchmaker.Profiles;
using Matchmaker.Serving;
using Matchmaker.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Matchmaker.DemoData;

/// <summary>
/// Start-up, last: an empty store gets the demo data when <see cref="DemoDataOptions.SeedWhenEmpty"/>
/// is set (the server's appsettings.json sets it), and a sample match list is logged, so a newcomer
/// sees what the service does. The demo fair is then scheduled in the background
/// (<see cref="DemoDataOptions.ScheduleFair"/>), so the console shows a real schedule within seconds.
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
    IServiceProvider services,
    ILogger<DemoDataSeeding> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _scheduling = Task.CompletedTask;
    private volatile bool _disposed;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var demo = options.Value;
        if (demo.SeedWhenEmpty && store.LastSequence == 0)
        {
            Seed(demo);
        }
        else if (demo.SeedWhenEmpty && events.Get(DemoEvent.Id) is { LastSchedule: null, Status: EventStatus.OpenForRequests })
        {
            // The first start stopped before its background run finished (a stopped run saves nothing): run it again.
            ScheduleInBackground(DemoEvent.Id);
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // A host may dispose its services before it stops them (a test's factory does).
        if (_disposed)
        {
            return;
        }

        await _stopping.CancelAsync();
        await _scheduling.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose()
    {
        // A host that failed to start disposes its services without stopping them: the background run is stopped here,
        // before the services it uses are gone (it would otherwise fail on them and log that failure).
        _disposed = true;
        _stopping.Cancel();
        _scheduling.Wait(TimeSpan.FromSeconds(10));
        _stopping.Dispose();
    }

    /// <summary>Schedules the demo fair off the start-up path (a host without a solver, or a stop meanwhile, leaves it unscheduled).</summary>
    private void ScheduleInBackground(string eventId)
    {
        if (!options.Value.ScheduleFair || services.GetService<Scheduling.IScheduleSolver>() is null)
        {
            return;
        }

        var planner = services.GetRequiredService<SchedulePlanner>();
        _scheduling = Task.Run(() =>
        {
            try
            {
                var run = planner.Generate(eventId, new ScheduleRequest { TimeLimit = TimeSpan.FromSeconds(options.Value.ScheduleSeconds) }, cancellationToken: _stopping.Token);
                var bound = run.Result.MatchingBound;
                LogScheduled(logger, eventId, run.Summary.Meetings, run.Result.Value, bound, bound > 0 ? run.Result.Value / bound : 0, run.Result.Breaks, run.Result.SolveTime.TotalSeconds);
            }
            catch (Exception e) when (e is OperationCanceledException || _stopping.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                LogScheduleFailed(logger, e, eventId);
            }
        });
    }

    private void Seed(DemoDataOptions demo)
    {
        // As of today (UTC), as `matchmaker demo-data` draws by default: its files then hold these very records (an import
        // of them stores nothing new; drawn as of this instant, every inquiry's valid_until differed by the time of day).
        var generator = new DemoDataGenerator(demo.Seed, new DateTimeOffset(clock.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero));
        using (var exporters = imports.Exporters())
        {
            foreach (var exporter in generator.Exporters(demo.Exporters))
            {
                exporters.Add(exporter.Id, exporter);
            }

            exporters.Complete();
        }

        var inquiries = generator.Inquiries(demo.Inquiries).ToList();
        var unmet = generator.UnmetDemand(demo.Inquiries / 20, demo.Inquiries + 1).ToList();
        using (var import = imports.Inquiries())
        {
            foreach (var inquiry in inquiries.Concat(unmet))
            {
                import.Add(inquiry.Id, inquiry);
            }

            import.Complete();
        }

        LogSeeded(logger, demo.Exporters, demo.Inquiries + unmet.Count, unmet.Count, demo.Seed);
        SeedEvent(generator, inquiries);
        var sample = inquiries.Select(q => ProfileValidator.Prepare(q)).FirstOrDefault(q => q.IsOpenAt(clock.GetUtcNow()));
        if (sample is null)
        {
            return;
        }

        var result = matcher.MatchInquiry(sample, ExporterFilter.None, new MatchOptions(TopK: 3));
        var lines = string.Join(Environment.NewLine, result.Matches.Select(m =>
            $"  {m.Rank}. {m.Id} {m.DisplayName} (score {m.Score:0.000}): {string.Join("; ", m.Reasons.Select(r => r.Text))}"));
        var arguments = services.GetService<DemoCliArguments>()?.Arguments() ?? "";
        LogSample(logger, sample.Id, sample.Title, sample.BuyerCountry, result.ModelVersion, lines, arguments);
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
        ScheduleInBackground(fair.Id);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo event {EventId} scheduled: {Meetings} meetings, value {Value:0.0} of bound {Bound:0.0} ({Share:P1}), {Breaks} breaks, {Seconds:0.0} s; not published. See it in the staff's web console (/console/events/{EventId} on the REST port), or run it again with: dotnet run --project src/Matchmaker.Cli -- event schedule {EventId}")]
    private static partial void LogScheduled(ILogger logger, string eventId, int meetings, double value, double bound, double share, int breaks, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo event {EventId} could not be scheduled at start-up; schedule it in the console or with the CLI")]
    private static partial void LogScheduleFailed(ILogger logger, Exception exception, string eventId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo event {EventId} \"{Name}\": {Participants} participants, {Requests} meeting requests")]
    private static partial void LogEvent(ILogger logger, string eventId, string name, int participants, int requests);

    [LoggerMessage(Level = LogLevel.Information, Message = "The store was empty: loaded {Exporters} demo exporters and {Inquiries} demo inquiries, {Unmet} of them for products no demo exporter makes (seed {Seed}; synthetic data)")]
    private static partial void LogSeeded(ILogger logger, int exporters, int inquiries, int unmet, int seed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sample match list for {InquiryId} \"{Title}\" (buyer in {Country}), ranked by {Version}:\n{Lines}\nTry: dotnet run --project src/Matchmaker.Cli -- match {InquiryId}{Arguments}")]
    private static partial void LogSample(ILogger logger, string inquiryId, string title, string country, string version, string lines, string arguments);
}

/// <summary>What the CLI needs besides the command to reach this server (" --server URL" off the default port, a key once keys exist), for the start-up hint.</summary>
public sealed record DemoCliArguments(Func<string> Arguments);
