using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Matchmaker.Feedback;

public static class FeedbackServiceCollectionExtensions
{
    /// <summary>The feedback log (in the store's file), the in-memory ledger the features read, the recorder, and the ledger's start-up load.</summary>
    public static IServiceCollection AddMatchmakerFeedback(this IServiceCollection services)
    {
        services.TryAddSingleton<IFeedbackLog, SqliteFeedbackLog>();
        services.TryAddSingleton<FeedbackLedger>();
        services.TryAddSingleton<FeedbackRecorder>();
        services.AddHostedService<FeedbackLedgerLoad>();
        return services;
    }
}
