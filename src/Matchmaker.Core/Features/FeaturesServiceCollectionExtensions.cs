using Matchmaker.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Matchmaker.Features;

public static class FeaturesServiceCollectionExtensions
{
    /// <summary>
    /// The product space (following exporters on the change log), the live feature extractor (rows
    /// computed after the fact), and statistics epochs with their refresher (<see cref="StatisticsOptions"/>, validated on start).
    /// </summary>
    public static IServiceCollection AddMatchmakerFeatures(this IServiceCollection services)
    {
        services.AddValidatedOptions<StatisticsOptions>(StatisticsOptions.Section);
        services.AddChangeFollower<ProductSpace>();
        services.TryAddSingleton(sp => new FeatureExtractor(sp.GetRequiredService<ProductSpace>(), sp.GetRequiredService<Feedback.FeedbackLedger>()));
        services.TryAddSingleton<StatisticsEpochs>();
        services.AddHostedService<StatisticsRefresher>();
        return services;
    }
}
