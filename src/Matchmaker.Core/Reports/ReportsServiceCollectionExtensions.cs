using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Matchmaker.Reports;

public static class ReportsServiceCollectionExtensions
{
    /// <summary>Demand-gap reports (<see cref="ReportOptions"/>, validated on start) and their optional reference files.</summary>
    public static IServiceCollection AddMatchmakerReports(this IServiceCollection services)
    {
        services.AddValidatedOptions<ReportOptions>(ReportOptions.Section);
        services.TryAddSingleton<ReferenceProductSpace>();
        services.TryAddSingleton<DemandGaps>();
        return services;
    }
}
