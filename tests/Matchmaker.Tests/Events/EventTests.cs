using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Matchmaker.Tests.Support;
using Matchmaker.V1;

namespace Matchmaker.Tests.Events;

/// <summary>Events in the record store through EventService: versions like profiles, every bad field named, nothing invalid stored.</summary>
public sealed class EventTests : IDisposable
{
    private readonly InProcessService _service = FairSetup.Service();

    public static TheoryData<string, string, string> BadEvents => new()
    {
        // case, expected field, a word the reason must contain
        { "no name", "event.name", "must not be empty" },
        { "no kind", "event.kind", "buyer_invitation_fair" },
        { "unknown time zone", "event.time_zone", "IANA" },
        { "windows time zone", "event.time_zone", "Windows" },
        { "date that is not a date", "event.days[0].date", "2026-12-03" },
        { "time that is not a time", "event.days[0].sessions[1].start", "09:30" },
        { "same date twice", "event.days[1].date", "given twice" },
        { "sessions that overlap", "event.days[0].sessions[1].start", "inside the session before" },
        { "session past midnight", "event.days[0].sessions[1].slots", "past midnight" },
        { "slots of 2 minutes", "event.days[0].sessions[0].slot_minutes", "5–240" },
        { "break slot outside the session", "event.days[0].sessions[0].break_slots[0]", "not one of the session's slots" },
        { "every slot a break", "event.days[0].sessions[0].break_slots", "every slot" },
        { "session without a period", "event.days[0].sessions[0].period", "morning or afternoon" },
        { "table id twice", "event.tables[1].id", "given twice" },
        { "online table without a link", "event.tables[0].video_link", "online event" },
        { "link that is not a link", "event.tables[0].video_link", "http(s)" },
        { "open for requests without tables", "event.tables", "not a draft" },
        { "deadline after the event", "event.request_deadline", "after the event's last slot" },
    };

