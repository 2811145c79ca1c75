using System.Globalization;
using Matchmaker.Profiles;

namespace Matchmaker.Matching;

/// <summary>
/// The transparent baseline ranking, used until a learned ranker is active:
/// score = Σ weight × feature, every feature in [0, 1], weights summing to 1 (table in the README).
/// HS fit carries the most weight, so with all else equal an exporter of the buyer's exact code
/// outranks one in the same heading, which outranks one in the same chapter.
/// A feature that cannot be judged (the buyer gave no quantity, say) counts as 0.5, neither for nor against.
/// </summary>
public static class BaselineScorer
{
    public const string Version = "baseline-v1";

    public static IReadOnlyList<(string Feature, double Weight)> Weights { get; } =
    [
        ("hs_match", 0.40),
        ("text_relevance", 0.20),
        ("certification_coverage", 0.10),
        ("target_market", 0.08),
        ("supplier_country", 0.08),
        ("language_overlap", 0.05),
        ("volume_fit", 0.05),
        ("export_experience", 0.04),
    ];

    /// <summary>Value of an HS match at the buyer's own level (or finer), one level up (heading), two up (chapter).</summary>
    public const double ExactHs = 1.0, SameHeading = 0.6, SameChapter = 0.3, Unknown = 0.5;

    /// <param name="textRelevance">BM25 text score of the pair, divided by the best in the candidate set (0–1).</param>
    /// <returns>The score and every feature's reason, largest contribution first.</returns>
    public static (double Score, IReadOnlyList<MatchReason> Reasons) Score(Inquiry inquiry, Exporter exporter, double textRelevance)
    {
        var (hs, product, hsText) = HsMatch(inquiry, exporter);
        var reasons = new List<MatchReason>(Weights.Count)
        {
            Reason("hs_match", hs, hsText),
            Reason("text_relevance", textRelevance, textRelevance switch
            {
                >= 0.75 => "its profile text closely matches the inquiry",
                >= 0.25 => "its profile text partly matches the inquiry",
                > 0 => "its profile text shares a few words with the inquiry",
                _ => "its profile text does not match the inquiry's words",
            }),
            Certifications(inquiry, exporter),
            TargetMarket(inquiry, exporter),
            SupplierCountry(inquiry, exporter),
            Languages(inquiry, exporter),
            VolumeFit(inquiry, product),
            Reason("export_experience", Math.Min(1.0, exporter.ExportExperienceYears / 10.0),
                exporter.ExportExperienceYears > 0
                    ? $"has {exporter.ExportExperienceYears} years of export experience"
                    : "has no export experience yet"),
        };
        reasons.Sort((a, b) => b.Contribution.CompareTo(a.Contribution));
        return (reasons.Sum(r => r.Contribution), reasons);
    }

