using Grpc.Core;
using Ical.Net;
using Matchmaker.Tests.Support;
using Matchmaker.V1;
using ParticipantRole = Matchmaker.V1.ParticipantRole;

namespace Matchmaker.Tests.Events;

/// <summary>Agendas as iCalendar files read back by a real parser, the printable grid, the CSV, the KPIs and participant imports.</summary>
public sealed class AgendaTests : IDisposable
{
    private const string Fair = "BER-1";
    private readonly InProcessService _service = FairSetup.Service();

    private EventService.EventServiceClient Events => _service.Events;

    [Fact]
    public async Task An_agenda_re_imported_after_a_change_updates_the_same_entries_at_the_right_times_across_daylight_saving()
    {
        // Berlin leaves summer time in the night of 25 October 2026: 10:00 is 08:00 UTC on the 24th and 09:00 UTC on the 26th.
        await FairSetup.CreateAsync(_service, Fair, "Europe/Berlin", "2026-10-24", "2026-10-26");
        var before = (await Add("B-1", "EXP-1", "2026-10-24", "10:00", "T1")).Meeting;
        var after = (await Add("B-1", "EXP-2", "2026-10-26", "10:00", "T2")).Meeting;
        await Add("B-2", "EXP-3", "2026-10-24", "10:00", "T2");

        var first = Calendar.Load(await Ics("B-1"))!;
        Assert.Equal(2, first.Events.Count);
        var a = first.Events.Single(e => e.Uid!.StartsWith(before.Id, StringComparison.Ordinal));
        var b = first.Events.Single(e => e.Uid!.StartsWith(after.Id, StringComparison.Ordinal));
        Assert.Equal(new DateTime(2026, 10, 24, 8, 0, 0, DateTimeKind.Utc), a.DtStart!.AsUtc);
        Assert.Equal(new DateTime(2026, 10, 24, 8, 20, 0, DateTimeKind.Utc), a.DtEnd!.AsUtc);
        Assert.Equal(new DateTime(2026, 10, 26, 9, 0, 0, DateTimeKind.Utc), b.DtStart!.AsUtc);
        Assert.Equal("Meeting with Exporter EXP-1", a.Summary);

        // Moved 20 minutes later, and the other one cancelled: same UIDs, higher SEQUENCE, the cancelled one still there.
        await Events.MoveMeetingAsync(new MoveMeetingRequest { EventId = Fair, MeetingId = before.Id, Date = "2026-10-24", Start = "10:20", TableId = "T1" });
        await Events.CancelMeetingAsync(new CancelMeetingRequest { EventId = Fair, MeetingId = after.Id, Reason = "the exporter's flight was cancelled" });
        var second = Calendar.Load(await Ics("B-1"))!;
        Assert.Equal(first.Events.Select(e => e.Uid).Order(StringComparer.Ordinal), second.Events.Select(e => e.Uid).Order(StringComparer.Ordinal));
        var moved = second.Events.Single(e => e.Uid == a.Uid);
        Assert.Equal(new DateTime(2026, 10, 24, 8, 20, 0, DateTimeKind.Utc), moved.DtStart!.AsUtc);
        Assert.True(moved.Sequence > a.Sequence, $"SEQUENCE {a.Sequence} -> {moved.Sequence}");
        var cancelled = second.Events.Single(e => e.Uid == b.Uid);
        Assert.Equal("CANCELLED", cancelled.Status);
        Assert.True(cancelled.Sequence > b.Sequence);
        Assert.Equal(new DateTime(2026, 10, 26, 9, 0, 0, DateTimeKind.Utc), cancelled.DtStart!.AsUtc);

        // The calendar carries the zone it names.
        var zone = Assert.Single(second.TimeZones);
        Assert.Equal("Europe/Berlin", zone.TzId);
        Assert.Contains("TZOFFSETTO:+0100", await Ics("B-1"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_whole_event_has_a_printable_grid_and_a_csv_of_every_meeting()
    {
        await FairSetup.CreateAsync(_service, Fair, "Asia/Vladivostok", "2026-12-03");
        await Events.UpdateParticipantAsync(new UpdateParticipantRequest
        {
            Participant = new Participant { EventId = Fair, Id = "C-1", Role = ParticipantRole.Consultant, Name = "Ivanov & Partners <export>" },
        });
        await Add("C-1", "EXP-1", "2026-12-03", "09:20", "T3");
        var cancelled = (await Add("B-1", "EXP-2", "2026-12-03", "09:00", "T1")).Meeting;
        await Events.CancelMeetingAsync(new CancelMeetingRequest { EventId = Fair, MeetingId = cancelled.Id, Reason = "buyer left, early" });

        var html = (await Events.GetScheduleGridAsync(new GetScheduleGridRequest { EventId = Fair })).Html;
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("Ivanov &amp; Partners &lt;export&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<export>", html, StringComparison.Ordinal);
        Assert.Contains("<th>Table 3</th>", html, StringComparison.Ordinal);
        Assert.Contains("15:40–16:00</td><td colspan=\"3\">Break", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exporter EXP-2", html, StringComparison.Ordinal);

        var csv = (await Events.ExportMeetingsAsync(new ExportMeetingsRequest { EventId = Fair })).Csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, csv.Length);
        Assert.StartsWith("event_id,meeting_id,date,start,end,table_id", csv[0], StringComparison.Ordinal);
        Assert.Contains(csv, l => l.Contains(",cancelled,", StringComparison.Ordinal) && l.Contains("\"buyer left, early\"", StringComparison.Ordinal));
        Assert.Contains(csv, l => l.Contains("\"Ivanov & Partners <export>\"", StringComparison.Ordinal) || l.Contains("Ivanov & Partners <export>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Kpis_count_requests_meetings_reach_and_contracts_per_event_and_over_a_period()
    {
        await FairSetup.CreateAsync(_service, Fair, "Asia/Vladivostok", "2026-12-03");
        var accepted = await Request("B-1", "EXP-1");
        await Events.RespondToRequestAsync(new RespondToRequestRequest { EventId = Fair, RequestId = accepted.Request.Id, Accept = true });
        var declined = await Request("B-1", "EXP-2");
        await Events.RespondToRequestAsync(new RespondToRequestRequest { EventId = Fair, RequestId = declined.Request.Id, Reason = "no capacity" });
        await Request("B-2", "EXP-3");
        var held = (await Add("B-1", "EXP-1", "2026-12-03", "09:00", "T1")).Meeting;
        var noShow = (await Add("B-2", "EXP-2", "2026-12-03", "09:00", "T2")).Meeting;
        await Events.RecordOutcomeAsync(new RecordOutcomeRequest
        {
            EventId = Fair, MeetingId = held.Id, Outcome = new MeetingOutcome { Held = true, FollowUp = true, ContractSigned = true, ContractValueUsd = 80_000 },
        });
        await Events.RecordOutcomeAsync(new RecordOutcomeRequest { EventId = Fair, MeetingId = noShow.Id, Outcome = new MeetingOutcome { Held = false } });

        var report = await Events.GetEventKpisAsync(new GetEventKpisRequest { EventId = Fair });
        var k = report.Total;
        Assert.Equal((3, 1, 1, 0, 1), (k.RequestsSent, k.RequestsAccepted, k.RequestsDeclined, k.RequestsExpired, k.RequestsPending));
        Assert.Equal(0.5, k.AcceptanceRate, 6);
        Assert.Equal((2, 1, 1), (k.MeetingsScheduled, k.MeetingsHeld, k.NoShows));
        Assert.Equal((6, 4), (k.Participants, k.ParticipantsWithMeetings));
        Assert.Equal(2.0 / 3, k.MeetingsPerExporter, 6);
        Assert.Equal((1, 1, 80_000.0), (k.FollowUps, k.Contracts, k.ContractValueUsd));
        Assert.StartsWith("event_id,event_name,first_day,participants", report.Csv, StringComparison.Ordinal);
        Assert.Equal(2, report.Csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);

        // A second event in the same month, with nothing yet: the period's total adds up, one row per event and the total.
        var other = await Events.GetEventAsync(new GetEventRequest { Id = Fair });
        other.Id = "KHV-2";
        other.Days[0].Date = "2026-12-17";
        await Events.CreateEventAsync(new CreateEventRequest { Event = other });
        var month = await Events.GetEventKpisAsync(new GetEventKpisRequest { From = "2026-12-01", To = "2026-12-31" });
        Assert.Equal([Fair, "KHV-2"], month.Events.Select(e => e.EventId));
        Assert.Equal(3, month.Total.RequestsSent);
        Assert.Equal(4, month.Csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);

        // Over time: requests in the month they were sent (today), meetings in theirs (December 2026), the contract in the
        // month it was reported but never before its meeting (reported today, ahead of the fair: December); every month of the
        // period listed, empty ones too.
        var today = FairSetup.Clock.GetUtcNow().UtcDateTime;
        var from = new DateTime(Math.Min(today.Ticks, new DateTime(2026, 11, 1).Ticks)).ToString("yyyy-MM-01", System.Globalization.CultureInfo.InvariantCulture);
        var to = new DateTime(Math.Max(today.Ticks, new DateTime(2027, 1, 31).Ticks)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var byMonth = (await Events.GetEventKpisAsync(new GetEventKpisRequest { From = from, To = to })).Months.ToDictionary(m => m.Month);
        var now = today.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("2027-01", byMonth.Keys);
        Assert.Equal(0, byMonth["2027-01"].MeetingsScheduled + byMonth["2027-01"].RequestsSent);
        Assert.Equal((3, 1, 1, 0), (byMonth[now].RequestsSent, byMonth[now].RequestsAccepted, byMonth[now].RequestsDeclined, byMonth[now].Contracts));
        Assert.Equal((2, 1, 1, 0.5), (byMonth["2026-12"].MeetingsScheduled, byMonth["2026-12"].MeetingsHeld, byMonth["2026-12"].NoShows, byMonth["2026-12"].NoShowRate));
        Assert.Equal((1, 80_000.0), (byMonth["2026-12"].Contracts, byMonth["2026-12"].ContractValueUsd));
        Assert.Equal(byMonth.Count + 1, (await Events.GetEventKpisAsync(new GetEventKpisRequest { From = from, To = to })).MonthsCsv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);

        var noRange = await Assert.ThrowsAsync<RpcException>(() => Events.GetEventKpisAsync(new GetEventKpisRequest()).ResponseAsync);
        RpcAssert.Violation(noRange, "event_id", "date range");
        var both = await Assert.ThrowsAsync<RpcException>(() => Events.GetEventKpisAsync(new GetEventKpisRequest { EventId = Fair, From = from, To = to }).ResponseAsync);
        RpcAssert.Violation(both, "from", "give one or the other");
    }

    [Fact]
    public async Task An_import_adds_the_good_participants_and_names_each_bad_one()
    {
        await FairSetup.CreateAsync(_service, Fair, "Asia/Vladivostok", "2026-12-03");
        await Events.RemoveParticipantAsync(new RemoveParticipantRequest { EventId = Fair, ParticipantId = "EXP-1" });
        using var call = Events.ImportParticipants();
        await call.RequestStream.WriteAsync(new Participant { EventId = Fair, Role = ParticipantRole.Exporter, ExporterId = "EXP-1", MaxMeetings = 8 });
        await call.RequestStream.WriteAsync(new Participant { EventId = Fair, Role = ParticipantRole.Exporter, ExporterId = "EXP-404" });
        await call.RequestStream.WriteAsync(new Participant { EventId = Fair, Role = ParticipantRole.Exporter, Id = "again", ExporterId = "EXP-1" });
        await call.RequestStream.WriteAsync(new Participant
        {
            EventId = Fair, Role = ParticipantRole.Consultant, Id = "C-2", Name = "Trade lawyer", Unavailable = { new V1.LocalTimeRange { Date = "2026-12-03", From = "9am", To = "10:00" } },
        });
        await call.RequestStream.WriteAsync(new Participant { EventId = Fair, Role = ParticipantRole.Consultant, Id = "C-3", Name = "Logistics adviser" });
        await call.RequestStream.CompleteAsync();
        var summary = await call;

        Assert.Equal((5, 2, 3), (summary.Received, summary.Imported, summary.Failed));
        Assert.Equal([1, 2, 3], summary.Errors.Select(e => e.Index));
        Assert.Equal(("exporter_id", "EXP-404"), (summary.Errors[0].Field, summary.Errors[0].Id));
        Assert.Contains("already takes part as participant EXP-1", summary.Errors[1].Reason, StringComparison.Ordinal);
        Assert.Equal("unavailable[0].from", summary.Errors[2].Field);
        var ids = (await Events.ListParticipantsAsync(new ListParticipantsRequest { EventId = Fair })).Participants.Select(p => p.Id);
        Assert.Contains("EXP-1", ids);
        Assert.Contains("C-3", ids);
        Assert.DoesNotContain("C-2", ids);

        // The corrected export imported again: what is there already is replaced by its line, nothing fails for it.
        using var again = Events.ImportParticipants();
        await again.RequestStream.WriteAsync(new Participant { EventId = Fair, Role = ParticipantRole.Exporter, ExporterId = "EXP-1", MaxMeetings = 6 });
        await again.RequestStream.WriteAsync(new Participant { EventId = Fair, Role = ParticipantRole.Consultant, Id = "C-2", Name = "Trade lawyer" });
        await again.RequestStream.WriteAsync(new Participant { EventId = Fair, Role = ParticipantRole.Consultant, Id = "C-3", Name = "Logistics adviser" });
        await again.RequestStream.CompleteAsync();
        var second = await again;
        Assert.Equal((3, 3, 0), (second.Received, second.Imported, second.Failed));
        var exporter = await Events.GetParticipantAsync(new GetParticipantRequest { EventId = Fair, ParticipantId = "EXP-1" });
        Assert.Equal(6, exporter.MaxMeetings);
    }

    public void Dispose() => _service.Dispose();

    private async Task<string> Ics(string participant) =>
        (await Events.GetAgendaAsync(new GetAgendaRequest { EventId = Fair, ParticipantId = participant })).Ics.ToStringUtf8();

    private async Task<MeetingResponse> Add(string a, string b, string date, string start, string table) =>
        await Events.AddMeetingAsync(new AddMeetingRequest { EventId = Fair, A = a, B = b, Date = date, Start = start, TableId = table });

    private async Task<MeetingRequestResponse> Request(string from, string to) =>
        await Events.RequestMeetingAsync(new RequestMeetingRequest { Request = new MeetingRequest { EventId = Fair, FromId = from, ToId = to } });
}
