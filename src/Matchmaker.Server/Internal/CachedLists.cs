using Google.Protobuf;
using Matchmaker.Caching;
using Matchmaker.Features;
using Matchmaker.Matching;
using Matchmaker.Profiles;
using Matchmaker.Ranking;
using Matchmaker.Store;
using Matchmaker.V1;

namespace Matchmaker.Server.Internal;

/// <summary>
/// Stored inquiries' and exporters' lists through the cache: a hit returns the stored MatchList
/// bytes (marked from_cache, forwarded without decoding: <see cref="MatchList.Verbatim"/>) without
/// reading the store (the version comes from memory); a miss
/// computes, replies, and stores without waiting. Previews (inline records) are never cached:
/// they have no id and version.
/// </summary>
internal sealed class CachedLists(MatchListCache? cache, MatchListKeys keys, ProfileCatalog catalog, Matcher matcher, ActiveModel model,
    StatisticsEpochs epochs)
{
    /// <exception cref="RecordNotFoundException">No inquiry has this id.</exception>
    public Task<MatchList> InquiryAsync(string id, ExporterFilter filter, MatchOptions options, Func<MatchResult, MatchList> map,
        CancellationToken cancellationToken) =>
        ListAsync("inquiry", catalog.Versions.Inquiry(id) ?? throw new RecordNotFoundException("inquiry", id),
            (version, model, epoch) => keys.ForInquiry(id, version, filter, options, model, epoch),
            () =>
            {
                var inquiry = catalog.Store.GetInquiry(id) ?? throw new RecordNotFoundException("inquiry", id);
                return (matcher.MatchInquiry(inquiry, filter, options, logServed: true), inquiry.Version, CacheBuckets.ForInquiryList(inquiry));
            },
            map, cancellationToken);

    /// <exception cref="RecordNotFoundException">No exporter has this id.</exception>
    public Task<MatchList> ExporterAsync(string id, InquiryFilter filter, MatchOptions options, Func<MatchResult, MatchList> map,
        CancellationToken cancellationToken) =>
        ListAsync("exporter", catalog.Versions.Exporter(id) ?? throw new RecordNotFoundException("exporter", id),
            (version, model, epoch) => keys.ForExporter(id, version, filter, options, model, epoch),
            () =>
            {
                var exporter = catalog.Store.GetExporter(id) ?? throw new RecordNotFoundException("exporter", id);
                return (matcher.MatchExporter(exporter, filter, options, logServed: true), exporter.Version, CacheBuckets.ForExporterList(exporter));
            },
            map, cancellationToken);

    /// <param name="version">The record's version now; <paramref name="compute"/> reports the one it actually matched.</param>
    private async Task<MatchList> ListAsync(string kind, long version, Func<long, string, string, string> key,
        Func<(MatchResult Result, long Version, uint[] Buckets)> compute, Func<MatchResult, MatchList> map, CancellationToken cancellationToken)
    {
        if (cache is null)
        {
            return map(compute().Result);
        }

        if (await Hit(key(version, model.Current.Version, epochs.Current.Id), kind, cancellationToken) is { } cached)
        {
            return cached;
        }

        var (result, matchedVersion, buckets) = compute();
        var list = map(result);
        // The key is rebuilt from what the computation used: an edit or a model activated meanwhile must not label this list.
        cache.Set(key(matchedVersion, result.ModelVersion, result.EpochId),
            new CachedMatchList(result.ComputedAtSequence, result.ExpiresAt, buckets, result.ModelVersion, list.ToByteArray()));
        return list;
    }

    private async Task<MatchList?> Hit(string key, string kind, CancellationToken cancellationToken)
    {
        var cached = await cache!.GetAsync(key, kind, cancellationToken);
        if (cached is null)
        {
            return null;
        }

        // Not logged for training again: it is the very list, with the very features, logged when it was computed.
        try
        {
            return MatchList.Verbatim(cached.Payload);
        }
        catch (InvalidProtocolBufferException)
        {
            return null; // bytes damaged in the store: compute the list instead
        }
    }
}
