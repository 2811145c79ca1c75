using Google.Rpc;
using Grpc.Core;
using Matchmaker.Tests.Support;
using Matchmaker.V1;

namespace Matchmaker.Tests.Profiles;

/// <summary>Every kind of bad input is INVALID_ARGUMENT naming the field and why (google.rpc.BadRequest), and nothing is stored.</summary>
public sealed class ValidationTests : IDisposable
{
    private readonly InProcessService _service = new();

    public static TheoryData<string, string, string> BadExporters => new()
    {
        // case, expected field, a word the reason must contain
        { "hs code of 5 digits", "exporter.products[0].hs_code", "HS code" },
        { "hs code with a letter", "exporter.products[0].hs_code", "HS code" },
        { "hs chapter 77 (reserved)", "exporter.products[0].hs_code", "HS code" },
        { "unknown country", "exporter.country", "ISO 3166-1" },
        { "missing country", "exporter.country", "must not be empty" },
        { "region of another country", "exporter.region", "ISO 3166-2" },
        { "negative capacity", "exporter.products[0].annual_capacity", "negative" },
        { "negative minimum order", "exporter.products[0].min_order_quantity", "negative" },
        { "empty id", "exporter.id", "empty" },
        { "id with spaces", "exporter.id", "may hold only" },
        { "oversize description", "exporter.description", "at most 20000" },
        { "too many products", "exporter.products", "at most 200" },
        { "unknown language", "exporter.languages[2]", "ISO 639-1" },
        { "unknown target market", "exporter.target_markets[0]", "ISO 3166-1" },
        { "negative experience", "exporter.export_experience_years", "between 0" },
        { "bad e-mail", "exporter.contact.email", "e-mail" },
    };

    public static TheoryData<string, string, string> BadInquiries => new()
    {
        { "negative quantity", "inquiry.quantity", "negative" },
        { "hs code of 3 digits", "inquiry.hs_codes[1]", "HS code" },
        { "unknown buyer country", "inquiry.buyer_country", "ISO 3166-1" },
        { "too many hs codes", "inquiry.hs_codes", "at most 50" },
        { "nothing to match on", "inquiry.hs_codes", "at least one HS code or a title" },
        { "negative price", "inquiry.target_unit_price_usd", "negative" },
        { "empty id", "inquiry.id", "empty" },
    };

    [Theory]
    [MemberData(nameof(BadExporters))]
    public async Task Bad_exporter_is_rejected_with_the_field_and_nothing_is_stored(string problem, string field, string reason)
    {
        var exporter = Samples.Exporter("EXP-1");
        switch (problem)
        {
            case "hs code of 5 digits": exporter.Products[0].HsCode = "03036"; break;
            case "hs code with a letter": exporter.Products[0].HsCode = "03a367"; break;
            case "hs chapter 77 (reserved)": exporter.Products[0].HsCode = "7701"; break;
            case "unknown country": exporter.Country = "XX"; exporter.Region = ""; break;
            case "missing country": exporter.Country = ""; exporter.Region = ""; break;
            case "region of another country": exporter.Region = "CN-HL"; break;
            case "negative capacity": exporter.Products[0].AnnualCapacity = -5; break;
            case "negative minimum order": exporter.Products[0].MinOrderQuantity = -1; break;
            case "empty id": exporter.Id = ""; break;
            case "id with spaces": exporter.Id = "EXP 1"; break;
            case "oversize description": exporter.Description = new string('x', 20_001); break;
            case "too many products":
                for (var i = 0; i < 200; i++)
                {
                    exporter.Products.Add(new Product { HsCode = "030367" });
                }

                break;
            case "unknown language": exporter.Languages.Add("xx"); break;
            case "unknown target market": exporter.TargetMarkets.Clear(); exporter.TargetMarkets.Add("QQ"); break;
            case "negative experience": exporter.ExportExperienceYears = -1; break;
            case "bad e-mail": exporter.Contact = new Contact { Name = "Ivan", Email = "ivan.example.ru" }; break;
            default: throw new ArgumentException(problem);
        }

        var e = await Assert.ThrowsAsync<RpcException>(() => _service.Profiles.UpsertExporterAsync(new UpsertExporterRequest { Exporter = exporter }).ResponseAsync);

        RpcAssert.Violation(e, field, reason);
        if (exporter.Id.Length > 0)
        {
            var get = await Assert.ThrowsAsync<RpcException>(() => _service.Profiles.GetExporterAsync(new GetExporterRequest { Id = exporter.Id.Trim() }).ResponseAsync);
            Assert.Equal(StatusCode.NotFound, get.StatusCode);
        }
    }

