using Matchmaker.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Matchmaker.TrainingData;

public static class TrainingDataServiceCollectionExtensions
{
    /// <summary>The served-feature log in the data directory and its retention (<see cref="TrainingDataOptions"/>), and the training-data export.</summary>
    public static IServiceCollection AddMatchmakerTrainingData(this IServiceCollection services)
    {
        services.AddValidatedOptions<TrainingDataOptions>(TrainingDataOptions.Section);
        services.TryAddSingleton(sp => new ServedLog(sp.GetRequiredService<DataDirectory>().ServedLogFile, sp.GetRequiredService<MatchmakerTelemetry>()));
        services.TryAddSingleton<TrainingDataExporter>();
        services.AddHostedService<ServedLogMaintenance>();
        return services;
    }
}
