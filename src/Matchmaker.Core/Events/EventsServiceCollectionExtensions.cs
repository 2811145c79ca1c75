using Matchmaker.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Matchmaker.Events;

public static class EventsServiceCollectionExtensions
{
    /// <summary>Events and participants as record kinds of the store, the rosters that follow participants, and the catalogs.</summary>
    public static IServiceCollection AddMatchmakerEvents(this IServiceCollection services)
    {
        services.AddRecordKind(EventRecordKinds.Event).AddRecordKind(EventRecordKinds.Participant);
        services.AddChangeFollower<EventRosters>();
        services.TryAddSingleton<EventCatalog>();
        services.TryAddSingleton<ParticipantCatalog>();
        return services;
    }
}
