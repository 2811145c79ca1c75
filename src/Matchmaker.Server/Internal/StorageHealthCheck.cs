using Matchmaker.Index;
using Matchmaker.Store;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Matchmaker.Server.Internal;

/// <summary>
/// Serving when the record store and the index both answer: the two things a match request needs.
/// The store's and the index's sequence numbers go along as data, to see how far the index lags.
/// Behind grpc.health.v1 (with no check registered it would say UNKNOWN).
/// </summary>
internal sealed class StorageHealthCheck(IRecordStore store, SearchIndex index) : IHealthCheck
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
            return Task.FromResult(HealthCheckResult.Healthy("store and index answer", data));
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("storage failed", e));
        }
    }
}
