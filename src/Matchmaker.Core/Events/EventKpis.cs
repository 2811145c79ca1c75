using System.Globalization;
using System.Text;
using Matchmaker.Store;

namespace Matchmaker.Events;

/// <summary>
/// The trade-hub indicators of an export support centre for one event (or a period's events together):
/// requests and how they were answered, meetings scheduled and held, reach among participants,
/// follow-ups, contracts after matching and their value, and the schedule's value against its bound.
/// </summary>
public sealed record EventKpis
{
    public string EventId { get; init; } = "";

    public string EventName { get; init; } = "";

    public DateOnly? FirstDay { get; init; }

    public int Participants { get; init; }

    public int ParticipantsWithMeetings { get; init; }

    public int Exporters { get; init; }

    public int RequestsSent { get; init; }

    public int RequestsAccepted { get; init; }

    public int RequestsDeclined { get; init; }

    public int RequestsExpired { get; init; }

    public int RequestsPending { get; init; }

    public int MeetingsScheduled { get; init; }

    public int MeetingsHeld { get; init; }

    public int NoShows { get; init; }

    public int MeetingsCancelled { get; init; }

    /// <summary>Scheduled meetings with an exporter in them, per exporter.</summary>
    public int ExporterMeetings { get; init; }

    public int FollowUps { get; init; }

    public int Contracts { get; init; }

    public double ContractValueUsd { get; init; }

    public double ScheduleValue { get; init; }

    public double ScheduleBound { get; init; }

    /// <summary>Accepted ÷ (accepted + declined + expired): of the requests that got an answer or ran out.</summary>
    public double AcceptanceRate => Acceptance(RequestsAccepted, RequestsDeclined, RequestsExpired);

    /// <summary>Accepted ÷ (accepted + declined + expired), 0 when none was answered or ran out: the one acceptance rate of every report.</summary>
    public static double Acceptance(int accepted, int declined, int expired) =>
        accepted + declined + expired == 0 ? 0 : accepted / (double)(accepted + declined + expired);

    public double ShareWithMeetings => Participants == 0 ? 0 : ParticipantsWithMeetings / (double)Participants;

    public double MeetingsPerExporter => Exporters == 0 ? 0 : ExporterMeetings / (double)Exporters;

    public double ValueOfBound => ScheduleBound <= 0 ? 0 : ScheduleValue / ScheduleBound;

    public static EventKpis Sum(IReadOnlyList<EventKpis> all) => new()
    {
        EventId = "total",
        EventName = all.Count == 1 ? "1 event" : $"{all.Count} events",
        FirstDay = all.Select(k => k.FirstDay).Where(d => d is not null).DefaultIfEmpty(null).Min(),
        Participants = all.Sum(k => k.Participants),
        ParticipantsWithMeetings = all.Sum(k => k.ParticipantsWithMeetings),
        Exporters = all.Sum(k => k.Exporters),
        RequestsSent = all.Sum(k => k.RequestsSent),
        RequestsAccepted = all.Sum(k => k.RequestsAccepted),
        RequestsDeclined = all.Sum(k => k.RequestsDeclined),
        RequestsExpired = all.Sum(k => k.RequestsExpired),
        RequestsPending = all.Sum(k => k.RequestsPending),
        MeetingsScheduled = all.Sum(k => k.MeetingsScheduled),
        MeetingsHeld = all.Sum(k => k.MeetingsHeld),
        NoShows = all.Sum(k => k.NoShows),
        MeetingsCancelled = all.Sum(k => k.MeetingsCancelled),
        ExporterMeetings = all.Sum(k => k.ExporterMeetings),
        FollowUps = all.Sum(k => k.FollowUps),
        Contracts = all.Sum(k => k.Contracts),
        ContractValueUsd = all.Sum(k => k.ContractValueUsd),
        ScheduleValue = all.Sum(k => k.ScheduleValue),
        ScheduleBound = all.Sum(k => k.ScheduleBound),
    };

