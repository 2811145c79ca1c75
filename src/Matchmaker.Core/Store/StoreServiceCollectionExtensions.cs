using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Matchmaker.Store;

public static class StoreServiceCollectionExtensions
{
    /// <summary>
    /// The data directory (<see cref="DataOptions"/>, validated on start), the SQLite file, the record
    /// store with a table per registered <see cref="RecordKind"/>, the <see cref="ChangeFeed"/> over
    /// every registered <see cref="IChangeFollower"/>, and the start-up replay that brings the
    /// followers up to the change log.
    /// </summary>
    public static IServiceCollection AddMatchmakerStore(this IServiceCollection services)
    {
        services.AddValidatedOptions<DataOptions>(DataOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new DataDirectory(sp.GetRequiredService<IOptions<DataOptions>>().Value));
        services.TryAddSingleton(sp => new DataDirectoryLock(sp.GetRequiredService<DataDirectory>()));
        services.TryAddSingleton(sp =>
        {
            // Taken before the store or the index is opened: a second process on the folder stops here.
            sp.GetRequiredService<DataDirectoryLock>();
            return new SqliteDatabase(sp.GetRequiredService<DataDirectory>().StoreFile);
        });
        services.TryAddSingleton<IRecordStore>(sp =>
            new SqliteRecordStore(sp.GetRequiredService<SqliteDatabase>(), sp.GetServices<RecordKind>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new ChangeFeed(sp.GetRequiredService<IRecordStore>(), sp.GetServices<IChangeFollower>()));
        services.AddHostedService<ChangeLogReplay>();
        services.AddHostedService<ChangeFeedRepair>();
        return services;
    }

    /// <summary>Registers a record kind: the store keeps a table of it and its changes go through the change log.</summary>
    public static IServiceCollection AddRecordKind<T>(this IServiceCollection services, RecordKind<T> kind)
        where T : class
    {
        services.AddSingleton<RecordKind>(kind);
        return services;
    }

    /// <summary>
    /// Registers a follower of the change log: <typeparamref name="TFollower"/> as a singleton (unless
    /// it is registered already, with a factory say) and as one of the feed's followers.
    /// </summary>
    public static IServiceCollection AddChangeFollower<TFollower>(this IServiceCollection services)
        where TFollower : class, IChangeFollower
    {
        services.TryAddSingleton<TFollower>();
        services.AddSingleton<IChangeFollower>(sp => sp.GetRequiredService<TFollower>());
        return services;
    }
}
