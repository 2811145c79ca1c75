using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Matchmaker.Tests.Support;
using Matchmaker.V1;

namespace Matchmaker.Tests.Matching;

/// <summary>What a portal sees of MatchInquiry and MatchExporter: ranking, filters, visibility of every change.</summary>
public sealed class MatchingTests : IDisposable
{
    private readonly InProcessService _service = new();

    [Fact]
    public async Task Exact_subheading_ranks_above_same_heading_above_same_chapter()
    {
        // Identical exporters but for their HS code; one outside the chapter must not appear at all.
        await Upsert(Samples.Exporter("CHAPTER", "030494"));
        await Upsert(Samples.Exporter("HEADING", "030389"));
        await Upsert(Samples.Exporter("EXACT", "030367"));
        await Upsert(Samples.Exporter("OTHER", "440711"));

        var list = await MatchInline(Samples.Inquiry("Q", "030367"));

        Assert.Equal(["EXACT", "HEADING", "CHAPTER"], list.Matches.Select(m => m.ExporterId));
        Assert.Equal([1, 2, 3], list.Matches.Select(m => m.Rank));
        Assert.True(list.Matches[0].Score > list.Matches[1].Score && list.Matches[1].Score > list.Matches[2].Score);
        Assert.Contains("exact subheading 030367", list.Matches[0].Reasons[0].Text, StringComparison.Ordinal);
        Assert.Contains("heading 0303", list.Matches[1].Reasons.First(r => r.Feature == "hs_match").Text, StringComparison.Ordinal);
        Assert.Contains("chapter 03", list.Matches[2].Reasons.First(r => r.Feature == "hs_match").Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_heading_inquiry_finds_exporters_of_every_subheading_below_it()
    {
        await Upsert(Samples.Exporter("FILLETS", "030494"));
        await Upsert(Samples.Exporter("POLLOCK", "030367"));

        var list = await MatchInline(Samples.Inquiry("Q", "0303"));

        Assert.Equal("POLLOCK", list.Matches[0].ExporterId);
        Assert.Equal(1.0, list.Matches[0].Reasons.First(r => r.Feature == "hs_match").Value);
    }

    [Fact]
    public async Task Every_match_carries_reasons_and_explain_gives_all_of_them()
    {
        await Upsert(Samples.Exporter("EXP-1"));

        var brief = await MatchInline(Samples.Inquiry("Q"));
        var full = await _service.Matches.MatchInquiryAsync(new MatchInquiryRequest { Inquiry = Samples.Inquiry("Q"), Explain = true });

        Assert.InRange(brief.Matches[0].Reasons.Count, 1, 3);

        // Every weighted feature that added something; no "+0.000" rows (its text matches none of the inquiry's words).
        Assert.Equal(7, full.Matches[0].Reasons.Count);
        Assert.DoesNotContain(full.Matches[0].Reasons, r => r.Feature == "text_relevance");
        Assert.All(full.Matches[0].Reasons, r => Assert.True(r.Contribution >= 0.0005));
        Assert.All(full.Matches[0].Reasons, r => Assert.False(string.IsNullOrWhiteSpace(r.Text)));
        Assert.Equal(full.Matches[0].Score, full.Matches[0].Reasons.Sum(r => r.Contribution), 6);
        Assert.Equal("baseline-v1", full.ModelVersion);
        Assert.False(full.FromCache);
    }

    [Fact]
    public async Task Deleted_and_deactivated_exporters_disappear_from_the_next_match()
    {
        await Upsert(Samples.Exporter("STAYS"));
        await Upsert(Samples.Exporter("DELETED"));
        await Upsert(Samples.Exporter("PAUSED"));
        var inquiry = Samples.Inquiry("INQ-1");
        await _service.Profiles.UpsertInquiryAsync(new UpsertInquiryRequest { Inquiry = inquiry });
        Assert.Equal(3, (await MatchStored("INQ-1")).Matches.Count);

        await _service.Profiles.DeleteExporterAsync(new DeleteExporterRequest { Id = "DELETED" });
        var paused = Samples.Exporter("PAUSED");
        paused.Active = false;
        await Upsert(paused);

        Assert.Equal(["STAYS"], (await MatchStored("INQ-1")).Matches.Select(m => m.ExporterId));

        paused.Active = true;
        await Upsert(paused);
        Assert.Equal(["PAUSED", "STAYS"], (await MatchStored("INQ-1")).Matches.Select(m => m.ExporterId).Order());
    }

    [Fact]
    public async Task An_updated_profile_moves_in_the_next_list()
    {
        await Upsert(Samples.Exporter("A", "030389"));
        await Upsert(Samples.Exporter("B", "030367"));
        Assert.Equal("B", (await MatchInline(Samples.Inquiry("Q", "030367"))).Matches[0].ExporterId);

        await Upsert(Samples.Exporter("A", "030367"));
        await Upsert(Samples.Exporter("B", "030494"));

        Assert.Equal(["A", "B"], (await MatchInline(Samples.Inquiry("Q", "030367"))).Matches.Select(m => m.ExporterId));
    }

    [Fact]
    public async Task Reverse_matching_returns_only_open_unexpired_inquiries()
    {
        await Upsert(Samples.Exporter("EXP-1", "030367"));
        var open = Samples.Inquiry("OPEN", "0303");
        var closed = Samples.Inquiry("CLOSED", "030367");
        var expired = Samples.Inquiry("EXPIRED", "030367");
        expired.ValidUntil = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(-1));
        var unrelated = Samples.Inquiry("TIMBER", "440711");
        var noExpiry = Samples.Inquiry("NO-EXPIRY", "03");
        noExpiry.ValidUntil = null;
        foreach (var q in new[] { open, closed, expired, unrelated, noExpiry })
        {
            await _service.Profiles.UpsertInquiryAsync(new UpsertInquiryRequest { Inquiry = q });
        }

        await _service.Profiles.CloseInquiryAsync(new CloseInquiryRequest { Id = "CLOSED" });

        var list = await _service.Matches.MatchExporterAsync(new MatchExporterRequest { ExporterId = "EXP-1" });

        Assert.Equal("EXP-1", list.ExporterId);
        Assert.Equal(["NO-EXPIRY", "OPEN"], list.Matches.Select(m => m.InquiryId).Order());
        Assert.All(list.Matches, m => Assert.Equal("Wanted", m.DisplayName));
    }

    [Fact]
    public async Task Reverse_matching_filters_by_buyer_country()
    {
        await Upsert(Samples.Exporter("EXP-1", "030367"));
        var korean = Samples.Inquiry("KR-1");
        var japanese = Samples.Inquiry("JP-1");
        japanese.BuyerCountry = "JP";
        await _service.Profiles.UpsertInquiryAsync(new UpsertInquiryRequest { Inquiry = korean });
        await _service.Profiles.UpsertInquiryAsync(new UpsertInquiryRequest { Inquiry = japanese });

        var list = await _service.Matches.MatchExporterAsync(new MatchExporterRequest { ExporterId = "EXP-1", Filters = new InquiryFilters { BuyerCountries = { "jp" } } });

        Assert.Equal(["JP-1"], list.Matches.Select(m => m.InquiryId));
    }

    [Fact]
    public async Task An_inline_inquiry_is_matched_but_never_stored()
    {
        await Upsert(Samples.Exporter("EXP-1"));

        var list = await MatchInline(Samples.Inquiry("DRAFT-1"));

        Assert.Equal("EXP-1", list.Matches.Single().ExporterId);
        var get = await Assert.ThrowsAsync<RpcException>(() => _service.Profiles.GetInquiryAsync(new GetInquiryRequest { Id = "DRAFT-1" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task Hard_filters_restrict_country_region_and_certifications()
    {
        var chinese = Samples.Exporter("CN-1");
        chinese.Country = "CN";
        chinese.Region = "CN-HL";
        await Upsert(chinese);
        var primorsky = Samples.Exporter("PRI-1");
        primorsky.Region = "RU-PRI";
        primorsky.Certifications.Add("MSC");
        await Upsert(primorsky);
        await Upsert(Samples.Exporter("KHA-1"));

        async Task<IEnumerable<string>> Ids(ExporterFilters f) =>
            (await _service.Matches.MatchInquiryAsync(new MatchInquiryRequest { Inquiry = Samples.Inquiry("Q"), Filters = f })).Matches.Select(m => m.ExporterId).Order();

        Assert.Equal(["KHA-1", "PRI-1"], await Ids(new ExporterFilters { Countries = { "RU" } }));
        Assert.Equal(["KHA-1"], await Ids(new ExporterFilters { Regions = { "RU-KHA" } }));
        Assert.Equal(["PRI-1"], await Ids(new ExporterFilters { Certifications = { "haccp", "MSC" } }));
    }

    [Theory]
    [InlineData("Мороженый минтай, филе", "Ищем мороженого минтая")] // Russian: different word forms
    [InlineData("Frozen pollock fillets, blocks", "pollock block")] // English: plural vs singular
    [InlineData("冷冻狭鳕鱼 出口", "求购狭鳕鱼")] // Chinese: no spaces between words
    [InlineData("냉동 명태 수출", "명태 구매")] // Korean
    public async Task Text_only_inquiries_match_across_languages_and_word_forms(string exporterText, string inquiryTitle)
    {
        var speaks = Samples.Exporter("SPEAKS", "440711");
        speaks.Description = exporterText;
        await Upsert(speaks);
        var silent = Samples.Exporter("SILENT", "440711");
        silent.Description = "Sawn timber";
        await Upsert(silent);
        var inquiry = Samples.Inquiry("Q");
        inquiry.HsCodes.Clear();
        inquiry.Title = inquiryTitle;

        var list = await MatchInline(inquiry);

        Assert.Equal("SPEAKS", list.Matches.Single().ExporterId);
    }

    [Fact]
    public async Task A_lists_first_k_are_the_same_whatever_top_k_asks_for()
    {
        // 250 exporters of the exact code that fit the buyer badly otherwise (retrieval ranks them first), and 70 of the
        // same heading that fit it well in every other way (retrieved after them): a list ranked from more candidates
        // for a larger top_k would put the latter first.
        await Import(Enumerable.Range(0, 320).Select(i =>
        {
            var exact = i < 250;
            var e = Samples.Exporter($"EXP-{i:000}", exact ? "030367" : "030389");
            e.ExportExperienceYears = exact ? 0 : 20 + (i % 7);
            e.Country = exact ? "CN" : "RU";
            e.Region = exact ? "" : "RU-KHA";
            e.Languages.Clear();
            e.Languages.Add(exact ? "zh" : "ko");
            e.TargetMarkets.Clear();
            e.TargetMarkets.Add(exact ? "US" : "KR");
            return e;
        }));
        var inquiry = Samples.Inquiry("Q", "030367");
        inquiry.Title = "frozen pollock fillets";

        var lists = new Dictionary<int, List<string>>();
        foreach (var top in new[] { 10, 100, 200, 201, 300 })
        {
            lists[top] = [.. (await _service.Matches.MatchInquiryAsync(new MatchInquiryRequest { Inquiry = inquiry, TopK = top })).Matches.Select(m => m.ExporterId)];
            Assert.Equal(top, lists[top].Count);
        }

        foreach (var (shorter, longer) in new[] { (10, 100), (100, 200), (200, 201), (201, 300), (10, 300) })
        {
            Assert.Equal(lists[shorter], lists[longer].Take(shorter));
        }
    }

    [Fact]
    public async Task Ties_at_the_retrieval_cut_off_go_to_the_lower_id_whatever_the_order_of_writes()
    {
        // 260 identical exporters written from the highest id down, in several batches (segments): all tie, and only
        // 200 are retrieved. Lucene alone would keep the first written (the highest ids).
        foreach (var batch in Enumerable.Range(0, 260).Reverse().Chunk(65))
        {
            await Import(batch.Select(i => Samples.Exporter($"EXP-{i:000}")));
        }

        var list = await _service.Matches.MatchInquiryAsync(new MatchInquiryRequest { Inquiry = Samples.Inquiry("Q"), TopK = 10 });

        Assert.Equal(200, list.CandidatesConsidered);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"EXP-{i:000}"), list.Matches.Select(m => m.ExporterId));
    }

    [Fact]
    public async Task Matching_an_unknown_inquiry_is_not_found()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => MatchStored("missing"));
        Assert.Equal(StatusCode.NotFound, e.StatusCode);
    }

    public void Dispose() => _service.Dispose();

    private Task<UpsertExporterResponse> Upsert(ExporterProfile exporter) =>
        _service.Profiles.UpsertExporterAsync(new UpsertExporterRequest { Exporter = exporter }).ResponseAsync;

    private Task<ImportSummary> Import(IEnumerable<ExporterProfile> exporters) => _service.Profiles.ImportExporters().ImportAsync(exporters);

    private Task<MatchList> MatchInline(BuyerInquiry inquiry) =>
        _service.Matches.MatchInquiryAsync(new MatchInquiryRequest { Inquiry = inquiry }).ResponseAsync;

    private Task<MatchList> MatchStored(string id) =>
        _service.Matches.MatchInquiryAsync(new MatchInquiryRequest { InquiryId = id }).ResponseAsync;
}