    /// <summary>One row per event (and the total last), RFC 4180.</summary>
    public static string Csv(IEnumerable<EventKpis> rows)
    {
        var csv = new StringBuilder("event_id,event_name,first_day,participants,with_meetings,share_with_meetings,exporters,requests_sent,accepted,declined,expired,pending,acceptance_rate,meetings_scheduled,held,no_shows,cancelled,meetings_per_exporter,follow_ups,contracts,contract_value_usd,schedule_value,schedule_bound,value_of_bound\r\n");
        foreach (var k in rows)
        {
            string[] row =
            [
                k.EventId, k.EventName, k.FirstDay?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", CsvCount(k.Participants),
                CsvCount(k.ParticipantsWithMeetings), CsvRate(k.ShareWithMeetings), CsvCount(k.Exporters), CsvCount(k.RequestsSent),
                CsvCount(k.RequestsAccepted), CsvCount(k.RequestsDeclined), CsvCount(k.RequestsExpired), CsvCount(k.RequestsPending),
                CsvRate(k.AcceptanceRate), CsvCount(k.MeetingsScheduled), CsvCount(k.MeetingsHeld), CsvCount(k.NoShows), CsvCount(k.MeetingsCancelled),
                CsvRate(k.MeetingsPerExporter), CsvCount(k.FollowUps), CsvCount(k.Contracts), CsvUsd(k.ContractValueUsd), CsvRate(k.ScheduleValue),
                CsvRate(k.ScheduleBound), CsvRate(k.ValueOfBound),
            ];
            csv.AppendJoin(',', row.Select(AgendaWriter.CsvField)).Append("\r\n");
        }

        return csv.ToString();
    }

    // How the KPI files (by event and by month) write their numbers, so a column reads the same in both.

