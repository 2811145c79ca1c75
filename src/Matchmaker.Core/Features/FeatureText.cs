using System.Globalization;
using Matchmaker.Profiles;
using static Matchmaker.Features.FeatureSchema;

namespace Matchmaker.Features;

/// <summary>One short sentence per feature for a pair, for the reasons shown with a match.</summary>
public sealed class FeatureText(FeatureExtractor extractor)
{
    public string Describe(int feature, Inquiry inquiry, Exporter exporter, ReadOnlySpan<float> row) => feature switch
    {
        TextRelevance => row[feature] switch
        {
            >= 0.75f => "its profile text closely matches the inquiry",
            >= 0.25f => "its profile text partly matches the inquiry",
            > 0 => "its profile text shares a few words with the inquiry",
            _ => "its profile text does not match the inquiry's words",
        },
        HsMatch => HsText(inquiry, exporter),
        HsSharedDigits => row[feature] > 0
            ? $"shares {row[feature]:0} digits of HS code with what the buyer wants"
            : "shares no HS chapter with what the buyer wants",
        ProductRelatedness => RelatednessText(inquiry, exporter),
        TargetMarket => exporter.TargetMarkets.Count == 0 ? "lists no target markets"
            : row[feature] > 0 ? $"targets the buyer's market {inquiry.BuyerCountry}"
            : $"does not list {inquiry.BuyerCountry} among its target markets",
        SupplierCountry => inquiry.PreferredSupplierCountries.Count == 0 ? "the buyer prefers no supplier country"
            : row[feature] > 0 ? $"is in {exporter.Country}, a supplier country the buyer prefers"
            : $"is in {exporter.Country}, not a supplier country the buyer prefers",
        CertificationCoverage => CertificationText(inquiry, exporter),
        CapacityFit or MinOrderFit or VolumeFit => VolumeText(feature, inquiry, exporter),
        LanguageOverlap => inquiry.Languages.Count == 0 || exporter.Languages.Count == 0
            ? "languages not stated on both sides"
            : row[feature] > 0
                ? $"speaks the buyer's {Languages(inquiry.Languages.Intersect(exporter.Languages, StringComparer.Ordinal))}"
                : $"speaks none of the buyer's languages ({Languages(inquiry.Languages)})",
        ExportExperience => exporter.ExportExperienceYears > 0
            ? $"has {exporter.ExportExperienceYears} year{(exporter.ExportExperienceYears == 1 ? "" : "s")} of export experience"
            : "has no export experience yet",
        ExportMarkets => exporter.ExportMarketsCount > 0
            ? $"already exports to {exporter.ExportMarketsCount} market{(exporter.ExportMarketsCount == 1 ? "" : "s")}"
            : "exports to no market yet",
        ExporterEngagementRate => extractor.History.HistoryOf(exporter.Id, inquiry.Id) is { Pairs: > 0 } h
            ? $"buyers reached out after {h.Engaged} of its {h.Pairs} earlier introductions"
            : "new to the programme: no earlier introductions on record, counted as average",
        ExporterMeetingRate => extractor.History.HistoryOf(exporter.Id, inquiry.Id) is { MeetingsAsked: > 0 } h
            ? $"{h.MeetingsHeld} of {h.MeetingsAsked} meetings requested with it took place"
            : "no earlier meetings on record, counted as average",
        FormulaScore => $"scores {row[FormulaScore].ToString("0.00", CultureInfo.InvariantCulture)} by the published formula (baseline-v1)",
        _ => throw new ArgumentOutOfRangeException(nameof(feature), feature, "no such feature"),
    };

    /// <summary>
    /// Whether <see cref="Describe"/>'s sentence speaks for the match (+1: "targets the buyer's market"),
    /// against it (-1: "does not list KR among its target markets") or neither (0: a side did not say,
    /// partial coverage, history told as counts). A reason's sign must agree with it.
    /// </summary>
    public static int Polarity(int feature, Inquiry inquiry, Exporter exporter, ReadOnlySpan<float> row) => feature switch
    {
        TextRelevance or HsMatch or HsSharedDigits or ProductRelatedness or ExportExperience or ExportMarkets => row[feature] > 0 ? 1 : -1,
        TargetMarket => exporter.TargetMarkets.Count == 0 ? 0 : Sign(row[feature]),
        SupplierCountry => inquiry.PreferredSupplierCountries.Count == 0 ? 0 : Sign(row[feature]),
        LanguageOverlap => inquiry.Languages.Count == 0 || exporter.Languages.Count == 0 ? 0 : Sign(row[feature]),
        CertificationCoverage => inquiry.RequiredCertifications.Count == 0 ? 0 : row[feature] >= 1 ? 1 : row[feature] <= 0 ? -1 : 0,
        CapacityFit or MinOrderFit or VolumeFit => !FeatureExtractor.VolumesOf(inquiry, FeatureExtractor.HsMatchOf(inquiry, exporter).Product).Comparable ? 0
            : row[feature] >= 0.75f ? 1 : row[feature] <= 0.25f ? -1 : 0,
        _ => 0,
    };

