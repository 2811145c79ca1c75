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
    public async Task<MatchList> InquiryAsync(Inquiry inquiry, ExporterFilter filter, MatchOptions options, Func<MatchResult, MatchList> map,
        CancellationToken cancellationToken)
    {
        if (cache is null)
        {
            return map(matcher.MatchInquiry(inquiry, filter, options, logServed: true));
        }

        var key = keys.ForInquiry(inquiry, filter, options, model.Current.Version, epochs.Current.Id);
        if (await Hit(key, "inquiry", cancellationToken) is { } cached)
        {
            return cached;
        }

        var result = matcher.MatchInquiry(inquiry, filter, options, logServed: true);
        var list = map(result);
        Store(keys.ForInquiry(inquiry, filter, options, result.ModelVersion, result.EpochId), result, CacheBuckets.ForInquiryList(inquiry), list);
        return list;
    }

    public async Task<MatchList> ExporterAsync(Exporter exporter, InquiryFilter filter, MatchOptions options, Func<MatchResult, MatchList> map,
        CancellationToken cancellationToken)
    {
        if (cache is null)
        {
            return map(matcher.MatchExporter(exporter, filter, options, logServed: true));
        }

        var key = keys.ForExporter(exporter, filter, options, model.Current.Version, epochs.Current.Id);
        if (await Hit(key, "exporter", cancellationToken) is { } cached)
        {
            return cached;
        }

        var result = matcher.MatchExporter(exporter, filter, options, logServed: true);
        var list = map(result);
        Store(keys.ForExporter(exporter, filter, options, result.ModelVersion, result.EpochId), result, CacheBuckets.ForExporterList(exporter), list);
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

    // The key is rebuilt from what the computation used: a model activated meanwhile must not label this list.
    private void Store(string key, MatchResult result, uint[] buckets, MatchList list) =>
        cache!.Set(key, new CachedMatchList(result.ComputedAtSequence, result.ExpiresAt, buckets, result.ModelVersion, result.Served, list.ToByteArray()));
}
