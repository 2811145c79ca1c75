namespace Matchmaker.Caching;

/// <summary>
/// Where cached match lists live: bytes by key. Implementations never throw for the store's own
/// failures (a down or slow Redis is a miss, not an error): nothing the cache holds is needed for
/// correctness, so the caller simply computes the list.
/// </summary>
public interface IMatchListStore
{
    Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken);

    Task SetAsync(string key, byte[] value, TimeSpan timeToLive, CancellationToken cancellationToken);

    Task RemoveAsync(string key, CancellationToken cancellationToken);
}
