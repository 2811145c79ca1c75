using System.Collections.Concurrent;
using Matchmaker.Profiles;

namespace Matchmaker.Features;

/// <summary>
/// Product relatedness in the sense of the Product Space (Hidalgo et al., used in the Khabarovsk
/// report's analysis of which new exports a region can reach): two HS headings are close when the
/// same firms tend to make both. Here the firms are the active exporters in the store:
/// proximity(a, b) = min(P(a | b), P(b | a)) = firms making both / max(firms making a, firms making b).
/// Counts follow every profile write, so relatedness is always that of the current store.
/// A pair seen together at fewer than <see cref="MinSharedFirms"/> firms counts as unrelated: one
/// diversified firm does not make its products related.
/// </summary>
public sealed class ProductSpace
{
    public const int MinSharedFirms = 2;

    private readonly ConcurrentDictionary<int, int> _firms = new();
    private readonly ConcurrentDictionary<long, int> _shared = new();
    private readonly Dictionary<string, int[]> _headingsOf = new(StringComparer.Ordinal);
    private readonly Lock _writeLock = new();

    /// <summary>Exporters counted (active ones with at least one 4- or 6-digit product).</summary>
    public int FirmCount { get; private set; }

    /// <summary>Applies the current state of an exporter (deleted or inactive ones count for nothing).</summary>
    public void Apply(Exporter exporter, bool deleted)
    {
        var headings = deleted || !exporter.Active ? [] : HeadingsOf(exporter.Products.Select(p => p.HsCode));
        lock (_writeLock)
        {
            if (_headingsOf.Remove(exporter.Id, out var old))
            {
                Count(old, -1);
            }

            if (headings.Length > 0)
            {
                _headingsOf[exporter.Id] = headings;
                Count(headings, +1);
            }

            FirmCount = _headingsOf.Count;
        }
    }

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

    private double Proximity(int a, int b)
    {
        if (a == b)
        {
            return _firms.ContainsKey(a) ? 1 : 0;
        }

        if (!_shared.TryGetValue(Key(a, b), out var both) || both < MinSharedFirms)
        {
            return 0;
        }

        var max = Math.Max(_firms.GetValueOrDefault(a), _firms.GetValueOrDefault(b));
        return max > 0 ? Math.Min(1.0, (double)both / max) : 0;
    }

    private void Count(int[] headings, int delta)
    {
        for (var i = 0; i < headings.Length; i++)
        {
            _firms.AddOrUpdate(headings[i], delta, (_, n) => n + delta);
            for (var j = i + 1; j < headings.Length; j++)
            {
                _shared.AddOrUpdate(Key(headings[i], headings[j]), delta, (_, n) => n + delta);
            }
        }
    }

    private static int[] HeadingsOf(IEnumerable<string> codes) =>
        [.. codes.Where(c => c.Length >= 4).Select(Heading).Distinct().Order()];

    private static int Heading(string code) => ((code[0] - '0') * 1000) + ((code[1] - '0') * 100) + ((code[2] - '0') * 10) + (code[3] - '0');

    private static long Key(int a, int b) => a < b ? ((long)a << 32) | (uint)b : ((long)b << 32) | (uint)a;

    public static string Format(int heading) => heading.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
}
