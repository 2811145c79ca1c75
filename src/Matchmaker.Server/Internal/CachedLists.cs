using Google.Protobuf;
using Matchmaker.Caching;
using Matchmaker.Features;
using Matchmaker.Matching;
using Matchmaker.Profiles;
using Matchmaker.Ranking;
using Matchmaker.V1;

namespace Matchmaker.Server.Internal;

/// <summary>
/// Stored inquiries' and exporters' lists through the cache: a hit returns the stored MatchList
/// bytes (marked from_cache) and logs its pairs as served; a miss computes, replies, and stores
/// without waiting. Previews (inline records) are never cached: they have no id and version.
/// </summary>
internal sealed class CachedLists(MatchListCache? cache, MatchListKeys keys, Matcher matcher, ActiveModel model, StatisticsEpochs epochs,
    TimeProvider clock)
{
    public Task<MatchList> InquiryAsync(Inquiry inquiry, ExporterFilter filter, MatchOptions options, Func<MatchResult, MatchList> map,
        CancellationToken cancellationToken) =>
        ListAsync("inquiry", (model, epoch) => keys.ForInquiry(inquiry, filter, options, model, epoch),
            () => matcher.MatchInquiry(inquiry, filter, options, logServed: true), () => CacheBuckets.ForInquiryList(inquiry), map, cancellationToken);

    public Task<MatchList> ExporterAsync(Exporter exporter, InquiryFilter filter, MatchOptions options, Func<MatchResult, MatchList> map,
        CancellationToken cancellationToken) =>
        ListAsync("exporter", (model, epoch) => keys.ForExporter(exporter, filter, options, model, epoch),
            () => matcher.MatchExporter(exporter, filter, options, logServed: true), () => CacheBuckets.ForExporterList(exporter), map, cancellationToken);

    private async Task<MatchList> ListAsync(string kind, Func<string, string, string> key, Func<MatchResult> compute, Func<uint[]> buckets,
        Func<MatchResult, MatchList> map, CancellationToken cancellationToken)
    {
        if (cache is null)
        {
            return map(compute());
        }

        if (await Hit(key(model.Current.Version, epochs.Current.Id), kind, cancellationToken) is { } cached)
        {
            return cached;
        }

        var result = compute();
        var list = map(result);
        // The key is rebuilt from what the computation used: a model activated meanwhile must not label this list.
        cache.Set(key(result.ModelVersion, result.EpochId),
            new CachedMatchList(result.ComputedAtSequence, result.ExpiresAt, buckets(), result.ModelVersion, result.Served, list.ToByteArray()));
        return list;
    }

    private async Task<MatchList?> Hit(string key, string kind, CancellationToken cancellationToken)
    {
        var cached = await cache!.GetAsync(key, kind, cancellationToken);
        if (cached is null)
        {
            return null;
        }

        matcher.LogServed(cached.ModelVersion, cached.Served, clock.GetUtcNow());
        var list = MatchList.Parser.ParseFrom(cached.Payload);
        list.FromCache = true;
        return list;
    }
}
