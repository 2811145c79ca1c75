using Matchmaker.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Matchmaker.Events;

public static class EventsServiceCollectionExtensions
{
    /// <summary>
    /// Events, participants, requests, blocks and meetings as record kinds of the store, the rosters and
    /// boards that follow them, and the desks staff work through. Schedules need an
    /// <see cref="Scheduling.IScheduleSolver"/> registered by the host (the server registers OR-Tools').
    /// </summary>
    public static IServiceCollection AddMatchmakerEvents(this IServiceCollection services)
    {
        services.AddRecordKind(EventRecordKinds.Event).AddRecordKind(EventRecordKinds.Participant)
            .AddRecordKind(EventRecordKinds.Request).AddRecordKind(EventRecordKinds.Block).AddRecordKind(EventRecordKinds.Meeting);
        services.AddChangeFollower<EventRosters>();
        services.AddChangeFollower<EventBoards>();
        services.TryAddSingleton<EventCatalog>();
        services.TryAddSingleton<ParticipantCatalog>();
        services.TryAddSingleton<EventMatches>();
        services.TryAddSingleton<RequestDesk>();
        services.TryAddSingleton<MeetingDesk>();
        services.TryAddSingleton<SchedulePlanner>();
        services.TryAddSingleton<EventReports>();
        return services;
    }
}
