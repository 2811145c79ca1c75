using Event = Matchmaker.V1.Event;
using Grpc.Core;
using Matchmaker.Events;
using Matchmaker.Mapping;
using Matchmaker.Profiles;
using Matchmaker.Scheduling;
using Matchmaker.Security;
using Matchmaker.Server.Internal;
using Matchmaker.Store;
using Matchmaker.V1;
using Microsoft.AspNetCore.Authorization;

namespace Matchmaker.Server.Services;

/// <summary>EventService: maps events and calls the event catalog; errors become status codes in <see cref="Internal.ErrorInterceptor"/>.</summary>
internal sealed class EventGrpcService(EventCatalog catalog, ParticipantCatalog participants, RequestDesk requests, EventMatches matches,
    SchedulePlanner planner, MeetingDesk meetings, EventBoards boards, EventRosters rosters, EventReports reports, ILogger<EventGrpcService> logger)
    : EventService.EventServiceBase
{
    [Authorize(Roles = Roles.EventStaff)]
    public override Task<EventResponse> CreateEvent(CreateEventRequest request, ServerCallContext context)
    {
        var e = request.Event ?? throw ValidationException.Required("event");
        var write = catalog.Create(e.ToDomain("event."), "event.");
        return Task.FromResult(new EventResponse { Event = write.Record.ToProto(), Sequence = write.Sequence });
    }

    [Authorize(Roles = Roles.EventStaff)]
    public override Task<EventResponse> UpdateEvent(UpdateEventRequest request, ServerCallContext context)
    {
        var e = request.Event ?? throw ValidationException.Required("event");
        if (e.Id.Length == 0)
        {
            throw ValidationException.Required("event.id");
        }

        var write = catalog.Update(e.ToDomain("event."), request.HasExpectedVersion ? request.ExpectedVersion : null, "event.");
        return Task.FromResult(new EventResponse { Event = write.Record.ToProto(), Sequence = write.Sequence });
    }

    [Authorize(Roles = Roles.EventStaff)]
    public override Task<Event> GetEvent(GetEventRequest request, ServerCallContext context) =>
        Task.FromResult(catalog.Require(Requests.Id(request.Id, "id")).ToProto());

    [Authorize(Roles = Roles.EventStaff)]
    public override Task<EventList> ListEvents(ListEventsRequest request, ServerCallContext context)
    {
        var list = new EventList();
        list.Events.AddRange(catalog.List(request.Status == V1.EventStatus.Unspecified ? null : (Events.EventStatus)(int)request.Status)
            .Select(e => e.ToProto()));
        return Task.FromResult(list);
    }

    [Authorize(Roles = Roles.EventStaff)]
    public override Task<ParticipantResponse> AddParticipant(AddParticipantRequest request, ServerCallContext context)
    {
        var p = request.Participant ?? throw ValidationException.Required("participant");
        var write = participants.Add(p.ToDomain("participant."), "participant.");
        return Task.FromResult(new ParticipantResponse { Participant = write.Record.ToProto(), Sequence = write.Sequence });
    }

    [Authorize(Roles = Roles.EventStaff)]
    public override Task<ParticipantResponse> UpdateParticipant(UpdateParticipantRequest request, ServerCallContext context)
    {
        var p = request.Participant ?? throw ValidationException.Required("participant");
        var write = participants.Update(p.ToDomain("participant."), request.HasExpectedVersion ? request.ExpectedVersion : null, "participant.");
        return Task.FromResult(new ParticipantResponse { Participant = write.Record.ToProto(), Sequence = write.Sequence });
    }

    [Authorize(Roles = Roles.EventStaff)]
    public override Task<ParticipantResponse> SetAvailability(SetAvailabilityRequest request, ServerCallContext context)
    {
        var write = participants.SetAvailability(Requests.Id(request.EventId, "event_id"), Requests.Id(request.ParticipantId, "participant_id"),
            request.Unavailable.ToDomain("unavailable"), request.HasExpectedVersion ? request.ExpectedVersion : null);
        return Task.FromResult(new ParticipantResponse { Participant = write.Record.ToProto(), Sequence = write.Sequence });
    }

    [Authorize(Roles = Roles.EventStaff)]
    public override Task<RemoveParticipantResponse> RemoveParticipant(RemoveParticipantRequest request, ServerCallContext context)
    {
        var (write, cancelled) = participants.Remove(Requests.Id(request.EventId, "event_id"), Requests.Id(request.ParticipantId, "participant_id"),
            request.HasExpectedVersion ? request.ExpectedVersion : null, request.Reason);
        return Task.FromResult(new RemoveParticipantResponse { Version = write.Version, Sequence = write.Sequence, CancelledMeetings = cancelled });
    }

    [Authorize(Roles = Roles.EventStaff)]
    public override async Task<ImportSummary> ImportParticipants(IAsyncStreamReader<V1.Participant> requestStream, ServerCallContext context)
    {
        var import = new ParticipantImport(participants);
        await foreach (var p in requestStream.ReadAllAsync(context.CancellationToken))
        {
            import.Add(p.Id.Length > 0 ? p.Id : p.ExporterId.Length > 0 ? p.ExporterId : p.BuyerId, () => p.ToDomain());
        }

        var result = import.Complete();
        logger.Imported("participants", context, result);
        return result.ToProto();
    }

    [Authorize(Roles = Roles.EventStaff)]
    public override Task<V1.Participant> GetParticipant(GetParticipantRequest request, ServerCallContext context)
    {
        var (eventId, participantId) = (Requests.Id(request.EventId, "event_id"), Requests.Id(request.ParticipantId, "participant_id"));
        return Task.FromResult((participants.Get(eventId, participantId)
            ?? throw new RecordNotFoundException("participant", Events.Participant.KeyOf(eventId, participantId))).ToProto());
    }

    [Authorize(Roles = Roles.EventStaff)]
    public override Task<ParticipantList> ListParticipants(ListParticipantsRequest request, ServerCallContext context)
    {
        var eventId = Requests.Id(request.EventId, "event_id");
        _ = catalog.Require(eventId);
        var list = new ParticipantList();
        list.Participants.AddRange(participants.List(eventId, request.Role == V1.ParticipantRole.Unspecified ? null : (Events.ParticipantRole)(int)request.Role)
            .Select(p => p.ToProto()));
        return Task.FromResult(list);
    }

    [Authorize(Roles = Roles.EventStaff)]
    public override Task<MeetingRequestResponse> RequestMeeting(RequestMeetingRequest request, ServerCallContext context)
    {
        var r = request.Request ?? throw ValidationException.Required("request");
        var asked = r.ToDomain() with { EventId = Requests.Id(r.EventId, "request.event_id") };
        var write = requests.Request(asked);
        var e = EventOf(asked.EventId);
        return Task.FromResult(new MeetingRequestResponse
        {
            Request = write.Record.ToProto(write.Record.StatusAt(e, DateTimeOffset.UtcNow)),
            Mutual = write.Record.Status == Events.RequestStatus.Accepted,
        });
    }

    [Authorize(Roles = Roles.EventStaff)]
    public override Task<MeetingRequestResponse> RespondToRequest(RespondToRequestRequest request, ServerCallContext context)
    {
        var eventId = Requests.Id(request.EventId, "event_id");
        var write = requests.Respond(eventId, Requests.Id(request.RequestId, "request_id"), request.Accept, request.Reason,
            request.HasExpectedVersion ? request.ExpectedVersion : null);
        return Task.FromResult(new MeetingRequestResponse { Request = write.Record.ToProto(write.Record.Status) });
    }

    [Authorize(Roles = Roles.EventStaff)]
    public override Task<V1.PairBlock> BlockPair(BlockPairRequest request, ServerCallContext context)
    {
        var reason = request.Reason == V1.BlockReason.Unspecified ? Events.BlockReason.NoThanks : (Events.BlockReason)(int)request.Reason;
        var write = requests.Block(Requests.Id(request.EventId, "event_id"), request.By, request.OtherId, reason, request.Note);
        return Task.FromResult(write.Record.ToProto());
    }

    [Authorize(Roles = Roles.EventStaff)]
    public override Task<MeetingRequestList> ListRequests(ListRequestsRequest request, ServerCallContext context)
    {
        var list = new MeetingRequestList();
        list.Requests.AddRange(requests.List(Requests.Id(request.EventId, "event_id"), request.ParticipantId.Trim(),
            request.Status == V1.RequestStatus.Unspecified ? null : (Events.RequestStatus)(int)request.Status).Select(x => x.Request.ToProto(x.Status)));
        return Task.FromResult(list);
    }

    [Authorize(Roles = Roles.EventStaff)]
    public override Task<SuggestMeetingsResponse> SuggestMeetings(SuggestMeetingsRequest request, ServerCallContext context)
    {
        var e = EventOf(Requests.Id(request.EventId, "event_id"));
        var participantId = Requests.Id(request.ParticipantId, "participant_id");
        var who = participants.Get(e.Id, participantId) ?? throw new RecordNotFoundException("participant", Events.Participant.KeyOf(e.Id, participantId));
        if (request.TopK is < 0 or > 100)
        {
            throw ValidationException.Of("top_k", "must be 1–100, or 0 for 10");
        }

        var board = boards.Of(e.Id);
        var now = DateTimeOffset.UtcNow;
        var response = new SuggestMeetingsResponse();
        foreach (var s in matches.Suggest(e.Id, who, request.TopK == 0 ? 10 : request.TopK))
        {
            var suggestion = new MeetingSuggestion { Counterpart = s.Counterpart.ToProto(), Score = s.Score, InquiryId = s.InquiryId };
            suggestion.Reasons.AddRange(s.Reasons.Select(r => new V1.Reason { Feature = r.Feature, Value = r.Value, Contribution = r.Contribution, Text = r.Text }));
            var asked = board.Requests.Values.Where(r => r.Joins(who.Id, s.Counterpart.Id)).OrderByDescending(r => r.CreatedAt).FirstOrDefault();
            suggestion.RequestStatus = asked is null ? V1.RequestStatus.Unspecified : (V1.RequestStatus)(int)asked.StatusAt(e, now);
            suggestion.MeetingId = board.LiveMeeting(who.Id, s.Counterpart.Id)?.Id ?? "";
            response.Suggestions.Add(suggestion);
        }

        return Task.FromResult(response);
    }

    [Authorize(Roles = Roles.EventStaff)]
    public override async Task GenerateSchedule(GenerateScheduleRequest request, IServerStreamWriter<GenerateScheduleUpdate> responseStream,
        ServerCallContext context)
    {
        var eventId = Requests.Id(request.EventId, "event_id");
        var options = request.ToDomain();
        var updates = System.Threading.Channels.Channel.CreateUnbounded<ScheduleProgress>(new() { SingleReader = true });
        var run = Task.Run(() => planner.Generate(eventId, options, new ChannelProgress(updates.Writer), context.CancellationToken), context.CancellationToken);
        _ = run.ContinueWith(_ => updates.Writer.TryComplete(), TaskScheduler.Default);
        await foreach (var p in updates.Reader.ReadAllAsync(context.CancellationToken))
        {
            await responseStream.WriteAsync(new GenerateScheduleUpdate { Progress = p.ToProto() }, context.CancellationToken);
        }

        var result = await run;
        logger.Scheduled(eventId, context, result, options.DryRun);
        var e = EventOf(eventId);
        await responseStream.WriteAsync(new GenerateScheduleUpdate { Result = result.ToProto(e, rosters.Of(e.Id).Names(), saved: !options.DryRun) }, context.CancellationToken);
    }

    [Authorize(Roles = Roles.EventStaff)]
    public override Task<Schedule> GetSchedule(GetScheduleRequest request, ServerCallContext context)
    {
        var e = EventOf(Requests.Id(request.EventId, "event_id"));
        var who = request.ParticipantId.Trim();
        if (who.Length > 0 && participants.Get(e.Id, who) is null && !boards.Of(e.Id).Meetings.Values.Any(m => m.Involves(who)))
        {
            throw new RecordNotFoundException("participant", Events.Participant.KeyOf(e.Id, who));
        }

        var names = rosters.Of(e.Id).Names();
        var schedule = new Schedule { Event = e.ToProto() };
        schedule.Meetings.AddRange(boards.Of(e.Id).Meetings.Values
            .Where(m => (request.IncludeInactive || m.Live) && (who.Length == 0 || m.Involves(who)))
            .OrderBy(m => m.Date ?? DateOnly.MaxValue).ThenBy(m => m.Start).ThenBy(m => m.TableId, StringComparer.Ordinal).ThenBy(m => m.Id, StringComparer.Ordinal)
            .Select(m => m.ToProto(e, names)));
        return Task.FromResult(schedule);
    }

    [Authorize(Roles = Roles.EventStaff)]
    public override Task<MeetingResponse> AddMeeting(AddMeetingRequest request, ServerCallContext context)
    {
        var eventId = Requests.Id(request.EventId, "event_id");
        var write = meetings.Add(eventId, request.A, request.B, Placement(request.Date, request.Start, request.TableId, optional: true),
            MeetingMapping.Period(request.Period), request.Pinned);
        return Reply(write.Record);
    }

    [Authorize(Roles = Roles.EventStaff)]
    public override Task<MeetingResponse> MoveMeeting(MoveMeetingRequest request, ServerCallContext context) =>
        Reply(meetings.Move(Requests.Id(request.EventId, "event_id"), Requests.Id(request.MeetingId, "meeting_id"),
            Placement(request.Date, request.Start, request.TableId, optional: false), request.HasExpectedVersion ? request.ExpectedVersion : null).Record);

    [Authorize(Roles = Roles.EventStaff)]
    public override Task<MeetingResponse> PinMeeting(PinMeetingRequest request, ServerCallContext context) =>
        Reply(meetings.Pin(Requests.Id(request.EventId, "event_id"), Requests.Id(request.MeetingId, "meeting_id"), request.Pinned,
            request.HasExpectedVersion ? request.ExpectedVersion : null).Record);

    [Authorize(Roles = Roles.EventStaff)]
    public override Task<MeetingResponse> ConfirmMeeting(MeetingChangeRequest request, ServerCallContext context) =>
        Reply(meetings.Confirm(Requests.Id(request.EventId, "event_id"), Requests.Id(request.MeetingId, "meeting_id"),
            request.HasExpectedVersion ? request.ExpectedVersion : null).Record);

    [Authorize(Roles = Roles.EventStaff)]
    public override Task<MeetingResponse> DeclineMeeting(DeclineMeetingRequest request, ServerCallContext context) =>
        Reply(meetings.Decline(Requests.Id(request.EventId, "event_id"), Requests.Id(request.MeetingId, "meeting_id"), request.By, request.Reason,
            request.HasExpectedVersion ? request.ExpectedVersion : null).Record);

    [Authorize(Roles = Roles.EventStaff)]
    public override Task<MeetingResponse> CancelMeeting(CancelMeetingRequest request, ServerCallContext context) =>
        Reply(meetings.Cancel(Requests.Id(request.EventId, "event_id"), Requests.Id(request.MeetingId, "meeting_id"), request.Reason,
            request.HasExpectedVersion ? request.ExpectedVersion : null).Record);

    [Authorize(Roles = Roles.EventStaff)]
    public override Task<MeetingResponse> RecordOutcome(RecordOutcomeRequest request, ServerCallContext context) =>
        Reply(meetings.RecordOutcome(Requests.Id(request.EventId, "event_id"), Requests.Id(request.MeetingId, "meeting_id"),
            (request.Outcome ?? throw ValidationException.Required("outcome")).ToDomain(), request.HasExpectedVersion ? request.ExpectedVersion : null).Record);

    [Authorize(Roles = Roles.EventStaff)]
    public override Task<Agenda> GetAgenda(GetAgendaRequest request, ServerCallContext context)
    {
        var e = EventOf(Requests.Id(request.EventId, "event_id"));
        var who = request.ParticipantId.Trim();
        var participant = who.Length == 0 ? null
            : participants.Get(e.Id, who) ?? throw new RecordNotFoundException("participant", Events.Participant.KeyOf(e.Id, who));
        var names = rosters.Of(e.Id).Names();
        var mine = boards.Of(e.Id).Agenda(who);
        var agenda = new Agenda
        {
            Participant = participant?.ToProto(),
            Ics = Google.Protobuf.ByteString.CopyFromUtf8(AgendaWriter.Ics(e, mine, names, who)),
        };
        agenda.Meetings.AddRange(mine.Select(m => m.ToProto(e, names)));
        return Task.FromResult(agenda);
    }

    [Authorize(Roles = Roles.EventStaff)]
    public override Task<ScheduleGrid> GetScheduleGrid(GetScheduleGridRequest request, ServerCallContext context)
    {
        var e = EventOf(Requests.Id(request.EventId, "event_id"));
        return Task.FromResult(new ScheduleGrid { Html = AgendaWriter.Grid(e, boards.Of(e.Id).Meetings.Values, rosters.Of(e.Id).Names()) });
    }

    [Authorize(Roles = Roles.EventStaff)]
    public override Task<MeetingsCsv> ExportMeetings(ExportMeetingsRequest request, ServerCallContext context)
    {
        var e = EventOf(Requests.Id(request.EventId, "event_id"));
        return Task.FromResult(new MeetingsCsv { Csv = AgendaWriter.Csv(e, boards.Of(e.Id).Meetings.Values, rosters.Of(e.Id).Names()) });
    }

    [Authorize(Roles = Roles.EventStaff)]
    public override Task<EventKpisReport> GetEventKpis(GetEventKpisRequest request, ServerCallContext context)
    {
        IReadOnlyList<Events.EventKpis> rows;
        Events.EventKpis total;
        IReadOnlyList<Events.MonthKpis> months = [];
        if (request.EventId.Trim().Length > 0)
        {
            if (request.From.Trim().Length > 0 || request.To.Trim().Length > 0)
            {
                throw ValidationException.Of(request.From.Trim().Length > 0 ? "from" : "to",
                    "is for a period across events; an event's KPIs (event_id) cover all of it: give one or the other");
            }

            total = reports.For(request.EventId.Trim());
            rows = [total];
        }
        else
        {
            if (request.From.Trim().Length == 0 && request.To.Trim().Length == 0)
            {
                throw ValidationException.Of("event_id", "name an event, or a date range with from and to");
            }

            var (from, to) = MeetingMapping.Range(request.From, request.To);
            (rows, total) = reports.Between(from, to);
            months = reports.Monthly(from, to);
        }

        var report = new EventKpisReport { Total = total.ToProto(), Csv = Events.EventKpis.Csv(rows.Count == 1 && rows[0] == total ? rows : [.. rows, total]) };
        report.Events.AddRange(rows.Select(k => k.ToProto()));
        if (months.Count > 0)
        {
            report.Months.AddRange(months.Select(m => m.ToProto()));
            report.MonthsCsv = Events.MonthKpis.Csv(months);
        }

        return Task.FromResult(report);
    }

    private Task<MeetingResponse> Reply(Events.Meeting m)
    {
        var e = EventOf(m.EventId);
        return Task.FromResult(new MeetingResponse { Meeting = m.ToProto(e, rosters.Of(e.Id).Names()) });
    }

    private static MeetingDesk.Placement Placement(string date, string start, string tableId, bool optional)
    {
        if (optional && date.Trim().Length == 0 && start.Trim().Length == 0 && tableId.Trim().Length == 0)
        {
            return new MeetingDesk.Placement(null, null, "");
        }

        var (d, t) = MeetingMapping.Slot(date, start);
        return tableId.Trim().Length == 0 ? throw ValidationException.Required("table_id") : new MeetingDesk.Placement(d, t, tableId.Trim());
    }

    private Events.Event EventOf(string eventId) => catalog.Require(eventId);

    /// <summary>Participant id → the name shown on agendas, for the event's current participants.</summary>
    /// <summary>Hands the solver's progress to the response stream without blocking the solver.</summary>
    private sealed class ChannelProgress(System.Threading.Channels.ChannelWriter<ScheduleProgress> writer) : IProgress<ScheduleProgress>
    {
        public void Report(ScheduleProgress value) => writer.TryWrite(value);
    }
}
