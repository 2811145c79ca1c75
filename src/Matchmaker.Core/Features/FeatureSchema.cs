using System.Security.Cryptography;
using System.Text;

namespace Matchmaker.Features;

/// <summary>
/// The pair feature vector: one row per (inquiry, exporter), the same code for training and serving.
/// A model records <see cref="Hash"/>; serving refuses a model trained on another schema. Adding,
/// removing, renaming or reordering a feature changes the hash, so old models are refused rather
/// than fed shifted columns. "Unknown" (a side did not say) is 0.5: neither for nor against; an
/// exporter without a record has the population's rates, not zero (no feature counts how much
/// record there is, so a model cannot learn to bury newcomers).
/// </summary>
public static class FeatureSchema
{
    public const int TextRelevance = 0, HsMatch = 1, HsSharedDigits = 2, ProductRelatedness = 3, TargetMarket = 4,
        SupplierCountry = 5, CertificationCoverage = 6, CapacityFit = 7, MinOrderFit = 8, VolumeFit = 9,
        LanguageOverlap = 10, ExportExperience = 11, ExportMarkets = 12, ExporterEngagementRate = 13,
        ExporterMeetingRate = 14, FormulaScore = 15;

    public const int Count = 16;

    public static IReadOnlyList<FeatureInfo> Features { get; } =
    [
        new("text_relevance", "BM25 score of the inquiry's title and description against the exporter's profile text, divided by the best score among the candidates", "0–1", "Lucene index"),
        new("hs_match", "1 if a product's HS code lies inside a code the buyer wants, 0.6 same heading, 0.3 same chapter, else 0", "0, 0.3, 0.6, 1", "profiles"),
        new("hs_shared_digits", "longest HS prefix shared by a wanted code and a product code (6, 4, 2 or 0 digits)", "0, 2, 4, 6", "profiles"),
        new("product_relatedness", "Product Space proximity, min(P(a|b), P(b|a)) over the active exporters in the store, of the closest pair (wanted heading a, different heading b the exporter makes)", "0–1", "store (all exporters)"),
        new("target_market", "1 if the buyer's country is among the exporter's target markets, 0 if not, 0.5 if the exporter lists none", "0, 0.5, 1", "profiles"),
        new("supplier_country", "1 if the exporter's country is among the buyer's preferred supplier countries, 0 if not, 0.5 if the buyer prefers none", "0, 0.5, 1", "profiles"),
        new("certification_coverage", "share of the buyer's required certifications the exporter holds (1 when none required)", "0–1", "profiles"),
        new("capacity_fit", "annual capacity of the best-matching product over the quantity wanted, capped at 1; 0.5 when not comparable (no quantity, no capacity, other unit)", "0–1", "profiles"),
        new("min_order_fit", "1 if the product's minimum order is at most the quantity wanted, else quantity / minimum order; 0.5 when not comparable", "0–1", "profiles"),
        new("volume_fit", "capacity_fit × min_order_fit when comparable, else 0.5 (the baseline formula's volume term)", "0–1", "profiles"),
        new("language_overlap", "1 if the two sides share a language, 0 if not, 0.5 if either lists none", "0, 0.5, 1", "profiles"),
        new("export_experience", "years of export experience / 10, capped at 1", "0–1", "profiles"),
        new("export_markets", "number of export markets / 20, capped at 1", "0–1", "profiles"),
        new("exporter_engagement_rate", "share of the exporter's pairs with other inquiries where the buyer reached out (contact or further), shrunk towards all exporters' rate with the weight of 10 pairs: a newcomer has exactly the average rate", "0–1", "feedback (this pair excluded)"),
        new("exporter_meeting_rate", "share of the exporter's meetings requested with other buyers that took place, shrunk towards all exporters' rate with the weight of 5 meetings: a newcomer has exactly the average rate", "0–1", "feedback (this pair excluded)"),
        new("formula_score", "the baseline formula's score of the pair (baseline-v1: the weighted sum of eight of the features above), so that a learned model starts from the formula instead of rebuilding a linear sum from tree splits; explanations attribute it to the features it is made of", "0–1", "the features above"),
    ];

    /// <summary>Names in column order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Features.Select(f => f.Name)];

    /// <summary>First 16 hex digits of SHA-256 over the names in order.</summary>
    public static string Hash { get; } = HashOf(Names);

    public static string HashOf(IEnumerable<string> names) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', names))))[..16];

    /// <returns>The column of a feature, or -1.</returns>
    public static int IndexOf(string name)
    {
        for (var i = 0; i < Count; i++)
        {
            if (Names[i] == name)
            {
                return i;
            }
        }

        return -1;
    }
}
