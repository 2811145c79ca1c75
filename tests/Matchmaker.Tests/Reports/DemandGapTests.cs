using Grpc.Core;
using Matchmaker.Tests.Events;
using Matchmaker.Tests.Support;
using Matchmaker.V1;

namespace Matchmaker.Tests.Reports;

/// <summary>
/// GetDemandGaps over gRPC on a real store: which headings count as unserved (too few good makers
/// among the matches, no meeting with one), the buyers' countries, and the exporters of related
/// headings from the store, from a configured product-space network, or from the same chapter.
/// </summary>
public sealed class DemandGapTests : IDisposable
{
    private static readonly string Today = FairSetup.Today;
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>The fair of the event tests (buyers B-1, B-2 wanting 030367; fish exporters EXP-1, EXP-2; timber EXP-3), a caviar maker and a crab-meat inquiry from China.</summary>
    private static async Task<ReportService.ReportServiceClient> SetUpAsync(InProcessService service)
    {
        await FairSetup.CreateAsync(service, "FAIR", "Asia/Vladivostok", "2026-12-03");
        await service.Profiles.UpsertExporterAsync(new UpsertExporterRequest { Exporter = Samples.Exporter("EXP-C1", "160431") });
        var crab = Samples.Inquiry("Q-CRAB", "160510");
        crab.BuyerId = "B-9";
        crab.BuyerCountry = "CN";
        crab.Title = "Canned crab meat for Harbin";
        await service.Profiles.UpsertInquiryAsync(new UpsertInquiryRequest { Inquiry = crab });
        return new ReportService.ReportServiceClient(service.Channel);
    }

    [Fact]
    public async Task Headings_with_too_few_good_makers_are_gaps_until_a_meeting_serves_the_buyer()
    {
        using var service = FairSetup.Service();
        var reports = await SetUpAsync(service);

        var report = await reports.GetDemandGapsAsync(new GetDemandGapsRequest { From = Today, To = Today });

        Assert.Equal(3, report.Inquiries);
        Assert.Equal(3, report.GoodExporters);
        // 0303: two makers for two inquiries, fewer than three good ones each.
        var fish = report.Gaps.Single(g => g.Heading == "0303");
        Assert.Equal(2, fish.Inquiries);
        Assert.Equal(2, fish.Makers);
        Assert.Equal(2, fish.MeanMakersMatched);
        Assert.Equal(["Q-1", "Q-2"], fish.InquiryIds);
        Assert.Equal("KR", Assert.Single(fish.BuyerCountries).Country);
        // 1605: nobody makes it; the caviar maker is the closest known (same chapter, nothing in the store relates 1605).
        var crab = report.Gaps.Single(g => g.Heading == "1605");
        Assert.Equal(0, crab.Makers);
        Assert.Equal(0, crab.BestScore);
        Assert.Equal("Canned crab meat for Harbin", crab.Label);
        Assert.Equal(new CountryCount { Country = "CN", Inquiries = 1 }, Assert.Single(crab.BuyerCountries));
        var related = Assert.Single(crab.Related);
        Assert.Equal(("EXP-C1", "1604", RelatednessBasis.SameChapter), (related.ExporterId, related.Heading, related.Basis));
        Assert.Equal("", report.NetworkSource);

        // A second buyer's inquiry for it: the heading is named by what the titles share, not by one buyer's city.
        var osaka = Samples.Inquiry("Q-CRAB-2", "1605");
        (osaka.BuyerId, osaka.BuyerCountry, osaka.Title) = ("B-10", "JP", "Canned crab meat for Osaka");
        await service.Profiles.UpsertInquiryAsync(new UpsertInquiryRequest { Inquiry = osaka });
        crab = (await reports.GetDemandGapsAsync(new GetDemandGapsRequest { From = Today, To = Today })).Gaps.Single(g => g.Heading == "1605");
        Assert.Equal(("Canned crab meat", 2, 2), (crab.Label, crab.Inquiries, crab.Buyers));
        Assert.Equal(["CN", "JP"], crab.BuyerCountries.Select(c => c.Country));

        // B-1 meets EXP-1 at the fair: Q-1 is served, Q-2 is still a gap.
        await service.Events.AddMeetingAsync(new AddMeetingRequest { EventId = "FAIR", A = "B-1", B = "EXP-1", Date = "2026-12-03", Start = "09:20", TableId = "T2" });
        fish = (await reports.GetDemandGapsAsync(new GetDemandGapsRequest { From = Today, To = Today })).Gaps.Single(g => g.Heading == "0303");
        Assert.Equal(["Q-2"], fish.InquiryIds);
        Assert.Equal(2, fish.InquiriesWanting);

        // A third good maker serves the heading for everyone.
        await service.Profiles.UpsertExporterAsync(new UpsertExporterRequest { Exporter = Samples.Exporter("EXP-4", "030367") });
        report = await reports.GetDemandGapsAsync(new GetDemandGapsRequest { From = Today, To = Today });
        Assert.DoesNotContain(report.Gaps, g => g.Heading == "0303");
        Assert.Equal("1605", Assert.Single(report.Gaps).Heading);
    }

