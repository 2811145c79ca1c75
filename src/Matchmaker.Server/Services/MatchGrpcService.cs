using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Matchmaker.Features;
using Matchmaker.Feedback;
using Matchmaker.Mapping;
using Matchmaker.Server.Internal;
using Matchmaker.Matching;
using Matchmaker.Profiles;
using Matchmaker.Store;
using Matchmaker.V1;
using DomainBuyerType = Matchmaker.Profiles.BuyerType;
using V1Feedback = Matchmaker.V1.Feedback;

namespace Matchmaker.Server.Services;

/// <summary>MatchService: resolves the inquiry or exporter (stored or inline), asks the matcher, maps the list.</summary>
internal sealed class MatchGrpcService(Matcher matcher, CachedLists cachedLists, FeedbackRecorder feedback, StatisticsEpochs epochs)
    : MatchService.MatchServiceBase
{
    /// <summary>Inline records being typed have no id yet; they are matched under this one and never stored.</summary>
    private const string PreviewId = "preview";

    public override async Task<MatchList> MatchInquiry(MatchInquiryRequest request, ServerCallContext context)
    {
        var options = Options(request.TopK, request.Explain);
        var filters = request.Filters ?? new ExporterFilters();
        CheckFilters(("filters.countries", filters.Countries, c => IsoCodes.IsCountry(c.ToUpperInvariant()), "an ISO 3166-1 alpha-2 country code"),
            ("filters.regions", filters.Regions, r => r.Length > 3 && IsoCodes.IsCountry(r[..2].ToUpperInvariant())
                && IsoCodes.IsSubdivisionOf(r.ToUpperInvariant(), r[..2].ToUpperInvariant()), "an ISO 3166-2 region code such as RU-KHA"),
            ("filters.languages", filters.Languages, l => IsoCodes.IsLanguage(l.ToLowerInvariant()), "an ISO 639-1 language code"));
        var filter = new ExporterFilter
        {
            Countries = [.. filters.Countries],
            Regions = [.. filters.Regions],
            Certifications = [.. filters.Certifications],
            Languages = [.. filters.Languages],
        };
        switch (request.TargetCase)
        {
            case MatchInquiryRequest.TargetOneofCase.InquiryId:
                return await cachedLists.InquiryAsync(request.InquiryId, filter, options,
                    r => Labelled(ToProto(r, m => new Match { ExporterId = m.Id }), l => l.InquiryId = request.InquiryId), context.CancellationToken);
            case MatchInquiryRequest.TargetOneofCase.Inquiry:
                var inquiry = ProfileCatalog.Prepare(Preview(request.Inquiry.ToDomain()), "inquiry.");
                return Labelled(ToProto(matcher.MatchInquiry(inquiry, filter, options), m => new Match { ExporterId = m.Id }),
                    l => l.InquiryId = request.Inquiry.Id);
            default:
                throw Invalid("inquiry_id", "give an inquiry_id or an inline inquiry");
        }
    }

    public override async Task<MatchList> MatchExporter(MatchExporterRequest request, ServerCallContext context)
    {
        var options = Options(request.TopK, request.Explain);
        var filters = request.Filters ?? new InquiryFilters();
        CheckFilters(("filters.buyer_countries", filters.BuyerCountries, c => IsoCodes.IsCountry(c.ToUpperInvariant()), "an ISO 3166-1 alpha-2 country code"));
        var filter = new InquiryFilter
        {
            BuyerCountries = [.. filters.BuyerCountries],
            BuyerTypes = [.. filters.BuyerTypes.Select(t => (DomainBuyerType)(int)t)],
        };
        switch (request.TargetCase)
        {
            case MatchExporterRequest.TargetOneofCase.ExporterId:
                return await cachedLists.ExporterAsync(request.ExporterId, filter, options,
                    r => Labelled(ToProto(r, m => new Match { InquiryId = m.Id }), l => l.ExporterId = request.ExporterId), context.CancellationToken);
            case MatchExporterRequest.TargetOneofCase.Exporter:
                var exporter = ProfileCatalog.Prepare(Preview(request.Exporter.ToDomain()), "exporter.");
                return Labelled(ToProto(matcher.MatchExporter(exporter, filter, options), m => new Match { InquiryId = m.Id }),
                    l => l.ExporterId = request.Exporter.Id);
            default:
                throw Invalid("exporter_id", "give an exporter_id or an inline exporter");
        }
    }

    public override Task<RecordFeedbackResponse> RecordFeedback(V1Feedback request, ServerCallContext context)
    {
        var stored = feedback.Record([feedback.Prepare(request.ToDomain())])[0];
        var label = FeedbackGains.Label(feedback.Ledger.PairEvents(stored.InquiryId, stored.ExporterId));
        return Task.FromResult(new RecordFeedbackResponse { Sequence = stored.Sequence, Label = label });
    }

    /// <summary>Imported history changes exporters' records at once: a new statistics epoch right after it.</summary>
    public override async Task<ImportSummary> RecordFeedbackStream(IAsyncStreamReader<V1Feedback> requestStream, ServerCallContext context)
    {
        var summary = await BulkImport.RunAsync(requestStream, f => $"{f.InquiryId}/{f.ExporterId}", f => feedback.Prepare(f.ToDomain()),
            batch => feedback.Record(batch)[^1].Sequence, context.CancellationToken);
        epochs.Refresh();
        return summary;
    }

    private static MatchOptions Options(int topK, bool explain) => topK switch
    {
        0 => new MatchOptions(MatchOptions.DefaultTopK, explain),
        < 0 or > MatchOptions.MaxTopK => throw Invalid("top_k", $"must be between 1 and {MatchOptions.MaxTopK} (0 means {MatchOptions.DefaultTopK}); got {topK}"),
        _ => new MatchOptions(topK, explain),
    };

    /// <summary>A filter value that can never match is a mistake to report, not an empty list to return.</summary>
    private static void CheckFilters(params (string Field, IEnumerable<string> Values, Func<string, bool> IsValid, string Expected)[] lists)
    {
        var violations = new List<FieldViolation>();
        foreach (var (field, values, isValid, expected) in lists)
        {
            var i = 0;
            foreach (var value in values)
            {
                if (!isValid(value.Trim()))
                {
                    violations.Add(new FieldViolation($"{field}[{i}]", $"'{value}' is not {expected}"));
                }

                i++;
            }
        }

        if (violations.Count > 0)
        {
            throw new ValidationException(violations);
        }
    }

    private static Inquiry Preview(Inquiry inquiry) => inquiry.Id.Length > 0 ? inquiry : inquiry with { Id = PreviewId };

    private static Exporter Preview(Exporter exporter) =>
        (exporter.Id.Length > 0 ? exporter : exporter with { Id = PreviewId }) with { Active = true };

    private static ValidationException Invalid(string field, string reason) => new([new FieldViolation(field, reason)]);

    private static MatchList Labelled(MatchList list, Action<MatchList> label)
    {
        label(list);
        return list;
    }

    private static MatchList ToProto(MatchResult result, Func<RankedMatch, Match> start)
    {
        var list = new MatchList
        {
            ModelVersion = result.ModelVersion,
            GeneratedAt = Timestamp.FromDateTimeOffset(result.GeneratedAt),
            FromCache = false,
            CandidatesConsidered = result.CandidatesConsidered,
        };
        foreach (var m in result.Matches)
        {
            var match = start(m);
            match.Rank = m.Rank;
            match.Score = m.Score;
            match.DisplayName = m.DisplayName;
            match.Reasons.AddRange(m.Reasons.Select(r => new Reason { Feature = r.Feature, Value = r.Value, Contribution = r.Contribution, Text = r.Text }));
            list.Matches.Add(match);
        }

        return list;
    }
}