    private static double WeightOf(string feature)
    {
        foreach (var (name, weight) in Weights)
        {
            if (name == feature)
            {
                return weight;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(feature), feature, "not a baseline feature");
    }

    private static MatchReason Reason(string feature, double value, string text) =>
        new(feature, value, WeightOf(feature) * value, text);

    private static (double Value, Product? Product, string Text) HsMatch(Inquiry inquiry, Exporter exporter)
    {
        double best = 0;
        Product? bestProduct = null;
        var bestWanted = "";
        foreach (var wanted in inquiry.HsCodes)
        {
            foreach (var product in exporter.Products)
            {
                var value = HsCode.Covers(wanted, product.HsCode) ? ExactHs
                    : HsCode.MatchDepth(wanted, product.HsCode) switch { 4 => SameHeading, 2 => SameChapter, _ => 0 };
                if (value > best)
                {
                    (best, bestProduct, bestWanted) = (value, product, wanted);
                }
            }
        }

        if (bestProduct is null)
        {
            return (0, null, inquiry.HsCodes.Count == 0
                ? "the inquiry names no HS code"
                : $"makes nothing in the buyer's HS chapters ({string.Join(", ", inquiry.HsCodes.Select(c => c[..2]).Distinct())})");
        }

        var made = $"makes HS {bestProduct.HsCode}{(bestProduct.Name.Length > 0 ? $" ({bestProduct.Name})" : "")}";
        var text = best switch
        {
            ExactHs => $"{made} for the buyer's {Level(bestWanted)} {bestWanted}",
            SameHeading => $"{made} in the buyer's heading {bestWanted[..4]}",
            _ => $"{made} in the buyer's chapter {bestWanted[..2]}",
        };
        return (best, bestProduct, text);
    }

    private static string Level(string code) => code.Length switch { 6 => "exact subheading", 4 => "exact heading", _ => "chapter" };

    private static MatchReason Certifications(Inquiry inquiry, Exporter exporter)
    {
        if (inquiry.RequiredCertifications.Count == 0)
        {
            return Reason("certification_coverage", 1.0, "the buyer requires no certification");
        }

        var held = exporter.Certifications.Select(ProfileNormalizer.CertificationKey).ToHashSet(StringComparer.Ordinal);
        var covered = inquiry.RequiredCertifications.Where(c => held.Contains(ProfileNormalizer.CertificationKey(c))).ToList();
        var value = (double)covered.Count / inquiry.RequiredCertifications.Count;
        var text = covered.Count == 0
            ? $"holds none of the required certifications ({string.Join(", ", inquiry.RequiredCertifications)})"
            : $"holds {string.Join(", ", covered)} ({covered.Count} of {inquiry.RequiredCertifications.Count} required)";
        return Reason("certification_coverage", value, text);
    }

    private static MatchReason TargetMarket(Inquiry inquiry, Exporter exporter) =>
        exporter.TargetMarkets.Count == 0
            ? Reason("target_market", Unknown, "lists no target markets")
            : exporter.TargetMarkets.Contains(inquiry.BuyerCountry)
                ? Reason("target_market", 1.0, $"targets the buyer's market {inquiry.BuyerCountry}")
                : Reason("target_market", 0.0, $"does not list {inquiry.BuyerCountry} among its target markets");

    private static MatchReason SupplierCountry(Inquiry inquiry, Exporter exporter) =>
        inquiry.PreferredSupplierCountries.Count == 0
            ? Reason("supplier_country", Unknown, "the buyer prefers no supplier country")
            : inquiry.PreferredSupplierCountries.Contains(exporter.Country)
                ? Reason("supplier_country", 1.0, $"is in {exporter.Country}, a supplier country the buyer prefers")
                : Reason("supplier_country", 0.0, $"is in {exporter.Country}, not a supplier country the buyer prefers");

    private static MatchReason Languages(Inquiry inquiry, Exporter exporter)
    {
        if (inquiry.Languages.Count == 0 || exporter.Languages.Count == 0)
        {
            return Reason("language_overlap", Unknown, "languages not stated on both sides");
        }

        var shared = inquiry.Languages.Intersect(exporter.Languages, StringComparer.Ordinal).ToList();
        return shared.Count > 0
            ? Reason("language_overlap", 1.0, $"speaks the buyer's {string.Join(", ", shared)}")
            : Reason("language_overlap", 0.0, $"speaks none of the buyer's languages ({string.Join(", ", inquiry.Languages)})");
    }

    /// <summary>Capacity against the wanted quantity, times the minimum order's fit; only when units agree.</summary>
    private static MatchReason VolumeFit(Inquiry inquiry, Product? product)
    {
        if (product is null || inquiry.Quantity <= 0 || product.Unit.Length == 0
            || !string.Equals(product.Unit, inquiry.Unit, StringComparison.OrdinalIgnoreCase))
        {
            return Reason("volume_fit", Unknown, "volumes not comparable (no quantity or different units)");
        }

        var q = inquiry.Quantity;
        var capacityFit = product.AnnualCapacity > 0 ? Math.Min(1.0, product.AnnualCapacity / q) : Unknown;
        var moqFit = product.MinOrderQuantity > q ? q / product.MinOrderQuantity : 1.0;
        var unit = product.Unit;
        var text = product.MinOrderQuantity > q
            ? $"minimum order {Number(product.MinOrderQuantity)} {unit} exceeds the {Number(q)} {unit} wanted"
            : product.AnnualCapacity > 0
                ? $"can supply {Number(product.AnnualCapacity)} {unit} a year against {Number(q)} {unit} wanted"
                : $"capacity not stated for the {Number(q)} {unit} wanted";
        return Reason("volume_fit", capacityFit * moqFit, text);
    }

    private static string Number(double value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);
}
