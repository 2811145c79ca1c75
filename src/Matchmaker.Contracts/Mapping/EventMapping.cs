using Google.Protobuf.WellKnownTypes;
using Matchmaker.Events;
using Matchmaker.Profiles;

namespace Matchmaker.Mapping;

/// <summary>Events, proto ⇄ domain. Dates travel as YYYY-MM-DD and times as HH:MM, local to the event's zone.</summary>
public static class EventMapping
{
    /// <param name="prefix">The event's path in the request ("event."), for errors.</param>
    /// <exception cref="ValidationException">A date or a time that does not parse, each with its field.</exception>
    public static Event ToDomain(this V1.Event p, string prefix = "")
    {
        var violations = new List<FieldViolation>();
        var days = new List<EventDay>(p.Days.Count);
        for (var d = 0; d < p.Days.Count; d++)
        {
            var day = p.Days[d];
            var at = $"{prefix}days[{d}].";
            var date = LocalTimes.Date(day.Date, at + "date", violations);

            var sessions = new List<EventSession>(day.Sessions.Count);
            for (var s = 0; s < day.Sessions.Count; s++)
            {
                var session = day.Sessions[s];
                var start = LocalTimes.Time(session.Start, $"{at}sessions[{s}].start", violations);
                sessions.Add(new EventSession
                {
                    Period = (SessionPeriod)(int)session.Period,
                    Start = start,
                    SlotMinutes = session.SlotMinutes,
                    Slots = session.Slots,
                    BreakSlots = [.. session.BreakSlots],
                });
            }

            days.Add(new EventDay { Date = date, Sessions = sessions });
        }

        if (violations.Count > 0)
        {
            throw new ValidationException(violations);
        }

        return new Event
        {
            Id = p.Id,
            Version = p.Version,
            Name = p.Name,
            Kind = (EventKind)(int)p.Kind,
            TimeZone = p.TimeZone,
            Location = p.Location,
            Description = p.Description,
            Days = days,
            Tables = [.. p.Tables.Select(t => new EventTable { Id = t.Id, Name = t.Name, VideoLink = t.VideoLink })],
            RequestDeadline = p.RequestDeadline?.ToChecked("request_deadline"),
            Status = (EventStatus)(int)p.Status,
        };
    }

    public static V1.Event ToProto(this Event e)
    {
        var p = new V1.Event
        {
            Id = e.Id,
            Version = e.Version,
            Name = e.Name,
            Kind = (V1.EventKind)(int)e.Kind,
            TimeZone = e.TimeZone,
            Location = e.Location,
            Description = e.Description,
            RequestDeadline = e.RequestDeadline is { } deadline ? Timestamp.FromDateTimeOffset(deadline) : null,
            Status = (V1.EventStatus)(int)e.Status,
            CreatedAt = e.CreatedAt == default ? null : Timestamp.FromDateTimeOffset(e.CreatedAt),
            UpdatedAt = e.UpdatedAt == default ? null : Timestamp.FromDateTimeOffset(e.UpdatedAt),
            LastSchedule = e.LastSchedule?.ToProto(),
        };
        foreach (var day in e.Days)
        {
            var d = new V1.EventDay { Date = LocalTimes.Format(day.Date) };
            d.Sessions.AddRange(day.Sessions.Select(s =>
            {
                var session = new V1.EventSession
                {
                    Period = (V1.SessionPeriod)(int)s.Period,
                    Start = LocalTimes.Format(s.Start),
                    SlotMinutes = s.SlotMinutes,
                    Slots = s.Slots,
                };
                session.BreakSlots.AddRange(s.BreakSlots);
                return session;
            }));
            p.Days.Add(d);
        }

        p.Tables.AddRange(e.Tables.Select(t => new V1.EventTable { Id = t.Id, Name = t.Name, VideoLink = t.VideoLink }));
        return p;
    }
}