    [Fact]
    public async Task An_event_is_created_read_listed_and_replaced_with_version_checks()
    {
        var created = await _service.Events.CreateEventAsync(new CreateEventRequest { Event = Fair("", "2026-12-03") });
        var id = created.Event.Id;
        var early = await _service.Events.CreateEventAsync(new CreateEventRequest { Event = Fair("KHV-FAIR-1", "2026-11-30") });

        Assert.StartsWith("EVT-", id, StringComparison.Ordinal);
        Assert.Equal((1L, EventStatus.Draft), (created.Event.Version, created.Event.Status));
        Assert.NotNull(created.Event.CreatedAt);
        Assert.Equal(created.Event, await _service.Events.GetEventAsync(new GetEventRequest { Id = id }));

        var changed = created.Event.Clone();
        changed.Status = EventStatus.OpenForRequests;
        changed.Days[0].Sessions[0].BreakSlots.Add(3);
        var updated = await _service.Events.UpdateEventAsync(new UpdateEventRequest { Event = changed, ExpectedVersion = 1 });
        Assert.Equal((2L, EventStatus.OpenForRequests, created.Event.CreatedAt), (updated.Event.Version, updated.Event.Status, updated.Event.CreatedAt));
        Assert.Equal([3], updated.Event.Days[0].Sessions[0].BreakSlots);
        Assert.True(updated.Sequence > created.Sequence);

        var stale = await Assert.ThrowsAsync<RpcException>(() => _service.Events.UpdateEventAsync(new UpdateEventRequest { Event = changed, ExpectedVersion = 1 }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, stale.StatusCode);
        var twice = await Assert.ThrowsAsync<RpcException>(() => _service.Events.CreateEventAsync(new CreateEventRequest { Event = Fair("KHV-FAIR-1", "2026-12-01") }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, twice.StatusCode);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => _service.Events.UpdateEventAsync(new UpdateEventRequest { Event = Fair("NO-SUCH", "2026-12-01") }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        var missing = await Assert.ThrowsAsync<RpcException>(() => _service.Events.GetEventAsync(new GetEventRequest { Id = "NO-SUCH" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);

        var all = await _service.Events.ListEventsAsync(new ListEventsRequest());
        Assert.Equal([early.Event.Id, id], all.Events.Select(e => e.Id));
        var open = await _service.Events.ListEventsAsync(new ListEventsRequest { Status = EventStatus.OpenForRequests });
        Assert.Equal([id], open.Events.Select(e => e.Id));
    }

    [Fact]
    public async Task Dates_and_times_are_local_to_the_events_zone()
    {
        // Vladivostok is UTC+10: the last slot of 3 December ends at 17:00 local, 07:00 UTC.
        var atTheEnd = Fair("VVO-1", "2026-12-03");
        atTheEnd.TimeZone = "Asia/Vladivostok";
        atTheEnd.RequestDeadline = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 12, 3, 7, 0, 0, TimeSpan.Zero));
        var stored = await _service.Events.CreateEventAsync(new CreateEventRequest { Event = atTheEnd });
        Assert.Equal(atTheEnd.RequestDeadline, stored.Event.RequestDeadline);

        var aMinuteLate = Fair("VVO-2", "2026-12-03");
        aMinuteLate.TimeZone = "Asia/Vladivostok";
        aMinuteLate.RequestDeadline = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 12, 3, 7, 1, 0, TimeSpan.Zero));
        var e = await Assert.ThrowsAsync<RpcException>(() => _service.Events.CreateEventAsync(new CreateEventRequest { Event = aMinuteLate }).ResponseAsync);
        RpcAssert.Violation(e, "event.request_deadline", "17:00 +10:00");
    }

    [Theory]
    [MemberData(nameof(BadEvents))]
    public async Task A_bad_event_is_refused_with_the_field_and_nothing_is_stored(string problem, string field, string reason)
    {
        var e = Fair("BAD-1", "2026-12-03");
        var sessions = e.Days[0].Sessions;
        switch (problem)
        {
            case "no name": e.Name = " "; break;
            case "no kind": e.Kind = EventKind.Unspecified; break;
            case "unknown time zone": e.TimeZone = "Asia/Atlantis"; break;
            case "windows time zone": e.TimeZone = "Russian Standard Time"; break;
            case "date that is not a date": e.Days[0].Date = "03.12.2026"; break;
            case "time that is not a time": sessions[1].Start = "2pm"; break;
            case "same date twice": e.Days.Add(e.Days[0].Clone()); break;
            case "sessions that overlap": sessions[1].Start = "12:00"; break;
            case "session past midnight": sessions[1].Start = "22:00"; break;
            case "slots of 2 minutes": sessions[0].SlotMinutes = 2; break;
            case "break slot outside the session": sessions[0].BreakSlots.Add(12); break;
            case "every slot a break": sessions[0].BreakSlots.AddRange(Enumerable.Range(0, 12)); break;
            case "session without a period": sessions[0].Period = SessionPeriod.Unspecified; break;
            case "table id twice": e.Tables[1].Id = e.Tables[0].Id; break;
            case "online table without a link": e.Kind = EventKind.Online; e.Tables[0].VideoLink = ""; break;
            case "link that is not a link": e.Tables[0].VideoLink = "meet me at the bar"; break;
            case "open for requests without tables": e.Status = EventStatus.OpenForRequests; e.Tables.Clear(); break;
            case "deadline after the event": e.RequestDeadline = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 12, 4, 0, 0, 0, TimeSpan.Zero)); break;
            default: throw new ArgumentException(problem);
        }

        var error = await Assert.ThrowsAsync<RpcException>(() => _service.Events.CreateEventAsync(new CreateEventRequest { Event = e }).ResponseAsync);

        RpcAssert.Violation(error, field, reason);
        Assert.Empty((await _service.Events.ListEventsAsync(new ListEventsRequest())).Events);
    }

    public void Dispose() => _service.Dispose();

    /// <summary>A valid fair on one day: a morning of 12 slots of 20 minutes from 09:00, an afternoon of 9 from 14:00, three tables.</summary>
    private static Event Fair(string id, string date)
    {
        var e = new Event
        {
            Id = id,
            Name = "Khabarovsk buyer-invitation fair",
            Kind = EventKind.BuyerInvitationFair,
            TimeZone = "Asia/Vladivostok",
            Location = "Khabarovsk, export support centre",
            Days =
            {
                new EventDay
                {
                    Date = date,
                    Sessions =
                    {
                        new EventSession { Period = SessionPeriod.Morning, Start = "09:00", SlotMinutes = 20, Slots = 12 },
                        new EventSession { Period = SessionPeriod.Afternoon, Start = "14:00", SlotMinutes = 20, Slots = 9 },
                    },
                },
            },
        };
        e.Tables.Add(new EventTable { Id = "T1", Name = "Table 1", VideoLink = "https://meet.example.org/t1" });
        e.Tables.Add(new EventTable { Id = "T2", Name = "Table 2" });
        e.Tables.Add(new EventTable { Id = "T3", Name = "Table 3" });
        return e;
    }
}
