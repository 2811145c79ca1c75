using Matchmaker.Caching;
using Matchmaker.Features;
using Matchmaker.Matching;
using Matchmaker.Ranking;
using Matchmaker.TrainingData;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Matchmaker.Serving;

public static class ServingServiceCollectionExtensions
{
    /// <summary>The profiles' write path and its bulk imports (the match path comes with a transport's list format: <see cref="AddMatchLists"/>).</summary>
    public static IServiceCollection AddMatchmakerServing(this IServiceCollection services)
    {
        services.TryAddSingleton<ProfileCatalog>();
        services.AddValidatedOptions<LimitsOptions>(LimitsOptions.Section);
        services.TryAddSingleton(sp => new Imports(sp.GetRequiredService<ProfileCatalog>(), sp.GetRequiredService<Feedback.FeedbackRecorder>(),
            sp.GetRequiredService<StatisticsEpochs>(), sp.GetRequiredService<IOptions<LimitsOptions>>().Value, sp.GetService<Index.SearchIndex>()));
        services.TryAddSingleton(sp => new ComputeGate(sp.GetRequiredService<IOptions<LimitsOptions>>().Value));
        return services;
    }

    /// <summary>The read-through match path producing <typeparamref name="TList"/> replies (through the cache when it is enabled).</summary>
    public static IServiceCollection AddMatchLists<TList, TFormat>(this IServiceCollection services)
        where TList : class
        where TFormat : class, IMatchListFormat<TList>
    {
        services.TryAddSingleton<IMatchListFormat<TList>, TFormat>();
        services.TryAddSingleton(sp => new MatchLists<TList>(
            sp.GetRequiredService<IMatchListFormat<TList>>(),
            sp.GetRequiredService<ProfileCatalog>(),
            sp.GetRequiredService<Matcher>(),
            sp.GetRequiredService<ActiveModel>(),
            sp.GetRequiredService<StatisticsEpochs>(),
            sp.GetRequiredService<ServedLog>(),
            sp.GetRequiredService<MatchListKeys>(),
            sp.GetRequiredService<IOptions<CacheOptions>>().Value.Enabled ? sp.GetRequiredService<MatchListCache>() : null,
            sp.GetService<Telemetry.MatchmakerTelemetry>(),
            sp.GetService<ComputeGate>()));
        return services;
    }
}