    /// <summary>A count.</summary>
    internal static string CsvCount(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>A rate or ratio, to four decimals.</summary>
    internal static string CsvRate(double d) => d.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>Dollars, to the cent.</summary>
    internal static string CsvUsd(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>Computes <see cref="EventKpis"/> from the boards and rosters in memory.</summary>
public sealed class EventReports(EventCatalog events, EventRosters rosters, EventBoards boards, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <exception cref="RecordNotFoundException"/>
    public EventKpis For(string eventId) => Of(events.Require(eventId));

    /// <summary>Every event with a day in [from, to], each with its figures, and their total.</summary>
    public (IReadOnlyList<EventKpis> Events, EventKpis Total) Between(DateOnly from, DateOnly to)
    {
        var list = events.List().Where(e => e.Days.Any(d => d.Date >= from && d.Date <= to))
            .OrderBy(e => e.Days.Min(d => d.Date)).ThenBy(e => e.Id, StringComparer.Ordinal).Select(Of).ToList();
        return (list, EventKpis.Sum(list));
    }

    /// <summary>
    /// Every month of [from, to] across all events (see <see cref="MonthKpis"/>): requests by the
    /// (UTC) day they were sent, meetings by their day, contracts by the (UTC) day the first report
    /// of one came in. Months without any are listed too, so a chart's gaps are real.
    /// </summary>
    public IReadOnlyList<MonthKpis> Monthly(DateOnly from, DateOnly to)
    {
        var now = _clock.GetUtcNow();
        var months = new SortedDictionary<DateOnly, MonthKpis>();
        for (var m = new DateOnly(from.Year, from.Month, 1); m <= to; m = m.AddMonths(1))
        {
            months[m] = new MonthKpis(m.Year, m.Month);
        }

        void Add(DateOnly day, Func<MonthKpis, MonthKpis> change)
        {
            if (day >= from && day <= to)
            {
                var key = new DateOnly(day.Year, day.Month, 1);
                months[key] = change(months[key]);
            }
        }

        foreach (var e in events.List())
        {
            var board = boards.Of(e.Id);
            foreach (var r in board.Requests.Values)
            {
                var status = r.StatusAt(e, now);
                Add(DateOnly.FromDateTime(r.CreatedAt.UtcDateTime), k => k with
                {
                    RequestsSent = k.RequestsSent + 1,
                    RequestsAccepted = k.RequestsAccepted + (status == RequestStatus.Accepted ? 1 : 0),
                    RequestsDeclined = k.RequestsDeclined + (status == RequestStatus.Declined ? 1 : 0),
                    RequestsExpired = k.RequestsExpired + (status == RequestStatus.Expired ? 1 : 0),
                });
            }

            foreach (var m in board.Meetings.Values.Where(m => m.Live && m.Placed))
            {
                Add(m.Date!.Value, k => k with
                {
                    MeetingsScheduled = k.MeetingsScheduled + 1,
                    MeetingsHeld = k.MeetingsHeld + (m.Status == MeetingStatus.Held ? 1 : 0),
                    NoShows = k.NoShows + (m.Status == MeetingStatus.NoShow ? 1 : 0),
                });
                if (m.Outcomes.Where(o => o.ContractSigned).MinBy(o => o.ReportedAt) is { } signed)
                {
                    var value = m.Outcomes.Select(o => o.ContractValueUsd).DefaultIfEmpty(0).Max();
                    // Reported before the meeting (staff entering it ahead): it counts with the meeting, never before it.
                    var reported = DateOnly.FromDateTime(signed.ReportedAt.UtcDateTime);
                    Add(reported < m.Date!.Value ? m.Date!.Value : reported, k => k with { Contracts = k.Contracts + 1, ContractValueUsd = k.ContractValueUsd + value });
                }
            }
        }

        return [.. months.Values];
    }

    private EventKpis Of(Event e)
    {
        var now = _clock.GetUtcNow();
        var people = rosters.Of(e.Id).ById;
        var board = boards.Of(e.Id);
        var statuses = board.Requests.Values.Select(r => r.StatusAt(e, now)).ToList();
        var scheduled = board.Meetings.Values.Where(m => m.Live && m.Placed).ToList();
        var exporters = people.Values.Where(p => p.Role == ParticipantRole.Exporter).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var met = scheduled.SelectMany(m => new[] { m.A, m.B }).Where(people.ContainsKey).ToHashSet(StringComparer.Ordinal);
        return new EventKpis
        {
            EventId = e.Id,
            EventName = e.Name,
            FirstDay = e.Days.Count == 0 ? null : e.Days.Min(d => d.Date),
            Participants = people.Count,
            ParticipantsWithMeetings = met.Count,
            Exporters = exporters.Count,
            RequestsSent = statuses.Count,
            RequestsAccepted = statuses.Count(s => s == RequestStatus.Accepted),
            RequestsDeclined = statuses.Count(s => s == RequestStatus.Declined),
            RequestsExpired = statuses.Count(s => s == RequestStatus.Expired),
            RequestsPending = statuses.Count(s => s == RequestStatus.Pending),
            MeetingsScheduled = scheduled.Count,
            MeetingsHeld = scheduled.Count(m => m.Status == MeetingStatus.Held),
            NoShows = scheduled.Count(m => m.Status == MeetingStatus.NoShow),
            MeetingsCancelled = board.Meetings.Values.Count(m => m.Status == MeetingStatus.Cancelled),
            ExporterMeetings = scheduled.Count(m => exporters.Contains(m.A) || exporters.Contains(m.B)),
            FollowUps = scheduled.Count(m => m.Outcomes.Any(o => o.FollowUp)),
            Contracts = scheduled.Count(m => m.Outcomes.Any(o => o.ContractSigned)),
            ContractValueUsd = scheduled.Sum(m => m.Outcomes.Select(o => o.ContractValueUsd).DefaultIfEmpty(0).Max()),
            ScheduleValue = e.LastSchedule?.Value ?? 0,
            ScheduleBound = e.LastSchedule?.Bound ?? 0,
        };
    }
}
