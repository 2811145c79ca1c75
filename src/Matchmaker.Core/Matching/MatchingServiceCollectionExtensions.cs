using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Matchmaker.Matching;

public static class MatchingServiceCollectionExtensions
{
    /// <summary>The matcher: retrieval from the index, features in the current statistics epoch, the active ranker.</summary>
    public static IServiceCollection AddMatchmakerMatching(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => new Matcher(sp.GetRequiredService<Index.SearchIndex>(), sp.GetRequiredService<Features.StatisticsEpochs>(),
            sp.GetRequiredService<Features.FeatureExtractor>(), sp.GetRequiredService<Ranking.ActiveModel>(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
