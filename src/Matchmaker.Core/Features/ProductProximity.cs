using Matchmaker.Profiles;

namespace Matchmaker.Features;

/// <summary>
/// Product Space proximity between HS headings from counts of firms: proximity(a, b) =
/// min(P(a | b), P(b | a)) = firms making both / max(firms making a, firms making b). The live
/// <see cref="ProductSpace"/> and its frozen <see cref="ProductSpaceSnapshot"/> share this logic.
/// A pair seen together at fewer than <see cref="MinSharedFirms"/> firms counts as unrelated: one
/// diversified firm does not make its products related.
/// </summary>
public abstract class ProductProximity
{
    public const int MinSharedFirms = 2;

    /// <summary>Proximity of two headings (4-digit codes, or longer codes cut to their heading), 0–1.</summary>
    public double Proximity(string a, string b) =>
        a.Length >= 4 && b.Length >= 4 && HsCode.IsValid(a[..4]) && HsCode.IsValid(b[..4])
            ? Proximity(Heading(a), Heading(b))
            : 0;

    /// <summary>
    /// The closest a heading the exporter makes comes to a heading the buyer wants, over pairs of
    /// different headings (the same heading is the HS-match feature's business): 0 when none is related.
    /// </summary>
    public (double Value, int Wanted, int Made) Relatedness(IReadOnlyList<string> wantedCodes, IReadOnlyList<Product> products)
    {
        var best = (0.0, 0, 0);
        foreach (var wanted in wantedCodes)
        {
            if (wanted.Length < 4)
            {
                continue;
            }

            var a = Heading(wanted);
            foreach (var product in products)
            {
                if (product.HsCode.Length < 4)
                {
                    continue;
                }

                var b = Heading(product.HsCode);
                if (a != b && Proximity(a, b) is var p && p > best.Item1)
                {
                    best = (p, a, b);
                }
            }
        }

        return best;
    }

    protected abstract int FirmsMaking(int heading);

    protected abstract int FirmsMakingBoth(long pair);

    public static int Heading(string code) => ((code[0] - '0') * 1000) + ((code[1] - '0') * 100) + ((code[2] - '0') * 10) + (code[3] - '0');

    protected static long Key(int a, int b) => a < b ? ((long)a << 32) | (uint)b : ((long)b << 32) | (uint)a;

    public static string Format(int heading) => heading.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);

    private double Proximity(int a, int b)
    {
        if (a == b)
        {
            return FirmsMaking(a) > 0 ? 1 : 0;
        }

        var both = FirmsMakingBoth(Key(a, b));
        if (both < MinSharedFirms)
        {
            return 0;
        }

        var max = Math.Max(FirmsMaking(a), FirmsMaking(b));
        return max > 0 ? Math.Min(1.0, (double)both / max) : 0;
    }
}
