using System.Globalization;
using Matchmaker.Events;
using Matchmaker.Profiles;

namespace Matchmaker.Web;

/// <summary>
/// An event as the console's editor edits it: plain fields, a row per table and a row per session
/// (its date, period, start, slot length, slots and break slots), local to the event's time zone.
/// <see cref="ToEvent"/> groups the sessions into days; the event validator judges the result.
/// </summary>
public sealed class EventForm
{
    public sealed class TableRow
    {
        public string Id { get; set; } = "";

        public string Name { get; set; } = "";

        public string VideoLink { get; set; } = "";
    }

    public sealed class SessionRow
    {
        public DateOnly Date { get; set; }

        public SessionPeriod Period { get; set; } = SessionPeriod.Morning;

        public TimeOnly Start { get; set; } = new(9, 0);

        public int SlotMinutes { get; set; } = 20;

        public int Slots { get; set; } = 9;

        /// <summary>Slot numbers from 1, as staff count them ("4, 9").</summary>
        public string Breaks { get; set; } = "";
    }

    /// <summary>Empty on a new event: the server makes one (EVT-…).</summary>
    public string Id { get; set; } = "";

    /// <summary>The version edited (null: a new event).</summary>
    public long? Version { get; set; }

    public string Name { get; set; } = "";

    public EventKind Kind { get; set; } = EventKind.BuyerInvitationFair;

    public string TimeZone { get; set; } = "";

    public string Location { get; set; } = "";

    public string Description { get; set; } = "";

    public EventStatus Status { get; set; } = EventStatus.Draft;

    public DateOnly? DeadlineDate { get; set; }

    public TimeOnly? DeadlineTime { get; set; }

    public List<TableRow> Tables { get; } = [];

    public List<SessionRow> Sessions { get; } = [];

    /// <summary>A new event: a day four weeks ahead with a morning and an afternoon session, four tables.</summary>
    public static EventForm New(DateOnly today, string timeZone)
    {
        var form = new EventForm { TimeZone = timeZone };
        var day = today.AddDays(28);
        form.Sessions.Add(new SessionRow { Date = day, Period = SessionPeriod.Morning, Start = new TimeOnly(9, 30), Slots = 9, Breaks = "5" });
        form.Sessions.Add(new SessionRow { Date = day, Period = SessionPeriod.Afternoon, Start = new TimeOnly(14, 0), Slots = 10, Breaks = "6" });
        form.Tables.AddRange(Enumerable.Range(1, 4).Select(i => new TableRow { Id = $"T{i:00}", Name = $"Table {i}" }));
        return form;
    }

    public static EventForm Of(Event e)
    {
        var form = new EventForm
        {
            Id = e.Id, Version = e.Version, Name = e.Name, Kind = e.Kind, TimeZone = e.TimeZone, Location = e.Location, Description = e.Description,
            Status = e.Status,
        };
        if (e.RequestDeadline is { } deadline)
        {
            var local = EventSlots.Local(e, deadline);
            (form.DeadlineDate, form.DeadlineTime) = (DateOnly.FromDateTime(local.DateTime), TimeOnly.FromDateTime(local.DateTime));
        }

        form.Tables.AddRange(e.Tables.Select(t => new TableRow { Id = t.Id, Name = t.Name, VideoLink = t.VideoLink }));
        form.Sessions.AddRange(e.Days.SelectMany(d => d.Sessions.Select(s => new SessionRow
        {
            Date = d.Date, Period = s.Period, Start = s.Start, SlotMinutes = s.SlotMinutes, Slots = s.Slots,
            Breaks = string.Join(", ", s.BreakSlots.Select(b => (b + 1).ToString(CultureInfo.InvariantCulture))),
        })));
        return form;
    }

    /// <exception cref="ValidationException">A break slot that is not a number, named by its row.</exception>
    public Event ToEvent(Event? stored)
    {
        var violations = new List<FieldViolation>();
        var days = Sessions.Select((s, i) => (Row: s, Index: i)).GroupBy(s => s.Row.Date).OrderBy(g => g.Key).Select(g => new EventDay
        {
            Date = g.Key,
            Sessions = [.. g.OrderBy(s => s.Row.Start).Select(s => new EventSession
            {
                Period = s.Row.Period, Start = s.Row.Start, SlotMinutes = s.Row.SlotMinutes, Slots = s.Row.Slots, BreakSlots = Breaks(s.Row.Breaks, s.Row.Slots, s.Index, violations),
            })],
        }).ToList();
        if (violations.Count > 0)
        {
            throw new ValidationException(violations);
        }

        var e = (stored ?? new Event { Id = Id.Trim() }) with
        {
            Name = Name, Kind = Kind, TimeZone = TimeZone.Trim(), Location = Location, Description = Description, Status = Status,
            Days = days,
            Tables = [.. Tables.Select(t => new EventTable { Id = t.Id.Trim(), Name = t.Name.Trim(), VideoLink = t.VideoLink.Trim() })],
            RequestDeadline = null,
        };
        // An unknown zone leaves the deadline out: the validator names the zone.
        if (DeadlineDate is { } date && TimeZoneInfo.TryFindSystemTimeZoneById(e.TimeZone, out _))
        {
            e = e with { RequestDeadline = EventSlots.Instant(e, date.ToDateTime(DeadlineTime ?? new TimeOnly(18, 0))) };
        }

        return e;
    }

    /// <summary>The break slots as staff number them, from 1 (the API counts from 0): checked here, in the form's numbers.</summary>
    private static List<int> Breaks(string text, int sessionSlots, int row, List<FieldViolation> violations)
    {
        var slots = new List<int>();
        var field = $"sessions[{row}].breaks";
        foreach (var part in text.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
            {
                violations.Add(new FieldViolation(field, $"{FieldViolation.Quote(part)} is not a slot number (1, 2, …)"));
            }
            else if (sessionSlots > 0 && n > sessionSlots)
            {
                violations.Add(new FieldViolation(field, $"slot {n} is not one of the session's slots 1–{sessionSlots}"));
            }
            else if (slots.Contains(n - 1))
            {
                violations.Add(new FieldViolation(field, $"slot {n} is given twice"));
            }
            else
            {
                slots.Add(n - 1);
            }
        }

        return slots;
    }
}
