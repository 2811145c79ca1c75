using Microsoft.Extensions.DependencyInjection;

namespace Matchmaker.DemoData;

public static class DemoDataServiceCollectionExtensions
{
    /// <summary>Demo data for an empty store at start-up (<see cref="DemoDataOptions"/>, validated on start).</summary>
    public static IServiceCollection AddMatchmakerDemoData(this IServiceCollection services)
    {
        services.AddValidatedOptions<DemoDataOptions>(DemoDataOptions.Section);
        services.AddHostedService<DemoDataSeeding>();
        return services;
    }
}
