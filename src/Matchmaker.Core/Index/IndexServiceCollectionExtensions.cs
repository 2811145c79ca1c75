using Matchmaker.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Matchmaker.Index;

public static class IndexServiceCollectionExtensions
{
    /// <summary>The Lucene index in the data directory's index folder (<see cref="IndexOptions"/>, validated on start), following the change log.</summary>
    public static IServiceCollection AddMatchmakerIndex(this IServiceCollection services)
    {
        services.AddValidatedOptions<IndexOptions>(IndexOptions.Section);
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<IndexOptions>>().Value;
            return new SearchIndex(sp.GetRequiredService<DataDirectory>().IndexFolder, sp.GetRequiredService<ILoggerFactory>().CreateLogger<SearchIndex>(),
                create: options.RebuildIndex, commitInterval: TimeSpan.FromSeconds(options.IndexCommitIntervalSeconds),
                decodedRecords: options.IndexDecodedRecords, importCommitInterval: TimeSpan.FromSeconds(options.IndexImportCommitIntervalSeconds));
        });
        services.AddChangeFollower<SearchIndex>();
        return services;
    }
}
