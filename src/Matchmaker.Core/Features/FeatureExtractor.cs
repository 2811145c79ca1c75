using Matchmaker.Feedback;
using Matchmaker.Profiles;
using static Matchmaker.Features.FeatureSchema;

namespace Matchmaker.Features;

/// <summary>
/// Computes the pair feature vector (<see cref="FeatureSchema"/>). Pure given its inputs, and
/// thread-safe: the product space and the exporter histories it reads are safe for concurrent
/// use. Serving passes one statistics epoch's frozen snapshots; training export the live ones.
/// </summary>
public sealed class FeatureExtractor(ProductProximity productSpace, ExporterHistorySource history)
{
    public const float Unknown = 0.5f;

    /// <summary>Value of an HS match at the buyer's own level (or finer), one level up (heading), two up (chapter).</summary>
    public const float ExactHs = 1.0f, SameHeading = 0.6f, SameChapter = 0.3f;

    public ProductProximity ProductSpace => productSpace;

    public ExporterHistorySource History => history;

    /// <param name="textRelevance">BM25 of the pair divided by the best in the candidate set (0–1).</param>
    /// <param name="asOf">
    /// For rows computed after the fact (historical feedback): the exporter's record counts only
    /// what was known before this moment. Null when serving: everything known now.
    /// </param>
    public void Extract(Inquiry inquiry, Exporter exporter, double textRelevance, Span<float> into, DateTimeOffset? asOf = null)
    {
        if (into.Length < Count)
        {
            throw new ArgumentException($"needs room for {Count} features", nameof(into));
        }

        var (hs, depth, product) = HsMatchOf(inquiry, exporter);
        into[TextRelevance] = (float)Math.Clamp(textRelevance, 0, 1);
        into[HsMatch] = hs;
        into[HsSharedDigits] = depth;
        into[ProductRelatedness] = (float)productSpace.Relatedness(inquiry.HsCodes, exporter.Products).Value;
        into[TargetMarket] = exporter.TargetMarkets.Count == 0 ? Unknown : SharesAny(exporter.TargetMarkets, [inquiry.BuyerCountry]) ? 1 : 0;
        into[SupplierCountry] = inquiry.PreferredSupplierCountries.Count == 0 ? Unknown
            : SharesAny(inquiry.PreferredSupplierCountries, [exporter.Country]) ? 1 : 0;
        into[CertificationCoverage] = (float)CertificationCoverageOf(inquiry, exporter);
        var (capacity, minOrder, comparable) = VolumesOf(inquiry, product);
        into[CapacityFit] = capacity;
        into[MinOrderFit] = minOrder;
        into[VolumeFit] = comparable ? capacity * minOrder : Unknown;
        into[LanguageOverlap] = inquiry.Languages.Count == 0 || exporter.Languages.Count == 0 ? Unknown
            : SharesAny(inquiry.Languages, exporter.Languages) ? 1 : 0;
        into[ExportExperience] = Math.Min(1f, exporter.ExportExperienceYears / 10f);
        into[ExportMarkets] = Math.Min(1f, exporter.ExportMarketsCount / 20f);
        var record = history.HistoryOf(exporter.Id, inquiry.Id, asOf);
        var population = history.Population;
        into[ExporterEngagementRate] = (float)record.EngagementRate(population);
        into[ExporterMeetingRate] = (float)record.MeetingRate(population);
        into[FormulaScore] = (float)BaselineFormula.Score(into);
    }

    public float[] Extract(Inquiry inquiry, Exporter exporter, double textRelevance, DateTimeOffset? asOf = null)
    {
        var row = new float[Count];
        Extract(inquiry, exporter, textRelevance, row, asOf);
        return row;
    }

    private static bool SharesAny(IReadOnlyList<string> a, ReadOnlySpan<string> b)
    {
        for (var i = 0; i < a.Count; i++)
        {
            foreach (var x in b)
            {
                if (string.Equals(a[i], x, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool SharesAny(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        for (var i = 0; i < b.Count; i++)
        {
            if (SharesAny(a, [b[i]]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The best HS fit over all (wanted code, product) pairs and the product that gives it.</summary>
    public static (float Value, int Depth, Product? Product) HsMatchOf(Inquiry inquiry, Exporter exporter)
    {
        float best = 0;
        var bestDepth = 0;
        Product? bestProduct = null;
        foreach (var wanted in inquiry.HsCodes)
        {
            foreach (var product in exporter.Products)
            {
                var depth = HsCode.MatchDepth(wanted, product.HsCode);
                var value = HsCode.Covers(wanted, product.HsCode) ? ExactHs
                    : depth switch { 4 => SameHeading, 2 => SameChapter, _ => 0 };
                bestDepth = Math.Max(bestDepth, depth);
                if (value > best)
                {
                    (best, bestProduct) = (value, product);
                }
            }
        }

        return (best, bestDepth, bestProduct);
    }

    public static double CertificationCoverageOf(Inquiry inquiry, Exporter exporter)
    {
        if (inquiry.RequiredCertifications.Count == 0)
        {
            return 1;
        }

        var held = 0;
        foreach (var required in inquiry.RequiredCertifications)
        {
            foreach (var certification in exporter.Certifications)
            {
                if (SameCertification(required, certification))
                {
                    held++;
                    break;
                }
            }
        }

        return (double)held / inquiry.RequiredCertifications.Count;
    }

    /// <summary>
    /// <see cref="ProfileNormalizer.CertificationKey"/> equality ("ISO 9001" = "iso-9001") without
    /// building the keys: this runs for every candidate of every request.
    /// </summary>
    public static bool SameCertification(string a, string b)
    {
        int i = 0, j = 0;
        while (true)
        {
            while (i < a.Length && !char.IsLetterOrDigit(a[i]))
            {
                i++;
            }

            while (j < b.Length && !char.IsLetterOrDigit(b[j]))
            {
                j++;
            }

            if (i == a.Length || j == b.Length)
            {
                return i == a.Length && j == b.Length;
            }

            if (char.ToUpperInvariant(a[i++]) != char.ToUpperInvariant(b[j++]))
            {
                return false;
            }
        }
    }

    /// <summary>Capacity and minimum-order fit of the best-matching product; comparable only when units agree.</summary>
    public static (float Capacity, float MinOrder, bool Comparable) VolumesOf(Inquiry inquiry, Product? product)
    {
        if (product is null || inquiry.Quantity <= 0 || product.Unit.Length == 0
            || !string.Equals(product.Unit, inquiry.Unit, StringComparison.OrdinalIgnoreCase))
        {
            return (Unknown, Unknown, false);
        }

        var q = inquiry.Quantity;
        var capacity = product.AnnualCapacity > 0 ? (float)Math.Min(1.0, product.AnnualCapacity / q) : Unknown;
        var minOrder = product.MinOrderQuantity > q ? (float)(q / product.MinOrderQuantity) : 1f;
        return (capacity, minOrder, true);
    }
}
