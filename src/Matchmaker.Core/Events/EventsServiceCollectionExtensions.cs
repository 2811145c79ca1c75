using Matchmaker.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Matchmaker.Events;

public static class EventsServiceCollectionExtensions
{
    /// <summary>Events as a record kind of the store, and their catalog.</summary>
    public static IServiceCollection AddMatchmakerEvents(this IServiceCollection services)
    {
        services.AddRecordKind(EventRecordKinds.Event);
        services.TryAddSingleton<EventCatalog>();
        return services;
    }
}
