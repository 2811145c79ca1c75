using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Matchmaker.Telemetry;

/// <summary>
/// The service's one Meter and one ActivitySource, both named "Matchmaker"
/// (<c>dotnet-counters monitor -n Matchmaker.Server --counters Matchmaker</c>; OpenTelemetry picks
/// both up by name). Every counter and every span Matchmaker emits is declared here, so this file is
/// the list of what an operator can watch.
/// </summary>
public sealed class MatchmakerTelemetry : IDisposable
{
    public const string Name = "Matchmaker";

    private readonly Meter _meter;
    private readonly Counter<long> _cacheHits;
    private readonly Counter<long> _cacheMisses;
    private readonly Counter<long> _cacheInvalidations;
    private readonly Counter<long> _cacheErrors;
    private readonly Counter<long> _cacheOutages;
    private readonly Counter<long> _servedListsWritten;
    private readonly Counter<long> _servedListsDropped;
    private readonly Histogram<long> _candidates;
    private readonly Counter<long> _cancelled;
    private readonly Histogram<double> _scoring;

    public MatchmakerTelemetry(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(Name) ?? new Meter(Name);
        _cacheHits = _meter.CreateCounter<long>("matchmaker.cache.hits", "{list}", "Match lists served from the cache");
        _cacheMisses = _meter.CreateCounter<long>("matchmaker.cache.misses", "{list}", "Match lists not in the cache (computed)");
        _cacheInvalidations = _meter.CreateCounter<long>("matchmaker.cache.invalidations", "{list}",
            "Cached match lists found stale (a change touched them, or a candidate expired) and dropped");
        _cacheErrors = _meter.CreateCounter<long>("matchmaker.cache.errors", "{operation}",
            "Cache operations that failed or timed out, or were skipped while the circuit breaker was open");
        _cacheOutages = _meter.CreateCounter<long>("matchmaker.cache.outages", "{outage}",
            "Times the cache's circuit breaker opened: Redis failed three calls in a row and lists are computed for a while");
        _servedListsWritten = _meter.CreateCounter<long>("matchmaker.training_log.lists_written", "{list}",
            "Computed match lists written to the served-feature log (training data)");
        _servedListsDropped = _meter.CreateCounter<long>("matchmaker.training_log.lists_dropped", "{list}",
            "Computed match lists the served-feature log could not keep (queue full or disk failing): training rows lost, no request failed");
        _cancelled = _meter.CreateCounter<long>("matchmaker.match.cancelled", "{list}",
            "Match lists whose call was cancelled (deadline passed, client gone) before they were computed or while they were: the work stopped");
        _candidates = _meter.CreateHistogram<long>("matchmaker.match.candidates", "{candidate}",
            "Candidates retrieval found and the ranker scored for one computed match list",
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [0, 10, 25, 50, 100, 200, 300, 500, 1000] });
        _scoring = _meter.CreateHistogram<double>("matchmaker.match.scoring.duration", "s",
            "Time to extract the features of a computed list's candidates and score them",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1] });
    }

    /// <summary>
    /// Spans: "match" (one list; tags matchmaker.list, .id, .preview, .from_cache, .model), "import" (a
    /// bulk import; .import, .imported, .failed), "statistics.capture" (.epoch).
    /// </summary>
    public static ActivitySource Source { get; } = new(Name);

    public void CacheHit(string kind) => _cacheHits.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void CacheMiss(string kind) => _cacheMisses.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void CacheInvalidation(string kind) => _cacheInvalidations.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void CacheError(string operation) => _cacheErrors.Add(1, new KeyValuePair<string, object?>("operation", operation));

    public void CacheOutage() => _cacheOutages.Add(1);

    public void ServedListsWritten(int count) => _servedListsWritten.Add(count);

    public void ServedListsDropped(int count) => _servedListsDropped.Add(count);

    public void ListCancelled(string kind) => _cancelled.Add(1, new KeyValuePair<string, object?>("kind", kind));

    /// <summary>One computed match list: how many candidates it ranked and how long scoring took.</summary>
    public void ListComputed(string kind, int candidates, double scoringSeconds)
    {
        var tag = new KeyValuePair<string, object?>("kind", kind);
        _candidates.Record(candidates, tag);
        _scoring.Record(scoringSeconds, tag);
    }

    /// <summary>
    /// "matchmaker.index.lag": change-log entries stored but not yet in the search index (0 when the
    /// index is current; it grows while the index catches up, or if it fails).
    /// </summary>
    public void ObserveIndexLag(Func<long> lag) =>
        _meter.CreateObservableGauge("matchmaker.index.lag", lag, "{change}", "Change-log entries stored but not yet applied to the search index");

    public void Dispose() => _meter.Dispose();
}