    private static int Sign(float value) => value > 0 ? 1 : -1;

    private static string HsText(Inquiry inquiry, Exporter exporter)
    {
        var (value, _, product) = FeatureExtractor.HsMatchOf(inquiry, exporter);
        if (product is null)
        {
            return inquiry.HsCodes.Count == 0
                ? "the inquiry names no HS code"
                : $"makes nothing in the buyer's HS chapters ({string.Join(", ", inquiry.HsCodes.Select(c => c[..2]).Distinct())})";
        }

        var wanted = inquiry.HsCodes.First(w => value == FeatureExtractor.ExactHs ? HsCode.Covers(w, product.HsCode)
            : HsCode.MatchDepth(w, product.HsCode) == (value == FeatureExtractor.SameHeading ? 4 : 2));
        var made = $"makes HS {product.HsCode}{(product.Name.Length > 0 ? $" ({product.Name})" : "")}";
        return value switch
        {
            FeatureExtractor.ExactHs => $"{made} for the buyer's {Level(wanted)} {wanted}",
            FeatureExtractor.SameHeading => $"{made} in the buyer's heading {wanted[..4]}",
            _ => $"{made} in the buyer's chapter {wanted[..2]}",
        };
    }

    private static string Level(string code) => code.Length switch { 6 => "exact subheading", 4 => "exact heading", _ => "chapter" };

    private string RelatednessText(Inquiry inquiry, Exporter exporter)
    {
        var (value, wanted, made) = extractor.ProductSpace.Relatedness(inquiry.HsCodes, exporter.Products);
        return value > 0
            ? $"also makes HS {ProductProximity.Format(made)}, which exporters often make together with the buyer's {ProductProximity.Format(wanted)} (proximity {value.ToString("0.00", CultureInfo.InvariantCulture)})"
            : "makes nothing closely related to the buyer's headings";
    }

    private static string CertificationText(Inquiry inquiry, Exporter exporter)
    {
        if (inquiry.RequiredCertifications.Count == 0)
        {
            return "the buyer requires no certification";
        }

        // The same equality the feature counts with, so the sentence never disagrees with the value.
        // Codes as the trade writes them ("pefc" typed by a buyer is PEFC).
        var covered = inquiry.RequiredCertifications
            .Where(c => exporter.Certifications.Any(h => FeatureExtractor.SameCertification(c, h))).Select(c => c.ToUpperInvariant()).ToList();
        return covered.Count == 0
            ? $"holds none of the required certifications ({string.Join(", ", inquiry.RequiredCertifications.Select(c => c.ToUpperInvariant()))})"
            : $"holds {string.Join(", ", covered)} ({covered.Count} of {inquiry.RequiredCertifications.Count} required)";
    }

    private static string VolumeText(int feature, Inquiry inquiry, Exporter exporter)
    {
        var product = FeatureExtractor.HsMatchOf(inquiry, exporter).Product;
        if (!FeatureExtractor.VolumesOf(inquiry, product).Comparable)
        {
            return "volumes not comparable (no quantity or different units)";
        }

        var (q, unit) = (inquiry.Quantity, product!.Unit);
        var capacity = product.AnnualCapacity > 0
            ? $"can supply {Number(product.AnnualCapacity)} {unit} a year against {Number(q)} {unit} wanted"
            : $"capacity not stated for the {Number(q)} {unit} wanted";
        var minOrder = product.MinOrderQuantity > q
            ? $"minimum order {Number(product.MinOrderQuantity)} {unit} exceeds the {Number(q)} {unit} wanted"
            : $"minimum order fits the {Number(q)} {unit} wanted";
        return feature switch
        {
            CapacityFit => capacity,
            MinOrderFit => minOrder,
            _ => product.MinOrderQuantity > q ? minOrder : capacity,
        };
    }

    /// <summary>Languages by name ("English, Russian"), as a reader knows them; a code the runtime does not know stays a code.</summary>
    private static string Languages(IEnumerable<string> codes) => string.Join(", ", codes.Select(code =>
    {
        try
        {
            var culture = CultureInfo.GetCultureInfo(code, predefinedOnly: true);
            return culture.ThreeLetterISOLanguageName.Length > 0 && culture.EnglishName.Length > 0 && !culture.EnglishName.StartsWith("Unknown", StringComparison.Ordinal)
                ? culture.EnglishName
                : code;
        }
        catch (CultureNotFoundException)
        {
            return code;
        }
    }));

    private static string Number(double value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);
}