    [Theory]
    [MemberData(nameof(BadInquiries))]
    public async Task Bad_inquiry_is_rejected_with_the_field_and_nothing_is_stored(string problem, string field, string reason)
    {
        var inquiry = Samples.Inquiry("INQ-1", "030367", "030494");
        switch (problem)
        {
            case "negative quantity": inquiry.Quantity = -1; break;
            case "hs code of 3 digits": inquiry.HsCodes[1] = "030"; break;
            case "unknown buyer country": inquiry.BuyerCountry = "KP-"; break;
            case "too many hs codes":
                for (var i = 10; i < 61; i++)
                {
                    inquiry.HsCodes.Add($"03{i:D2}");
                }

                break;
            case "nothing to match on": inquiry.HsCodes.Clear(); inquiry.Title = ""; break;
            case "negative price": inquiry.TargetUnitPriceUsd = -3; break;
            case "empty id": inquiry.Id = ""; break;
            default: throw new ArgumentException(problem);
        }

        var e = await Assert.ThrowsAsync<RpcException>(() => _service.Profiles.UpsertInquiryAsync(new UpsertInquiryRequest { Inquiry = inquiry }).ResponseAsync);

        RpcAssert.Violation(e, field, reason);
        if (inquiry.Id.Length > 0)
        {
            var get = await Assert.ThrowsAsync<RpcException>(() => _service.Profiles.GetInquiryAsync(new GetInquiryRequest { Id = inquiry.Id }).ResponseAsync);
            Assert.Equal(StatusCode.NotFound, get.StatusCode);
        }
    }

    [Fact]
    public async Task Every_problem_of_a_record_is_reported_at_once()
    {
        var exporter = Samples.Exporter("EXP-1");
        exporter.Country = "XX";
        exporter.Products[0].HsCode = "99999";
        exporter.Products[0].AnnualCapacity = -1;

        var e = await Assert.ThrowsAsync<RpcException>(() => _service.Profiles.UpsertExporterAsync(new UpsertExporterRequest { Exporter = exporter }).ResponseAsync);

        var fields = e.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations.Select(v => v.Field).ToList();
        Assert.Contains("exporter.country", fields);
        Assert.Contains("exporter.products[0].hs_code", fields);
        Assert.Contains("exporter.products[0].annual_capacity", fields);
    }

    [Fact]
    public async Task Codes_are_normalized_not_rejected_for_their_case()
    {
        var exporter = Samples.Exporter(" EXP-9 ");
        exporter.Country = "ru";
        exporter.Region = "ru-kha";
        exporter.Languages.Clear();
        exporter.Languages.Add("RU");
        exporter.Products[0].HsCode = "0303.67";

        var stored = (await _service.Profiles.UpsertExporterAsync(new UpsertExporterRequest { Exporter = exporter })).Exporter;

        Assert.Equal(("EXP-9", "RU", "RU-KHA", "ru", "030367"), (stored.Id, stored.Country, stored.Region, stored.Languages.Single(), stored.Products[0].HsCode));
    }

    [Fact]
    public async Task Bad_match_filters_are_rejected_rather_than_matching_nothing()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => _service.Matches.MatchInquiryAsync(new MatchInquiryRequest
        {
            Inquiry = Samples.Inquiry("Q"),
            Filters = new ExporterFilters { Countries = { "RU", "ZZ" } },
        }).ResponseAsync);

        RpcAssert.Violation(e, "filters.countries[1]", "ISO 3166-1");
    }

    [Theory]
    [InlineData("XX-KHA")]
    [InlineData("RU-")]
    [InlineData("KHA")]
    public async Task A_region_filter_must_name_a_region_of_a_real_country(string region)
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => _service.Matches.MatchInquiryAsync(new MatchInquiryRequest
        {
            Inquiry = Samples.Inquiry("Q"),
            Filters = new ExporterFilters { Regions = { "RU-KHA", region } },
        }).ResponseAsync);

        RpcAssert.Violation(e, "filters.regions[1]", "ISO 3166-2");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(501)]
    public async Task Top_k_out_of_range_is_rejected(int topK)
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => _service.Matches.MatchInquiryAsync(new MatchInquiryRequest { Inquiry = Samples.Inquiry("Q"), TopK = topK }).ResponseAsync);

        RpcAssert.Violation(e, "top_k", "between 1 and 500");
    }

    public void Dispose() => _service.Dispose();
}
