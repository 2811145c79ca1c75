using System.Globalization;
using System.Text;

namespace Matchmaker.Benchmarks;

/// <summary>The curve as an SVG image (no plotting library: a browser or GitHub renders it): latency and memory against exporters, log scale.</summary>
internal static class CurvePlot
{
    private const int Width = 420;
    private const int Height = 300;
    private const int Left = 60;
    private const int Right = 20;
    private const int Top = 40;
    private const int Bottom = 50;

    public static string Svg(IReadOnlyList<CurveBenchmark.Row> rows)
    {
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{2 * Width}\" height=\"{Height}\" font-family=\"sans-serif\" font-size=\"12\">\n"));
        svg.Append(Invariant($"<rect width=\"{2 * Width}\" height=\"{Height}\" fill=\"white\"/>\n"));
        Panel(svg, 0, "MatchInquiry top 10 (ms)", rows, [("p50", "#1f77b4", r => r.P50), ("p99", "#d62728", r => r.P99)]);
        Panel(svg, Width, "memory (MB)", rows, [("RSS after import", "#2ca02c", r => r.ResidentMegabytes), ("RSS after the timed calls", "#ff7f0e", r => r.ResidentAfterCalls), ("index on disk", "#9467bd", r => r.IndexMegabytes)]);
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static void Panel(StringBuilder svg, int x0, string title, IReadOnlyList<CurveBenchmark.Row> rows,
        (string Name, string Colour, Func<CurveBenchmark.Row, double> Value)[] series)
    {
        var minX = Math.Log10(rows.Min(r => r.Exporters));
        var maxX = Math.Log10(rows.Max(r => r.Exporters));
        if (maxX - minX < 1e-9)
        {
            maxX = minX + 1;
        }

        var maxY = Nice(series.Max(s => rows.Max(s.Value)));
        double X(int exporters) => x0 + Left + ((Math.Log10(exporters) - minX) / (maxX - minX) * (Width - Left - Right));
        double Y(double value) => Top + ((1 - (value / maxY)) * (Height - Top - Bottom));

        svg.Append(Invariant($"<text x=\"{x0 + (Width / 2)}\" y=\"20\" text-anchor=\"middle\" font-weight=\"bold\">{title}</text>\n"));
        svg.Append(Invariant($"<line x1=\"{x0 + Left}\" y1=\"{Height - Bottom}\" x2=\"{x0 + Width - Right}\" y2=\"{Height - Bottom}\" stroke=\"black\"/>\n"));
        svg.Append(Invariant($"<line x1=\"{x0 + Left}\" y1=\"{Top}\" x2=\"{x0 + Left}\" y2=\"{Height - Bottom}\" stroke=\"black\"/>\n"));
        for (var tick = 0; tick <= 4; tick++)
        {
            var value = maxY * tick / 4;
            svg.Append(Invariant($"<line x1=\"{x0 + Left}\" y1=\"{Y(value):0.0}\" x2=\"{x0 + Width - Right}\" y2=\"{Y(value):0.0}\" stroke=\"#ddd\"/>\n"));
            svg.Append(Invariant($"<text x=\"{x0 + Left - 6}\" y=\"{Y(value) + 4:0.0}\" text-anchor=\"end\">{value:0.#}</text>\n"));
        }

        foreach (var row in rows)
        {
            svg.Append(Invariant($"<text x=\"{X(row.Exporters):0.0}\" y=\"{Height - Bottom + 18}\" text-anchor=\"middle\">{row.Exporters:N0}</text>\n"));
        }

        svg.Append(Invariant($"<text x=\"{x0 + (Width / 2)}\" y=\"{Height - 10}\" text-anchor=\"middle\">exporters (log scale)</text>\n"));
        for (var s = 0; s < series.Length; s++)
        {
            var (name, colour, value) = series[s];
            var points = string.Join(' ', rows.Select(r => Invariant($"{X(r.Exporters):0.0},{Y(value(r)):0.0}")));
            svg.Append(Invariant($"<polyline points=\"{points}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"/>\n"));
            foreach (var row in rows)
            {
                svg.Append(Invariant($"<circle cx=\"{X(row.Exporters):0.0}\" cy=\"{Y(value(row)):0.0}\" r=\"3\" fill=\"{colour}\"/>\n"));
            }

            svg.Append(Invariant($"<text x=\"{x0 + Left + 10}\" y=\"{Top + 14 + (s * 16)}\" fill=\"{colour}\">{name}</text>\n"));
        }
    }

    /// <summary>A round axis maximum at or above the largest value.</summary>
    private static double Nice(double max)
    {
        if (max <= 0)
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(max)));
        foreach (var step in new[] { 1, 2, 2.5, 5, 10 })
        {
            if (step * magnitude >= max)
            {
                return step * magnitude;
            }
        }

        return 10 * magnitude;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
