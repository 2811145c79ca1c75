using Google.Protobuf.WellKnownTypes;
using Matchmaker.Matching;
using Matchmaker.Serving;

namespace Matchmaker.Mapping;

/// <summary>Match requests' filters and match lists, proto ⇄ domain; bulk-import results.</summary>
public static class MatchMapping
{
    public static ExporterFilter ToDomain(this V1.ExporterFilters? f) => f is null
        ? ExporterFilter.None
        : new ExporterFilter
        {
            Countries = [.. f.Countries],
            Regions = [.. f.Regions],
            Certifications = [.. f.Certifications],
            Languages = [.. f.Languages],
        };

    public static InquiryFilter ToDomain(this V1.InquiryFilters? f) => f is null
        ? InquiryFilter.None
        : new InquiryFilter
        {
            BuyerCountries = [.. f.BuyerCountries],
            BuyerTypes = [.. f.BuyerTypes.Select(BuyerTypeFilter)],
        };

    // An unknown number (a newer client's enum value, or garbage) would match nothing without a word.
    private static Profiles.BuyerType BuyerTypeFilter(V1.BuyerType type, int i) =>
        type != V1.BuyerType.Unspecified && System.Enum.IsDefined(type)
            ? (Profiles.BuyerType)(int)type
            : throw Profiles.ValidationException.Of($"filters.buyer_types[{i}]",
                $"{(int)type} is not a buyer type (importer, distributor, retailer, manufacturer, other)");

    /// <summary>A list of exporters for <paramref name="inquiryId"/>.</summary>
    public static V1.MatchList ToInquiryList(this MatchResult result, string inquiryId)
    {
        var list = ToProto(result, m => new V1.Match { ExporterId = m.Id });
        list.InquiryId = inquiryId;
        return list;
    }

    /// <summary>A list of inquiries for <paramref name="exporterId"/>.</summary>
    public static V1.MatchList ToExporterList(this MatchResult result, string exporterId)
    {
        var list = ToProto(result, m => new V1.Match { InquiryId = m.Id });
        list.ExporterId = exporterId;
        return list;
    }

    public static V1.ImportSummary ToProto(this ImportResult result)
    {
        var summary = new V1.ImportSummary
        {
            Received = result.Received,
            Imported = result.Imported,
            Failed = result.Failed,
            ErrorsTruncated = result.ErrorsTruncated,
            LastSequence = result.LastSequence,
            Unchanged = result.Unchanged,
        };
        summary.Errors.AddRange(result.Errors.Select(e => new V1.ImportError { Index = e.Index, Id = e.Id, Field = e.Field, Reason = e.Reason }));
        return summary;
    }

    private static V1.MatchList ToProto(MatchResult result, Func<RankedMatch, V1.Match> start)
    {
        var list = new V1.MatchList
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
            match.Reasons.AddRange(m.Reasons.Select(r => new V1.Reason { Feature = r.Feature, Value = r.Value, Contribution = r.Contribution, Text = r.Text }));
            list.Matches.Add(match);
        }

        return list;
    }
}
