using Matchmaker.Caching;
using Matchmaker.Features;
using Matchmaker.Matching;
using Matchmaker.Profiles;
using Matchmaker.Ranking;
using Matchmaker.Store;
using Matchmaker.Telemetry;
using Matchmaker.TrainingData;

namespace Matchmaker.Serving;

/// <summary>
/// The read-through match path. A stored inquiry's or exporter's list comes from the cache when a
/// current one is there (the record's version comes from memory, so a hit reads no store), or is
/// computed, logged for training with the exact features it was ranked by, returned, and stored in
/// the cache without waiting. Previews (inline records a buyer is still typing) are matched but never
/// stored, cached or logged: they have no id and version.
/// </summary>
public sealed class MatchLists<TList>(
    IMatchListFormat<TList> format,
    ProfileCatalog catalog,
    Matcher matcher,
    ActiveModel model,
    StatisticsEpochs epochs,
    ServedLog servedLog,
    MatchListKeys keys,
    MatchListCache? cache,
    MatchmakerTelemetry? telemetry = null,
    ComputeGate? gate = null)
    where TList : class
{
    /// <summary>Inline records being typed have no id yet; they are matched under this one and never stored.</summary>
    public const string PreviewId = "preview";

    private readonly RecordVersions.OfKind _inquiryVersions = catalog.Versions.For<Inquiry>();
    private readonly RecordVersions.OfKind _exporterVersions = catalog.Versions.For<Exporter>();

    /// <exception cref="RecordNotFoundException">No inquiry has this id.</exception>
    public Task<TList> ForInquiryAsync(string id, ExporterFilter filter, MatchOptions options, CancellationToken cancellationToken) =>
        ListAsync("inquiry", id, _inquiryVersions.Of(id) ?? throw new RecordNotFoundException("inquiry", id),
            (version, model, epoch) => keys.ForInquiry(id, version, filter, options, model, epoch),
            () =>
            {
                var inquiry = catalog.GetInquiry(id) ?? throw new RecordNotFoundException("inquiry", id);
                return (matcher.MatchInquiry(inquiry, filter, options), inquiry.Version, CacheBuckets.ForInquiryList(inquiry));
            },
            result => format.ForInquiry(id, result), cancellationToken);

    /// <exception cref="RecordNotFoundException">No exporter has this id.</exception>
    public Task<TList> ForExporterAsync(string id, InquiryFilter filter, MatchOptions options, CancellationToken cancellationToken) =>
        ListAsync("exporter", id, _exporterVersions.Of(id) ?? throw new RecordNotFoundException("exporter", id),
            (version, model, epoch) => keys.ForExporter(id, version, filter, options, model, epoch),
            () =>
            {
                var exporter = catalog.GetExporter(id) ?? throw new RecordNotFoundException("exporter", id);
                return (matcher.MatchExporter(exporter, filter, options), exporter.Version, CacheBuckets.ForExporterList(exporter));
            },
            result => format.ForExporter(id, result), cancellationToken);

    /// <summary>Exporters for an inquiry that is not stored; the list carries the inquiry's own id (empty while it has none).</summary>
    /// <exception cref="ValidationException">The inquiry is invalid (fields under "inquiry.").</exception>
    public async Task<TList> PreviewInquiryAsync(Inquiry inquiry, ExporterFilter filter, MatchOptions options, CancellationToken cancellationToken = default)
    {
        using var activity = StartMatch("inquiry", preview: true);
        var prepared = ProfileValidator.Prepare(inquiry.Id.Length > 0 ? inquiry : inquiry with { Id = PreviewId }, "inquiry.");
        var result = await Gated("inquiry", () => matcher.MatchInquiry(prepared, filter, options), cancellationToken).ConfigureAwait(false);
        return format.ForInquiry(inquiry.Id, Computed("inquiry", result));
    }

    /// <summary>Inquiries for an exporter that is not stored (taken as active).</summary>
    /// <exception cref="ValidationException">The exporter is invalid (fields under "exporter.").</exception>
    public async Task<TList> PreviewExporterAsync(Exporter exporter, InquiryFilter filter, MatchOptions options, CancellationToken cancellationToken = default)
    {
        using var activity = StartMatch("exporter", preview: true);
        var prepared = ProfileValidator.Prepare((exporter.Id.Length > 0 ? exporter : exporter with { Id = PreviewId }) with { Active = true }, "exporter.");
        var result = await Gated("exporter", () => matcher.MatchExporter(prepared, filter, options), cancellationToken).ConfigureAwait(false);
        return format.ForExporter(exporter.Id, Computed("exporter", result));
    }

    /// <param name="version">The record's version now; <paramref name="compute"/> reports the one it actually matched.</param>
    private async Task<TList> ListAsync(string kind, string id, long version, Func<long, string, string, string> key,
        Func<(MatchResult Result, long Version, uint[] Buckets)> compute, Func<MatchResult, TList> map, CancellationToken cancellationToken)
    {
        using var activity = StartMatch(kind, preview: false);
        activity?.SetTag("matchmaker.id", id);
        if (cache is not null && await Hit(key(version, model.Current.Version, epochs.Current.Id), kind, cancellationToken) is { } cached)
        {
            activity?.SetTag("matchmaker.from_cache", true);
            return cached;
        }

        var (result, matchedVersion, buckets) = await Gated(kind, compute, cancellationToken).ConfigureAwait(false);
        Computed(kind, result);
        activity?.SetTag("matchmaker.from_cache", false);
        activity?.SetTag("matchmaker.model", result.ModelVersion);
        // The pairs and the exact feature vectors they were ranked by, for training. Logged once, when
        // the list is computed: a cache hit later serves this very list and is not logged again.
        if (result.Pairs.Count > 0)
        {
            servedLog.Append(new ServedList(result.ModelVersion, FeatureSchema.Hash, result.GeneratedAt, result.Pairs));
        }

        var list = map(result);
        // The key is rebuilt from what the computation used: an edit or a model activated meanwhile must not label this list.
        cache?.Set(key(matchedVersion, result.ModelVersion, result.EpochId),
            new CachedMatchList(result.ComputedAtSequence, result.ExpiresAt, buckets, result.ModelVersion, format.Serialize(list)));
        return list;
    }

    private async Task<TList?> Hit(string key, string kind, CancellationToken cancellationToken)
    {
        var cached = await cache!.GetAsync(key, kind, cancellationToken).ConfigureAwait(false);
        // A list with damaged bytes is computed instead.
        return cached is null ? null : format.FromCache(cached.Payload);
    }

    // At most Matchmaker:Limits:ConcurrentLists computations at once; the rest wait (cancellable) or are refused.
    private async Task<T> Gated<T>(string kind, Func<T> compute, CancellationToken cancellationToken)
    {
        try
        {
            return gate is null ? compute() : await gate.RunAsync(compute, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            telemetry?.ListCancelled(kind);
            throw;
        }
    }

    private MatchResult Computed(string kind, MatchResult result)
    {
        telemetry?.ListComputed(kind, result.CandidatesConsidered, result.ScoringSeconds);
        System.Diagnostics.Activity.Current?.SetTag("matchmaker.candidates", result.CandidatesConsidered);
        return result;
    }

    private static System.Diagnostics.Activity? StartMatch(string kind, bool preview)
    {
        var activity = MatchmakerTelemetry.Source.StartActivity("match");
        activity?.SetTag("matchmaker.list", kind);
        activity?.SetTag("matchmaker.preview", preview);
        return activity;
    }
}
