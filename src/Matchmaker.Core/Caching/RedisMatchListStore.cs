using Matchmaker.Telemetry;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Matchmaker.Caching;

/// <summary>
/// Match lists in Redis (StackExchange.Redis, one multiplexer). Every call is bounded by a short
/// timeout (default 50 ms): a slow Redis costs a request at most that, then the list is computed.
/// Three failures in a row open a circuit breaker for 2 s, during which Redis is not called at all;
/// a warning is logged and an outage counted once per outage, an information line logged when Redis answers again. The
/// multiplexer reconnects by itself (AbortOnConnectFail=false), so the cache resumes on its own.
/// </summary>
public sealed partial class RedisMatchListStore : IMatchListStore, IDisposable
{
    private readonly ConnectionMultiplexer _connection;
    private readonly TimeSpan _timeout;
    private readonly MatchmakerTelemetry _telemetry;
    private readonly CircuitBreaker _breaker;

    public RedisMatchListStore(string configuration, TimeSpan timeout, MatchmakerTelemetry telemetry, ILogger logger, TimeProvider? clock = null)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 2_000;
        options.ConnectRetry = 1;
        options.ClientName ??= "matchmaker";
        _timeout = timeout;
        _telemetry = telemetry;
        _breaker = new CircuitBreaker(3, TimeSpan.FromSeconds(2), clock);
        _breaker.Opened += e =>
        {
            telemetry.CacheOutage();
            LogUnavailable(logger, Endpoint, timeout.TotalMilliseconds, e?.Message ?? "");
        };
        _breaker.Closed += () => LogResumed(logger, Endpoint);
        _connection = ConnectionMultiplexer.Connect(options);
    }

    public string Endpoint => string.Join(",", _connection.GetEndPoints().Select(e => e is System.Net.DnsEndPoint d ? $"{d.Host}:{d.Port}" : e.ToString()));

    public async Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var value = await Call("get", db => db.StringGetAsync(key), RedisValue.Null, cancellationToken).ConfigureAwait(false);
        return value.HasValue ? (byte[]?)value : null;
    }

    public Task SetAsync(string key, byte[] value, TimeSpan timeToLive, CancellationToken cancellationToken) =>
        Call("set", db => db.StringSetAsync(key, value, timeToLive), false, cancellationToken);

    public Task RemoveAsync(string key, CancellationToken cancellationToken) =>
        Call("remove", db => db.KeyDeleteAsync(key), false, cancellationToken);

    public void Dispose() => _connection.Dispose();

    private async Task<T> Call<T>(string operation, Func<IDatabase, Task<T>> call, T fallback, CancellationToken cancellationToken)
    {
        if (!_breaker.Allow())
        {
            _telemetry.CacheError(operation + "-skipped");
            return fallback;
        }

        try
        {
            var result = await call(_connection.GetDatabase()).WaitAsync(_timeout, cancellationToken).ConfigureAwait(false);
            _breaker.Success();
            return result;
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
        {
            _telemetry.CacheError(operation);
            _breaker.Failure(e);
            return fallback;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis at {Endpoint} is unavailable or slower than {TimeoutMs} ms ({Reason}); match lists are computed until it answers again")]
    private static partial void LogUnavailable(ILogger logger, string endpoint, double timeoutMs, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis at {Endpoint} answers again; the match-list cache is back")]
    private static partial void LogResumed(ILogger logger, string endpoint);
}
