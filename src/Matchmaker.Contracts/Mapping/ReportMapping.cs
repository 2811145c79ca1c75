using Matchmaker.Reports;

namespace Matchmaker.Mapping;

/// <summary>Reports, proto ⇄ domain.</summary>
public static class ReportMapping
{
    /// <exception cref="Profiles.ValidationException">A date that does not parse, or to before from.</exception>
    public static DemandGapQuery ToDomain(this V1.GetDemandGapsRequest p)
    {
        var (from, to) = MeetingMapping.Range(p.From, p.To);
        var query = new DemandGapQuery(from, to)
        {
            ExporterCountries = [.. p.ExporterCountries.Select(c => c.Trim()).Where(c => c.Length > 0)],
            ExporterRegions = [.. p.ExporterRegions.Select(r => r.Trim()).Where(r => r.Length > 0)],
        };

        // 0 (not set) leaves the query's defaults.
        return query with
        {
            Top = p.Top == 0 ? query.Top : p.Top,
            RelatedExporters = p.RelatedExporters == 0 ? query.RelatedExporters : p.RelatedExporters,
        };
    }

    public static V1.DemandGapReport ToProto(this DemandGapReport r)
    {
        var p = new V1.DemandGapReport
        {
            From = LocalTimes.Format(r.From),
            To = LocalTimes.Format(r.To),
            Inquiries = r.Inquiries,
            HeadingsWanted = r.HeadingsWanted,
            ChapterOnlyInquiries = r.ChapterOnlyInquiries,
            GoodExporters = r.GoodExporters,
            GoodScore = r.GoodScore,
            NetworkSource = r.NetworkSource,
        };
        p.Gaps.AddRange(r.Gaps.Select(ToProto));
        return p;
    }

    private static V1.DemandGap ToProto(DemandGap g)
    {
        var p = new V1.DemandGap
        {
            Heading = g.Heading,
            Label = g.Label,
            Inquiries = g.Inquiries,
            InquiriesWanting = g.InquiriesWanting,
            Buyers = g.Buyers,
            MeanMakersMatched = g.MeanMakersMatched,
            MeanGoodMatches = g.MeanGoodMatches,
            BestScore = g.BestScore,
            Makers = g.Makers,
        };
        p.BuyerCountries.AddRange(g.BuyerCountries.Select(c => new V1.CountryCount { Country = c.Country, Inquiries = c.Inquiries }));
        p.InquiryIds.AddRange(g.InquiryIds);
        p.Related.AddRange(g.Related.Select(x => new V1.RelatedExporter
        {
            ExporterId = x.ExporterId,
            Name = x.Name,
            Country = x.Country,
            Region = x.Region,
            Heading = x.Heading,
            Proximity = x.Proximity,
            Basis = (V1.RelatednessBasis)(int)x.Basis,
        }));
        return p;
    }
}
