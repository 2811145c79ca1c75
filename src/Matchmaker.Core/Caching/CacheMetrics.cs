using System.Diagnostics.Metrics;

namespace Matchmaker.Caching;

/// <summary>
/// Cache counters on the "Matchmaker" meter (dotnet-counters monitor --counters Matchmaker;
/// OpenTelemetry picks the meter up by name). Tagged with the list kind and the store.
/// </summary>
public sealed class CacheMetrics : IDisposable
{
    public const string MeterName = "Matchmaker";

    private readonly Meter _meter;
    private readonly Counter<long> _hits;
    private readonly Counter<long> _misses;
    private readonly Counter<long> _invalidations;
    private readonly Counter<long> _errors;

    public CacheMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _hits = _meter.CreateCounter<long>("matchmaker.cache.hits", "{list}", "Match lists served from the cache");
        _misses = _meter.CreateCounter<long>("matchmaker.cache.misses", "{list}", "Match lists not in the cache (computed)");
        _invalidations = _meter.CreateCounter<long>("matchmaker.cache.invalidations", "{list}",
            "Cached match lists found stale (a change touched them, or a candidate expired) and dropped");
        _errors = _meter.CreateCounter<long>("matchmaker.cache.errors", "{operation}",
            "Cache operations that failed or timed out, or were skipped while the circuit breaker was open");
    }

    public void Hit(string kind) => _hits.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void Miss(string kind) => _misses.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void Invalidation(string kind) => _invalidations.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void Error(string operation) => _errors.Add(1, new KeyValuePair<string, object?>("operation", operation));

    public void Dispose() => _meter.Dispose();
}
