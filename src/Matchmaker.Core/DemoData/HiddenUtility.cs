using System.Globalization;
using static Matchmaker.Features.FeatureSchema;

namespace Matchmaker.DemoData;

/// <summary>
/// What a simulated world's buyers want: the weights of their hidden utility, how much of it no
/// feature sees (noise), how strongly the place in the list decides whether they look, and how
/// much the simulated portal explores. World 0 is the documented demo world; any other number
/// draws a world at random from wide ranges (<see cref="Draw"/>), so a model can be trained on
/// some worlds and checked on others it never saw. Every value is an assumption of the
/// simulator, none is measured from real buyers.
/// </summary>
public sealed record HiddenUtility
{
    public int World { get; init; }

    public double HsExact { get; init; } = 2.0;

    public double HsHeading { get; init; } = 0.9;

    public double Relatedness { get; init; } = 0.9;

    public double Text { get; init; } = 0.4;

    /// <summary>Per missing share of the required certifications (subtracted), and the bonus when all are held.</summary>
    public double CertificationPenalty { get; init; } = 2.5;

    public double CertificationBonus { get; init; } = 0.3;

    public double SupplierPenalty { get; init; } = 0.8;

    public double SupplierBonus { get; init; } = 0.4;

    public double TargetsBuyerMarket { get; init; }

    public double MinOrderPenalty { get; init; } = 2.0;

    /// <summary>Weight of capacity_fit raised to <see cref="CapacityPower"/>.</summary>
    public double Capacity { get; init; } = 1.2;

    public double CapacityPower { get; init; } = 2;

    public double LanguageBonus { get; init; } = 0.5;

    public double LanguagePenalty { get; init; } = 0.3;

    public double Experience { get; init; } = 0.3;

    public double ExportMarketsWeight { get; init; }

    /// <summary>Weight of the exporter's hidden reliability (standard normal), seen only through its record.</summary>
    public double Reliability { get; init; } = 1.1;

    /// <summary>Standard deviation of a per-pair taste no feature sees.</summary>
    public double Noise { get; init; }

    /// <summary>Chance of looking at place p: 1 / (1 + PositionBias × (p − 1)).</summary>
    public double PositionBias { get; init; } = 0.08;

    /// <summary>Share of the list's places the portal gives to candidates from further down.</summary>
    public double Exploration { get; init; } = 0.25;

    /// <summary>Added to every threshold (view, contact, meeting, contract): choosier or easier buyers.</summary>
    public double Choosiness { get; init; }

    /// <summary>
    /// The old portal's own taste: it orders the candidates by the formula's score plus noise of this
    /// standard deviation (formula units), so its lists, and the feedback they collect, are not the
    /// formula's (an agency's old portal never is).
    /// </summary>
    public double PortalNoise { get; init; }

    public static HiddenUtility Demo { get; } = new();

    /// <summary>World 0: <see cref="Demo"/>; any other: weights, noise, bias and exploration drawn from the world number.</summary>
    public static HiddenUtility Draw(int world)
    {
        if (world == 0)
        {
            return Demo;
        }

        var r = new Random(unchecked((world * 7919) + 17));
        double U(double lo, double hi) => lo + (r.NextDouble() * (hi - lo));
        return new HiddenUtility
        {
            World = world,
            HsExact = U(1.0, 3.0),
            HsHeading = U(0.2, 1.5),
            Relatedness = U(0, 1.8),
            Text = U(0, 1.5),
            CertificationPenalty = U(0, 4),
            CertificationBonus = U(0, 0.6),
            SupplierPenalty = U(0, 1.5),
            SupplierBonus = U(0, 0.8),
            TargetsBuyerMarket = U(0, 1.2),
            MinOrderPenalty = U(0, 3.5),
            Capacity = U(0, 2),
            CapacityPower = r.Next(2) + 1,
            LanguageBonus = U(0, 1),
            LanguagePenalty = U(0, 1),
            Experience = U(-0.3, 1),
            ExportMarketsWeight = U(-0.5, 0.8),
            Reliability = U(0, 1.6),
            Noise = U(0, 1.2),
            PositionBias = U(0.02, 0.25),
            Exploration = U(0.1, 0.35),
            Choosiness = U(-0.8, 0.8),
            PortalNoise = U(0, 0.15),
        };
    }

    /// <summary>The buyer's utility for a pair from its features, the exporter's reliability and this pair's taste.</summary>
    public double Of(ReadOnlySpan<float> f, double reliability, double taste) =>
        (f[HsMatch] >= 1 ? HsExact : f[HsMatch] >= 0.6 ? HsHeading : 0)
        + (Relatedness * f[ProductRelatedness])
        + (Text * f[TextRelevance])
        + (f[CertificationCoverage] < 1 ? -CertificationPenalty * (1 - f[CertificationCoverage]) : CertificationBonus)
        + (f[SupplierCountry] == 0 ? -SupplierPenalty : f[SupplierCountry] == 1 ? SupplierBonus : 0)
        + (f[TargetMarket] == 1 ? TargetsBuyerMarket : 0)
        + (f[MinOrderFit] < 1 ? -MinOrderPenalty * (1 - f[MinOrderFit]) : 0)
        + (Capacity * Math.Pow(f[CapacityFit], CapacityPower))
        + (f[LanguageOverlap] == 1 ? LanguageBonus : f[LanguageOverlap] == 0 ? -LanguagePenalty : 0)
        + (Experience * f[ExportExperience])
        + (ExportMarketsWeight * f[ExportMarkets])
        + (Reliability * reliability)
        + (Noise * taste);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"world {World}: hs {HsExact:0.0}/{HsHeading:0.0}, related {Relatedness:0.0}, text {Text:0.0}, cert -{CertificationPenalty:0.0}/+{CertificationBonus:0.0}, ")
        + string.Create(CultureInfo.InvariantCulture, $"supplier -{SupplierPenalty:0.0}/+{SupplierBonus:0.0}, market {TargetsBuyerMarket:0.0}, min order -{MinOrderPenalty:0.0}, capacity {Capacity:0.0}^{CapacityPower:0}, ")
        + string.Create(CultureInfo.InvariantCulture, $"language +{LanguageBonus:0.0}/-{LanguagePenalty:0.0}, experience {Experience:0.0}, markets {ExportMarketsWeight:0.0}, reliability {Reliability:0.0}, ")
        + string.Create(CultureInfo.InvariantCulture, $"noise {Noise:0.0}, position bias {PositionBias:0.00}, exploration {Exploration:P0}, choosiness {Choosiness:+0.0;-0.0}, portal noise {PortalNoise:0.00}");
}
