using Matchmaker.Telemetry;

namespace Matchmaker.Caching;

/// <summary>
/// Match lists by key, never stale: a stored list is served only if no change after it was
/// computed touched what it depends on (<see cref="DependencyTracker"/>) and no candidate has
/// expired. A stale one is dropped and counted as an invalidation. The time to live only bounds
/// memory; correctness never rests on it.
/// </summary>
public sealed class MatchListCache(IMatchListStore store, DependencyTracker tracker, MatchmakerTelemetry telemetry, TimeProvider? clock = null)
{
    /// <summary>Bounds how long an unread list occupies memory.</summary>
    public static readonly TimeSpan TimeToLive = TimeSpan.FromHours(24);

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <param name="kind">"inquiry" or "exporter" (the metrics tag).</param>
    public async Task<CachedMatchList?> GetAsync(string key, string kind, CancellationToken cancellationToken)
    {
        var bytes = await store.GetAsync(key, cancellationToken).ConfigureAwait(false);
        if (bytes is null)
        {
            telemetry.CacheMiss(kind);
            return null;
        }

        var list = CachedMatchList.Deserialize(bytes);
        if (list is null || !tracker.IsCurrent(list.Buckets, list.ComputedAt) || list.ExpiresAt <= _clock.GetUtcNow())
        {
            telemetry.CacheInvalidation(kind);
            telemetry.CacheMiss(kind);
            _ = store.RemoveAsync(key, CancellationToken.None);
            return null;
        }

        telemetry.CacheHit(kind);
        return list;
    }

    /// <summary>Stores a computed list; returns without waiting for the store (a slow Redis must not delay the reply).</summary>
    public void Set(string key, CachedMatchList list) =>
        _ = store.SetAsync(key, list.Serialize(), TimeToLive, CancellationToken.None);
}
