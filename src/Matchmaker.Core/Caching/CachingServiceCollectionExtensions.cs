using Matchmaker.Store;
using Matchmaker.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Matchmaker.Caching;

public static class CachingServiceCollectionExtensions
{
    /// <summary>
    /// The match-list cache (<see cref="CacheOptions"/>, validated on start): Redis when
    /// Matchmaker:Cache:Redis is set, in-process otherwise, kept exact by a dependency tracker that
    /// follows the change log. Disabled (Enabled=false): no tracker follows the log and
    /// <see cref="MatchListCache"/> resolves to nothing.
    /// </summary>
    public static IServiceCollection AddMatchmakerCaching(this IServiceCollection services)
    {
        services.AddValidatedOptions<CacheOptions>(CacheOptions.Section);
        services.TryAddSingleton(sp =>
        {
            // Opened at the store's sequence before the change feed exists: every later write is marked and above the floor.
            var tracker = new DependencyTracker();
            tracker.Open(sp.GetRequiredService<IRecordStore>().LastSequence);
            return tracker;
        });
        services.AddSingleton<IChangeFollower>(sp =>
            sp.GetRequiredService<IOptions<CacheOptions>>().Value.Enabled ? sp.GetRequiredService<DependencyTracker>() : new NoFollower());
        services.TryAddSingleton(sp => new MatchListKeys(sp.GetRequiredService<IRecordStore>().StoreId));
        services.TryAddSingleton<IMatchListStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<CacheOptions>>().Value;
            return options.Redis.Length > 0
                ? new RedisMatchListStore(options.Redis, TimeSpan.FromMilliseconds(options.TimeoutMilliseconds), sp.GetRequiredService<MatchmakerTelemetry>(),
                    sp.GetRequiredService<ILoggerFactory>().CreateLogger<RedisMatchListStore>(), sp.GetRequiredService<TimeProvider>())
                : new InProcessMatchListStore(options.InProcessMegabytes * 1024L * 1024, sp.GetRequiredService<TimeProvider>());
        });
        services.TryAddSingleton(sp => new MatchListCache(sp.GetRequiredService<IMatchListStore>(), sp.GetRequiredService<DependencyTracker>(),
            sp.GetRequiredService<MatchmakerTelemetry>(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary>Stands in for the tracker when the cache is off: follows no kind.</summary>
    private sealed class NoFollower : IChangeFollower
    {
        public long ReplayAfter => long.MaxValue;
    }
}
