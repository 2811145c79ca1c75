using Grpc.Core;
using Matchmaker.Events;
using Matchmaker.Mapping;
using Matchmaker.Profiles;
using Matchmaker.Store;
using Matchmaker.V1;
using Event = Matchmaker.V1.Event;

namespace Matchmaker.Server.Services;

/// <summary>EventService: maps events and calls the event catalog; errors become status codes in <see cref="Internal.ErrorInterceptor"/>.</summary>
internal sealed class EventGrpcService(EventCatalog catalog) : EventService.EventServiceBase
{
    public override Task<EventResponse> CreateEvent(CreateEventRequest request, ServerCallContext context)
    {
        var e = request.Event ?? throw Required("event");
        var write = catalog.Create(e.ToDomain("event."), "event.");
        return Task.FromResult(new EventResponse { Event = write.Record.ToProto(), Sequence = write.Sequence });
    }

    public override Task<EventResponse> UpdateEvent(UpdateEventRequest request, ServerCallContext context)
    {
        var e = request.Event ?? throw Required("event");
        if (e.Id.Length == 0)
        {
            throw Required("event.id");
        }

        var write = catalog.Update(e.ToDomain("event."), request.HasExpectedVersion ? request.ExpectedVersion : null, "event.");
        return Task.FromResult(new EventResponse { Event = write.Record.ToProto(), Sequence = write.Sequence });
    }

    public override Task<Event> GetEvent(GetEventRequest request, ServerCallContext context) =>
        Task.FromResult((catalog.Get(request.Id.Length > 0 ? request.Id : throw Required("id"))
            ?? throw new RecordNotFoundException("event", request.Id)).ToProto());

    public override Task<EventList> ListEvents(ListEventsRequest request, ServerCallContext context)
    {
        var list = new EventList();
        list.Events.AddRange(catalog.List(request.Status == V1.EventStatus.Unspecified ? null : (Events.EventStatus)(int)request.Status)
            .Select(e => e.ToProto()));
        return Task.FromResult(list);
    }

    private static ValidationException Required(string field) => new([new FieldViolation(field, "is required")]);
}
