using System.Globalization;
using System.Net;
using System.Text;
using Matchmaker.Features;

namespace Matchmaker.Training;

/// <summary>
/// The evaluation report as one self-contained HTML file (inline SVG, no scripts, no network):
/// metrics table, NDCG@k curves, feature importance, and what data it was measured on.
/// </summary>
public static class EvaluationReport
{
    private static readonly string[] Colours = ["#1f77b4", "#d62728", "#7f7f7f", "#2ca02c", "#9467bd"];

    /// <param name="models">The models on the shown rows (on every row when there are no never-shown candidates).</param>
    /// <param name="everyCandidate">The same models on every row, shown and never shown, when there are never-shown candidates.</param>
    public static string Html(string title, IReadOnlyList<EvaluatedModel> models, double[]? importance, IEnumerable<string> notes,
        IReadOnlyList<EvaluatedModel>? everyCandidate = null)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>{{E(title)}}</title>
            <style>
            body { font: 14px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 60em; color: #222; }
            table { border-collapse: collapse; margin: 1em 0; } th, td { padding: .3em .8em; border-bottom: 1px solid #ddd; text-align: right; }
            th:first-child, td:first-child { text-align: left; } .best { font-weight: 600; } .note { color: #555; }
            </style></head><body>
            <h1>{{E(title)}}</h1>
            """);
        var heading = everyCandidate is null ? "Metrics on the held-out inquiries"
            : "Metrics on the held-out inquiries: the shown candidates";
        Section(html, heading, models);
        if (everyCandidate is not null)
        {
            Section(html, "Metrics on the held-out inquiries: every candidate (shown, and retrieved but never shown)", everyCandidate);
        }

        html.Append("<h2>NDCG@k</h2>\n").Append(Curves(models));
        if (importance is not null)
        {
            html.Append("<h2>Feature importance</h2>\n<p class=\"note\">Drop in NDCG@10 when the feature's values are shuffled across the held-out pairs.</p>\n")
                .Append(Bars(importance));
        }

        html.Append("<h2>Notes</h2>\n<ul>\n");
        foreach (var note in notes)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li>{E(note)}</li>\n");
        }

        html.Append("</ul>\n</body></html>\n");
        return html.ToString();
    }

    /// <summary>One table of metrics, then each model after the first against it (paired bootstrap).</summary>
    private static void Section(StringBuilder html, string heading, IReadOnlyList<EvaluatedModel> models)
    {
        html.Append(CultureInfo.InvariantCulture, $"<h2>{E(heading)}</h2>\n");
        if (models.Count > 1)
        {
            var first = models[0].Metrics.NdcgAt(10);
            foreach (var other in models.Skip(1))
            {
                html.Append(CultureInfo.InvariantCulture,
                    $"<p><b>{E(models[0].Name)}</b> vs <b>{E(other.Name)}</b>: NDCG@10 {first:0.000} vs {other.Metrics.NdcgAt(10):0.000}, {E(ModelEvaluation.Lift(first, other.Metrics.NdcgAt(10)))}.</p>\n");
                foreach (var comparison in PairedComparison.Of(models[0].Metrics, other.Metrics))
                {
                    html.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">{E(comparison.Describe(models[0].Name, other.Name))}</p>\n");
                }
            }
        }

        html.Append("<table><tr><th>model</th><th>version</th>");
        foreach (var k in RankingMetrics.ReportedK)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th>NDCG@{k}</th>");
        }

        html.Append("<th>MAP</th><th>groups</th><th>pairs</th></tr>\n");
        foreach (var m in models)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(m.Name)}</td><td>{E(m.Version)}</td>");
            foreach (var k in RankingMetrics.ReportedK)
            {
                var best = models.Max(x => x.Metrics.NdcgAt(k)) == m.Metrics.NdcgAt(k) ? " class=\"best\"" : "";
                html.Append(CultureInfo.InvariantCulture, $"<td{best}>{m.Metrics.NdcgAt(k):0.0000}</td>");
            }

            html.Append(CultureInfo.InvariantCulture, $"<td>{m.Metrics.Map:0.0000}</td><td>{m.Metrics.Groups:N0}</td><td>{m.Metrics.Rows:N0}</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static string Curves(IReadOnlyList<EvaluatedModel> models)
    {
        const int w = 640, h = 300, left = 50, bottom = 30, top = 10, right = 160;
        var min = Math.Max(0, Math.Floor(models.Min(m => Enumerable.Range(1, 10).Min(m.Metrics.NdcgAt)) * 10) / 10);
        double X(int k) => left + ((k - 1) * (w - left - right) / 9.0);
        double Y(double v) => top + ((1 - ((v - min) / (1 - min))) * (h - top - bottom));
        var svg = new StringBuilder().Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" font-size=\"11\">\n");
        for (var t = min; t <= 1.0001; t += 0.1)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" x2=\"{w - right}\" y1=\"{Y(t):0.#}\" y2=\"{Y(t):0.#}\" stroke=\"#eee\"/><text x=\"{left - 6}\" y=\"{Y(t) + 4:0.#}\" text-anchor=\"end\">{t:0.0}</text>\n");
        }

        for (var k = 1; k <= 10; k++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(k):0.#}\" y=\"{h - 12}\" text-anchor=\"middle\">{k}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{(left + w - right) / 2}\" y=\"{h}\" text-anchor=\"middle\">k</text>\n");
        for (var i = 0; i < models.Count; i++)
        {
            var colour = Colours[i % Colours.Length];
            var points = string.Join(' ', Enumerable.Range(1, 10).Select(k => FormattableString.Invariant($"{X(k):0.#},{Y(models[i].Metrics.NdcgAt(k)):0.#}")));
            svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"{points}\"/>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{w - right + 10}\" y=\"{top + 14 + (i * 16)}\" fill=\"{colour}\">{E(models[i].Name)}</text>\n");
        }

        return svg.Append("</svg>\n").ToString();
    }

    private static string Bars(double[] importance)
    {
        const int rowHeight = 18, labelWidth = 190, barWidth = 380;
        var max = Math.Max(1e-9, importance.Max(Math.Abs));
        var order = Enumerable.Range(0, importance.Length).OrderByDescending(i => importance[i]).ToList();
        var svg = new StringBuilder().Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{labelWidth + barWidth + 80}\" height=\"{(order.Count * rowHeight) + 10}\" font-size=\"11\">\n");
        for (var r = 0; r < order.Count; r++)
        {
            var f = order[r];
            var y = 5 + (r * rowHeight);
            var width = Math.Max(0, importance[f]) / max * barWidth;
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{labelWidth - 6}\" y=\"{y + 12}\" text-anchor=\"end\">{E(FeatureSchema.Names[f])}</text><rect x=\"{labelWidth}\" y=\"{y + 2}\" width=\"{width:0.#}\" height=\"{rowHeight - 5}\" fill=\"#1f77b4\"/><text x=\"{labelWidth + width + 6:0.#}\" y=\"{y + 12}\">{importance[f]:0.0000}</text>\n");
        }

        return svg.Append("</svg>\n").ToString();
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
