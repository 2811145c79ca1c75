using Matchmaker.Features;
using Matchmaker.Feedback;
using Matchmaker.Profiles;
using static Matchmaker.Features.FeatureSchema;

namespace Matchmaker.Tests.Features;

/// <summary>Each feature's value on hand-built pairs, as documented in the README's feature table.</summary>
public sealed class FeatureTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly ProductSpace _space = new();
    private readonly FeedbackLedger _ledger = new();

    private FeatureExtractor Extractor => new(_space, _ledger);

    [Fact]
    public void Hs_match_and_shared_digits_follow_the_code_hierarchy()
    {
        var q = Inquiry("Q", "030367");

        Assert.Equal([1f, 6f], Values(q, Exporter("E", "030367"), HsMatch, HsSharedDigits));
        Assert.Equal([0.6f, 4f], Values(q, Exporter("E", "030389"), HsMatch, HsSharedDigits));
        Assert.Equal([0.3f, 2f], Values(q, Exporter("E", "030420"), HsMatch, HsSharedDigits));
        Assert.Equal([0f, 0f], Values(q, Exporter("E", "440711"), HsMatch, HsSharedDigits));
        // A finer product inside a heading the buyer asks for is a full match.
        Assert.Equal(1f, Values(Inquiry("Q", "0303"), Exporter("E", "030367"), HsMatch)[0]);
    }

    [Fact]
    public void Product_relatedness_is_the_product_space_proximity_of_the_closest_other_heading()
    {
        // Three firms make both 0303 and 0304, one only 0303, one 0304 and 4407:
        // P(0303|0304) = P(0304|0303) = 3/4. 0304–4407 share a single firm: too few to count.
        foreach (var id in new[] { "F1", "F2", "F3" })
        {
            _space.Apply(Exporter(id, "030367", "030420"), deleted: false);
        }

        _space.Apply(Exporter("F4", "030367"), deleted: false);
        _space.Apply(Exporter("F5", "030420", "440711"), deleted: false);

        Assert.Equal(0.75, _space.Proximity("0303", "0304"), 6);
        Assert.Equal(0.0, _space.Proximity("0304", "4407"), 6);
        var q = Inquiry("Q", "030367");
        Assert.Equal(0.75f, Values(q, Exporter("E", "030420"), ProductRelatedness)[0], 5);
        Assert.Equal(0f, Values(q, Exporter("E", "440711"), ProductRelatedness)[0]);
        // The same heading is hs_match's business, not relatedness.
        Assert.Equal(0f, Values(q, Exporter("E", "030389"), ProductRelatedness)[0]);

        // Counts follow the store: with F1 deleted, 2 of 3 firms making 0303 also make 0304.
        _space.Apply(Exporter("F1", "030367", "030420"), deleted: true);
        Assert.Equal(2.0 / 3, _space.Proximity("0303", "0304"), 6);
        // A deactivated firm counts for nothing either.
        _space.Apply(Exporter("F2", "030367", "030420") with { Active = false }, deleted: false);
        Assert.Equal(0.0, _space.Proximity("0303", "0304"), 6);
    }

    [Fact]
    public void Market_and_supplier_country_are_one_zero_or_unknown()
    {
        var q = Inquiry("Q") with { BuyerCountry = "KR", PreferredSupplierCountries = ["RU"] };

        Assert.Equal([1f, 1f], Values(q, Exporter("E") with { TargetMarkets = ["KR"], Country = "RU" }, TargetMarket, SupplierCountry));
        Assert.Equal([0f, 0f], Values(q, Exporter("E") with { TargetMarkets = ["CN"], Country = "MN" }, TargetMarket, SupplierCountry));
        Assert.Equal([0.5f, 0.5f], Values(q with { PreferredSupplierCountries = [] }, Exporter("E") with { TargetMarkets = [] }, TargetMarket, SupplierCountry));
    }

    [Fact]
    public void Certification_coverage_is_the_share_of_required_certificates_held()
    {
        var q = Inquiry("Q") with { RequiredCertifications = ["HACCP", "Halal"] };

        Assert.Equal(0.5f, Values(q, Exporter("E") with { Certifications = ["haccp"] }, CertificationCoverage)[0]);
        Assert.Equal(1f, Values(q, Exporter("E") with { Certifications = ["HACCP", "HALAL", "ISO 9001"] }, CertificationCoverage)[0]);
        Assert.Equal(1f, Values(q with { RequiredCertifications = [] }, Exporter("E"), CertificationCoverage)[0]);
    }

    [Fact]
    public void Capacity_and_minimum_order_fit_compare_volumes_in_the_same_unit()
    {
        var q = Inquiry("Q") with { Quantity = 100, Unit = "t" };
        var product = new Product { HsCode = "030367", AnnualCapacity = 50, MinOrderQuantity = 200, Unit = "t" };

        Assert.Equal([0.5f, 0.5f, 0.25f], Values(q, Exporter("E") with { Products = [product] }, CapacityFit, MinOrderFit, VolumeFit));
        Assert.Equal([1f, 1f, 1f], Values(q, Exporter("E") with { Products = [product with { AnnualCapacity = 500, MinOrderQuantity = 20 }] },
            CapacityFit, MinOrderFit, VolumeFit));
        // Other unit, or no quantity: not comparable.
        Assert.Equal([0.5f, 0.5f, 0.5f], Values(q, Exporter("E") with { Products = [product with { Unit = "m3" }] }, CapacityFit, MinOrderFit, VolumeFit));
        Assert.Equal([0.5f, 0.5f, 0.5f], Values(q with { Quantity = 0 }, Exporter("E") with { Products = [product] }, CapacityFit, MinOrderFit, VolumeFit));
    }

    [Fact]
    public void Languages_experience_and_markets()
    {
        var q = Inquiry("Q") with { Languages = ["ko", "en"] };

        Assert.Equal(1f, Values(q, Exporter("E") with { Languages = ["ru", "en"] }, LanguageOverlap)[0]);
        Assert.Equal(0f, Values(q, Exporter("E") with { Languages = ["ru"] }, LanguageOverlap)[0]);
        Assert.Equal(0.5f, Values(q, Exporter("E") with { Languages = [] }, LanguageOverlap)[0]);
        Assert.Equal([0.5f, 0.25f], Values(q, Exporter("E") with { ExportExperienceYears = 5, ExportMarketsCount = 5 }, ExportExperience, ExportMarkets));
        Assert.Equal([1f, 1f], Values(q, Exporter("E") with { ExportExperienceYears = 40, ExportMarketsCount = 90 }, ExportExperience, ExportMarkets));
    }

    [Fact]
    public void Text_relevance_is_passed_through_and_clamped()
    {
        Assert.Equal(0.42f, Extractor.Extract(Inquiry("Q"), Exporter("E"), 0.42)[TextRelevance], 6);
        Assert.Equal(1f, Extractor.Extract(Inquiry("Q"), Exporter("E"), 3.0)[TextRelevance]);
    }

    [Fact]
    public void Exporter_history_leaves_out_the_pair_being_scored()
    {
        _ledger.Add(
        [
            new FeedbackEvent("Q1", "E", FeedbackKind.Contact, T0.AddDays(1)),
            new FeedbackEvent("Q2", "E", FeedbackKind.Impression, T0.AddDays(2)),
            new FeedbackEvent("Q3", "E", FeedbackKind.MeetingRequested, T0.AddDays(3)),
            new FeedbackEvent("Q3", "E", FeedbackKind.MeetingHeld, T0.AddDays(4)),
            // The outcome of the pair being scored: must not feed its own features.
            new FeedbackEvent("Q0", "E", FeedbackKind.MeetingRequested, T0.AddDays(5)),
            new FeedbackEvent("Q0", "E", FeedbackKind.ContractSigned, T0.AddDays(6)),
        ]);

        var own = Values(Inquiry("Q0"), Exporter("E"), ExporterEngagementRate, ExporterMeetingRate);
        var other = Values(Inquiry("Q9"), Exporter("E"), ExporterEngagementRate, ExporterMeetingRate);

        // The population (every exporter: here E alone, Q0 included) is 4 pairs, 3 engaged, 2 of 2
        // meetings held; its rates shrunk towards 0.1 (10 pairs) and 0.5 (5 meetings).
        const float engagementPrior = (3 + 1) / 14f, meetingPrior = (2 + 2.5f) / 7f;
        // Q1, Q2, Q3: 3 pairs, 2 engaged, 1 of 1 meetings held; shrunk towards the population.
        Assert.Equal((2 + (10 * engagementPrior)) / 13f, own[0], 5);
        Assert.Equal((1 + (5 * meetingPrior)) / 6f, own[1], 5);
        // Another inquiry sees Q0's contract too: 4 pairs, 3 engaged, 2 of 2 meetings held.
        Assert.Equal((3 + (10 * engagementPrior)) / 14f, other[0], 5);
        Assert.Equal((2 + (5 * meetingPrior)) / 7f, other[1], 5);
        // No history: exactly the population's rates, an average exporter, not a bad one.
        Assert.Equal([engagementPrior, meetingPrior], Values(Inquiry("Q0"), Exporter("NEW"), ExporterEngagementRate, ExporterMeetingRate));
    }

    [Fact]
    public void Exporter_history_as_of_a_moment_counts_only_what_was_known_then()
    {
        _ledger.Add(
        [
            new FeedbackEvent("Q1", "E", FeedbackKind.Contact, T0.AddDays(1)),
            new FeedbackEvent("Q2", "E", FeedbackKind.Contact, T0.AddDays(10)),
        ]);

        var row = Extractor.Extract(Inquiry("Q0"), Exporter("E"), 0, asOf: T0.AddDays(5));

        // Q1 only (Q2 came later); the prior is the population's rate now (2 of 2 engaged, shrunk).
        const float prior = (2 + 1) / 12f;
        Assert.Equal((1 + (10 * prior)) / 11f, row[ExporterEngagementRate], 5);
    }

    [Fact]
    public void The_schema_hash_changes_with_any_change_to_the_feature_list()
    {
        Assert.Equal(Count, Names.Count);
        Assert.Equal(Names.Count, Names.Distinct().Count());
        Assert.NotEqual(Hash, HashOf(Names.Reverse()));
        Assert.NotEqual(Hash, HashOf(Names.Take(Count - 1)));
        Assert.Equal(Hash, HashOf([.. Names]));
    }

    [Fact]
    public void The_readme_documents_every_feature_in_one_table()
    {
        var readme = File.ReadAllText(Path.Combine(Support.RepoPaths.Root, "README.md"));

        foreach (var feature in FeatureSchema.Features)
        {
            Assert.Contains($"| `{feature.Name}` |", readme, StringComparison.Ordinal);
        }

        Assert.Contains($"Schema hash `{FeatureSchema.Hash}`", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void The_formula_score_is_the_baseline_formula_over_the_other_features()
    {
        var good = Extractor.Extract(Inquiry("Q"), Exporter("E"), 0.9);
        var poor = Extractor.Extract(Inquiry("Q"), Exporter("E", "440710"), 0.1);

        Assert.Equal(Matchmaker.Ranking.BaselineRanker.Instance.Score(good), good[FormulaScore], 5);
        Assert.Equal(Matchmaker.Ranking.BaselineRanker.Instance.Score(poor), poor[FormulaScore], 5);
        Assert.True(good[FormulaScore] > poor[FormulaScore]);
    }

    private float[] Values(Inquiry inquiry, Exporter exporter, params int[] features)
    {
        var row = Extractor.Extract(inquiry, exporter, 0.5);
        return [.. features.Select(f => row[f])];
    }

    private static Inquiry Inquiry(string id, params string[] codes) => new()
    {
        Id = id,
        BuyerCountry = "KR",
        HsCodes = codes.Length > 0 ? codes : ["030367"],
        Quantity = 100,
        Unit = "t",
    };

    private static Exporter Exporter(string id, params string[] codes) => new()
    {
        Id = id,
        Country = "RU",
        Active = true,
        Products = [.. (codes.Length > 0 ? codes : ["030367"]).Select(c => new Product { HsCode = c, Unit = "t", AnnualCapacity = 1000 })],
    };
}