    [Fact]
    public async Task A_configured_network_relates_a_heading_nobody_makes_and_a_region_filter_limits_the_supply()
    {
        var network = Path.Combine(_files.Path, "network.csv");
        await File.WriteAllTextAsync(network, "heading_a,heading_b,proximity\n1605,0303,0.8\n1605,9999,0.9\n");
        var labels = Path.Combine(_files.Path, "hs.csv");
        await File.WriteAllTextAsync(labels, "section,hscode,description,parent,level\nIV,1605,\"Crustaceans, molluscs; prepared or preserved\",16,4\n");
        using var service = FairSetup.Service(("Matchmaker:Reports:ProductSpaceFile", network), ("Matchmaker:Reports:HsNomenclatureFile", labels));
        var reports = await SetUpAsync(service);
        var primorye = Samples.Exporter("EXP-P1", "160431");
        primorye.Region = "RU-PRI";
        await service.Profiles.UpsertExporterAsync(new UpsertExporterRequest { Exporter = primorye });

        var crab = (await reports.GetDemandGapsAsync(new GetDemandGapsRequest { From = Today, To = Today })).Gaps.Single(g => g.Heading == "1605");

        Assert.Equal("Crustaceans, molluscs; prepared or preserved", crab.Label);
        // The network's neighbour first (its unknown heading 9999 ignored), then the same chapter's makers.
        Assert.Equal(["EXP-1", "EXP-2", "EXP-C1", "EXP-P1"], crab.Related.Select(r => r.ExporterId));
        Assert.All(crab.Related.Take(2), r => Assert.Equal(("0303", 0.8, RelatednessBasis.Network), (r.Heading, r.Proximity, r.Basis)));
        Assert.All(crab.Related.Skip(2), r => Assert.Equal(("1604", RelatednessBasis.SameChapter), (r.Heading, r.Basis)));

        var regional = await reports.GetDemandGapsAsync(new GetDemandGapsRequest { From = Today, To = Today, ExporterRegions = { "RU-PRI" } });
        Assert.Equal("network.csv", regional.NetworkSource);
        crab = regional.Gaps.Single(g => g.Heading == "1605");
        Assert.Equal(("EXP-P1", RelatednessBasis.SameChapter), (Assert.Single(crab.Related).ExporterId, crab.Related[0].Basis));
        // Supply outside the region does not count: 0303's makers are in Khabarovsk Krai.
        Assert.Equal(0, regional.Gaps.Single(g => g.Heading == "0303").Makers);
    }

    [Fact]
    public async Task A_period_is_checked_and_one_without_inquiries_has_no_gaps()
    {
        using var service = FairSetup.Service();
        var reports = await SetUpAsync(service);

        var backwards = await Assert.ThrowsAsync<RpcException>(() => reports.GetDemandGapsAsync(new GetDemandGapsRequest { From = Today, To = "2020-01-01" }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, backwards.StatusCode);
        Assert.Contains("to", backwards.Status.Detail, StringComparison.Ordinal);
        var missing = await Assert.ThrowsAsync<RpcException>(() => reports.GetDemandGapsAsync(new GetDemandGapsRequest { To = Today }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, missing.StatusCode);

        // A mistyped region or country is refused, not read as "no supply anywhere".
        var region = await Assert.ThrowsAsync<RpcException>(() => reports.GetDemandGapsAsync(
            new GetDemandGapsRequest { From = Today, To = Today, ExporterRegions = { "XX-NOPE" } }).ResponseAsync);
        RpcAssert.Violation(region, "exporter_regions[0]", "ISO 3166-2");
        var country = await Assert.ThrowsAsync<RpcException>(() => reports.GetDemandGapsAsync(
            new GetDemandGapsRequest { From = Today, To = Today, ExporterCountries = { "zz" } }).ResponseAsync);
        RpcAssert.Violation(country, "exporter_countries[0]", "ISO 3166-1");

        var later = await reports.GetDemandGapsAsync(new GetDemandGapsRequest { From = "2099-01-01", To = "2099-12-31" });
        Assert.Equal(0, later.Inquiries);
        Assert.Empty(later.Gaps);
    }
}
