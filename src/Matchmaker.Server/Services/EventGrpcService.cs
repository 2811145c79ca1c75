using Grpc.Core;
using Matchmaker.Events;
using Matchmaker.Mapping;
using Matchmaker.Profiles;
using Matchmaker.Server.Internal;
using Matchmaker.Store;
using Matchmaker.V1;
using Event = Matchmaker.V1.Event;

namespace Matchmaker.Server.Services;

/// <summary>EventService: maps events and calls the event catalog; errors become status codes in <see cref="Internal.ErrorInterceptor"/>.</summary>
internal sealed class EventGrpcService(EventCatalog catalog, ParticipantCatalog participants) : EventService.EventServiceBase
{
    public override Task<EventResponse> CreateEvent(CreateEventRequest request, ServerCallContext context)
    {
        var e = request.Event ?? throw ValidationException.Required("event");
        var write = catalog.Create(e.ToDomain("event."), "event.");
        return Task.FromResult(new EventResponse { Event = write.Record.ToProto(), Sequence = write.Sequence });
    }

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

    public override Task<Event> GetEvent(GetEventRequest request, ServerCallContext context) =>
        Task.FromResult((catalog.Get(Requests.Id(request.Id, "id"))
            ?? throw new RecordNotFoundException("event", request.Id)).ToProto());

    public override Task<EventList> ListEvents(ListEventsRequest request, ServerCallContext context)
    {
        var list = new EventList();
        list.Events.AddRange(catalog.List(request.Status == V1.EventStatus.Unspecified ? null : (Events.EventStatus)(int)request.Status)
            .Select(e => e.ToProto()));
        return Task.FromResult(list);
    }

    public override Task<ParticipantResponse> AddParticipant(AddParticipantRequest request, ServerCallContext context)
    {
        var p = request.Participant ?? throw ValidationException.Required("participant");
        var write = participants.Add(p.ToDomain("participant."), "participant.");
        return Task.FromResult(new ParticipantResponse { Participant = write.Record.ToProto(), Sequence = write.Sequence });
    }

    public override Task<ParticipantResponse> UpdateParticipant(UpdateParticipantRequest request, ServerCallContext context)
    {
        var p = request.Participant ?? throw ValidationException.Required("participant");
        var write = participants.Update(p.ToDomain("participant."), request.HasExpectedVersion ? request.ExpectedVersion : null, "participant.");
        return Task.FromResult(new ParticipantResponse { Participant = write.Record.ToProto(), Sequence = write.Sequence });
    }

    public override Task<ParticipantResponse> SetAvailability(SetAvailabilityRequest request, ServerCallContext context)
    {
        var write = participants.SetAvailability(Requests.Id(request.EventId, "event_id"), Requests.Id(request.ParticipantId, "participant_id"),
            request.Unavailable.ToDomain("unavailable"), request.HasExpectedVersion ? request.ExpectedVersion : null);
        return Task.FromResult(new ParticipantResponse { Participant = write.Record.ToProto(), Sequence = write.Sequence });
    }

    public override Task<RemoveParticipantResponse> RemoveParticipant(RemoveParticipantRequest request, ServerCallContext context)
    {
        var write = participants.Remove(Requests.Id(request.EventId, "event_id"), Requests.Id(request.ParticipantId, "participant_id"),
            request.HasExpectedVersion ? request.ExpectedVersion : null);
        return Task.FromResult(new RemoveParticipantResponse { Version = write.Version, Sequence = write.Sequence });
    }

    public override Task<V1.Participant> GetParticipant(GetParticipantRequest request, ServerCallContext context)
    {
        var (eventId, participantId) = (Requests.Id(request.EventId, "event_id"), Requests.Id(request.ParticipantId, "participant_id"));
        return Task.FromResult((participants.Get(eventId, participantId)
            ?? throw new RecordNotFoundException("participant", Events.Participant.KeyOf(eventId, participantId))).ToProto());
    }

    public override Task<ParticipantList> ListParticipants(ListParticipantsRequest request, ServerCallContext context)
    {
        var eventId = Requests.Id(request.EventId, "event_id");
        _ = catalog.Get(eventId) ?? throw new RecordNotFoundException("event", eventId);
        var list = new ParticipantList();
        list.Participants.AddRange(participants.List(eventId, request.Role == V1.ParticipantRole.Unspecified ? null : (Events.ParticipantRole)(int)request.Role)
            .Select(p => p.ToProto()));
        return Task.FromResult(list);
    }
}
