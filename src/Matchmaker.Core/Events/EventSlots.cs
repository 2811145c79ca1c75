namespace Matchmaker.Events;

/// <summary>An event's meeting slots in time order (break slots left out), and where they are in absolute time.</summary>
public static class EventSlots
{
    /// <summary>One meeting slot: its day and session indexes, local date and times.</summary>
    public sealed record Slot(int Index, int Day, int Session, SessionPeriod Period, DateOnly Date, TimeOnly Start, TimeOnly End, int Minutes)
    {
        public string Label => $"{Date:yyyy-MM-dd} {Start:HH\\:mm}";

        /// <summary>Whether the participant's unavailable range takes this slot (a slot ending at midnight ends at the day's last moment).</summary>
        public bool Overlaps(LocalTimeRange r) => r.Date == Date && r.From < (End == TimeOnly.MinValue ? TimeOnly.MaxValue : End) && r.To > Start;

        public DateTime LocalStart => Date.ToDateTime(Start, DateTimeKind.Unspecified);

        public DateTime LocalEnd => LocalStart.AddMinutes(Minutes);
    }

    public static IReadOnlyList<Slot> Of(Event e)
    {
        var slots = new List<Slot>();
        var session = 0;
        for (var d = 0; d < e.Days.Count; d++)
        {
            foreach (var s in e.Days[d].Sessions.OrderBy(s => s.Start))
            {
                for (var i = 0; i < s.Slots; i++)
                {
                    if (s.BreakSlots.Contains(i))
                    {
                        continue;
                    }

                    var start = s.Start.AddMinutes((double)i * s.SlotMinutes);
                    slots.Add(new Slot(slots.Count, d, session, s.Period, e.Days[d].Date, start, start.AddMinutes(s.SlotMinutes), s.SlotMinutes));
                }

                session++;
            }
        }

        return slots;
    }

    /// <summary>The slots as a schedule problem sees them.</summary>
    public static List<Scheduling.ScheduleSlot> ForSchedule(IReadOnlyList<Slot> slots) =>
        [.. slots.Select(s => new Scheduling.ScheduleSlot(s.Day, s.Session, s.Period == SessionPeriod.Afternoon, s.Label))];

    /// <summary>A participant as a schedule problem sees it: the slots its unavailable times take, the index of the table it hosts at.</summary>
    public static Scheduling.ScheduleParticipant ForSchedule(Participant p, Event e, IReadOnlyList<Slot> slots)
    {
        var table = p.FixedTableId.Length == 0 ? -1 : e.Tables.Select(t => t.Id).ToList().IndexOf(p.FixedTableId);
        return new Scheduling.ScheduleParticipant(p.Id, p.MaxMeetings, p.MinMeetings,
            slots.Where(s => p.Unavailable.Any(s.Overlaps)).Select(s => s.Index).ToHashSet(), table);
    }

    /// <summary>A meeting's or a request's session period as a schedule restriction (null: any session).</summary>
    public static Scheduling.SlotRestriction Restriction(SessionPeriod? period) => period switch
    {
        SessionPeriod.Morning => Scheduling.SlotRestriction.Morning,
        SessionPeriod.Afternoon => Scheduling.SlotRestriction.Afternoon,
        _ => Scheduling.SlotRestriction.Any,
    };

    /// <summary>The slot that starts at this local date and time, or null.</summary>
    public static Slot? At(IReadOnlyList<Slot> slots, DateOnly date, TimeOnly start) => slots.FirstOrDefault(s => s.Date == date && s.Start == start);

    /// <summary>The zone's instant of a local date and time (the later one when a daylight-saving change repeats it).</summary>
    public static DateTimeOffset Instant(Event e, DateTime local)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(e.TimeZone);
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>An instant as the event's clocks show it (a stored event's zone is always a known one).</summary>
    public static DateTimeOffset Local(Event e, DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById(e.TimeZone));

    /// <summary>When requests stop: the deadline, or the end of the last slot; null for an event without days.</summary>
    public static DateTimeOffset? RequestsCloseAt(Event e)
    {
        if (e.RequestDeadline is { } deadline)
        {
            return deadline;
        }

        var slots = Of(e);
        return slots.Count == 0 ? null : Instant(e, slots[^1].LocalEnd);
    }
}
