using Matchmaker.Index;
using Matchmaker.Store;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Matchmaker.Server.Internal;

/// <summary>
/// Serving when the record store and the index both answer and every follower of the change log is
/// current: the things a match request needs. NOT_SERVING while one catches up after a failure.
/// The store's and the index's sequence numbers go along as data, to see how far the index lags.
/// Behind grpc.health.v1 (with no check registered it would say UNKNOWN).
/// </summary>
internal sealed class StorageHealthCheck(IRecordStore store, SearchIndex index, ChangeFeed feed) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var data = new Dictionary<string, object>
            {
                ["store_sequence"] = store.LastSequence,
                ["index_sequence"] = index.AppliedSequence,
                ["index_committed_sequence"] = index.CommittedSequence,
            };
            index.Search(searcher => searcher.IndexReader.NumDocs);
            var lagging = feed.Lagging;
            return Task.FromResult(lagging.Count == 0
                ? HealthCheckResult.Healthy("store and index answer", data)
                : HealthCheckResult.Unhealthy($"catching up from the change log after a failure: {string.Join("; ", lagging)}", data: data));
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("storage failed", e));
        }
    }
}
