using Matchmaker.Caching;
using Matchmaker.DemoData;
using Matchmaker.Events;
using Matchmaker.Features;
using Matchmaker.Feedback;
using Matchmaker.Index;
using Matchmaker.Matching;
using Matchmaker.Profiles;
using Matchmaker.Ranking;
using Matchmaker.Reports;
using Matchmaker.Serving;
using Matchmaker.Store;
using Matchmaker.Telemetry;
using Matchmaker.TrainingData;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Matchmaker.Hosting;

public static class MatchmakerCoreServiceCollectionExtensions
{
    /// <summary>
    /// Every Core area, each through its own registration, in the order their start-up work runs
    /// (hosted services start in registration order):
    /// <list type="number">
    /// <item>the change log is replayed into its followers (index, product space, record versions);</item>
    /// <item>the feedback ledger is loaded;</item>
    /// <item>the first statistics epoch is captured, then refreshed on a timer;</item>
    /// <item>the active model is restored (or the shipped one activated on first start);</item>
    /// <item>the training log's retention runs in the background;</item>
    /// <item>an empty store gets the demo data, when configured.</item>
    /// </list>
    /// A transport adds its list format with <see cref="ServingServiceCollectionExtensions.AddMatchLists{TList, TFormat}"/>.
    /// </summary>
    public static IServiceCollection AddMatchmakerCore(this IServiceCollection services)
    {
        // Meters come from the host's IMeterFactory when it has one (ASP.NET Core's does).
        services.TryAddSingleton<MatchmakerTelemetry>();
        return services
            .AddMatchmakerStore()
            .AddMatchmakerProfiles()
            .AddMatchmakerCaching()
            .AddMatchmakerIndex()
            .AddMatchmakerFeedback()
            .AddMatchmakerFeatures()
            .AddMatchmakerRanking()
            .AddMatchmakerMatching()
            .AddMatchmakerTrainingData()
            .AddMatchmakerServing()
            .AddMatchmakerEvents()
            .AddMatchmakerReports()
            .AddMatchmakerDemoData();
    }
}
