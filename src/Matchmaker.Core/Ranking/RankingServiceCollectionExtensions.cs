using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Matchmaker.Ranking;

public static class RankingServiceCollectionExtensions
{
    /// <summary>The model registry in the data directory's models folder, the active model, and its start-up restore (<see cref="RankingOptions"/>).</summary>
    public static IServiceCollection AddMatchmakerRanking(this IServiceCollection services)
    {
        services.AddValidatedOptions<RankingOptions>(RankingOptions.Section);
        services.TryAddSingleton(sp => new ModelRegistry(sp.GetRequiredService<DataDirectory>().ModelsFolder));
        services.TryAddSingleton<ActiveModel>();
        services.AddHostedService<ModelStartup>();
        return services;
    }
}
