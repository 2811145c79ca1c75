using System.Globalization;
using System.Text.Json;
using Matchmaker.Profiles;
using Microsoft.Extensions.Options;

namespace Matchmaker.Reports;

/// <summary>
/// The optional reference files of <see cref="ReportOptions"/>: a product-space network of HS
/// headings and HS descriptions, read once on first use. Without them every lookup answers nothing
/// and reports rely on the store alone.
/// </summary>
public sealed class ReferenceProductSpace(IOptions<ReportOptions> options)
{
    /// <summary>What an edge of a network file without weights counts as (the Atlas's drawn edges are its strongest links).</summary>
    public const double UnweightedEdge = 0.5;

    private readonly Lazy<Dictionary<string, Dictionary<string, double>>> _edges = new(() => LoadNetwork(options.Value.ProductSpaceFile));
    private readonly Lazy<Dictionary<string, string>> _labels = new(() => LoadLabels(options.Value.HsNomenclatureFile));

    /// <summary>Where related headings come from beyond the store: the file's name, or "" when none is configured.</summary>
    public string Source => options.Value.ProductSpaceFile is { Length: > 0 } file ? Path.GetFileName(file) : "";

    /// <summary>Headings next to <paramref name="heading"/> in the network, with their proximity.</summary>
    /// <exception cref="InvalidDataException">The configured file cannot be read.</exception>
    public IReadOnlyDictionary<string, double> Neighbours(string heading) =>
        _edges.Value.TryGetValue(heading, out var next) ? next : [];

    /// <summary>The HS description of a heading, or "".</summary>
    /// <exception cref="InvalidDataException">The configured file cannot be read.</exception>
    public string Label(string heading) => _labels.Value.GetValueOrDefault(heading, "");

    private static Dictionary<string, Dictionary<string, double>> LoadNetwork(string? path)
    {
        var edges = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(path))
        {
            return edges;
        }

        try
        {
            foreach (var (a, b, proximity) in path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? JsonEdges(path) : CsvEdges(path))
            {
                if (a.Length < 4 || b.Length < 4 || !HsCode.IsValid(a[..4]) || !HsCode.IsValid(b[..4]) || a[..4] == b[..4])
                {
                    continue;
                }

                Add(a[..4], b[..4]);
                Add(b[..4], a[..4]);

                void Add(string from, string to)
                {
                    if (!edges.TryGetValue(from, out var next))
                    {
                        edges[from] = next = new Dictionary<string, double>(StringComparer.Ordinal);
                    }

                    next[to] = Math.Max(next.GetValueOrDefault(to), Math.Clamp(proximity, 0, 1));
                }
            }
        }
        catch (Exception e) when (e is IOException or JsonException or FormatException or UnauthorizedAccessException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidDataException($"Matchmaker:Reports:ProductSpaceFile {path}: {e.Message}", e);
        }

        return edges;
    }

    private static List<(string A, string B, double Proximity)> JsonEdges(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(path));
        var list = new List<(string, string, double)>();
        foreach (var edge in json.RootElement.GetProperty("edges").EnumerateArray())
        {
            var weight = edge.TryGetProperty("proximity", out var p) || edge.TryGetProperty("weight", out p) ? p.GetDouble() : UnweightedEdge;
            list.Add((edge.GetProperty("source").GetString() ?? "", edge.GetProperty("target").GetString() ?? "", weight));
        }

        return list;
    }

    private static IEnumerable<(string A, string B, double Proximity)> CsvEdges(string path)
    {
        foreach (var line in File.ReadLines(path))
        {
            var fields = CsvLine.Fields(line);
            if (fields.Count >= 2 && fields[0].Length > 0 && char.IsAsciiDigit(fields[0][0]))
            {
                yield return (fields[0], fields[1], fields.Count > 2 ? double.Parse(fields[2], CultureInfo.InvariantCulture) : UnweightedEdge);
            }
        }
    }

    private static Dictionary<string, string> LoadLabels(string? path)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(path))
        {
            return labels;
        }

        try
        {
            using var lines = File.ReadLines(path).GetEnumerator();
            var header = lines.MoveNext() ? CsvLine.Fields(lines.Current) : [];
            var code = header.FindIndex(h => h.Equals("hscode", StringComparison.OrdinalIgnoreCase));
            var text = header.FindIndex(h => h.Equals("description", StringComparison.OrdinalIgnoreCase));
            if (code < 0 || text < 0)
            {
                throw new FormatException("the first line must name an \"hscode\" and a \"description\" column");
            }

            while (lines.MoveNext())
            {
                var fields = CsvLine.Fields(lines.Current);
                if (fields.Count > Math.Max(code, text) && fields[code].Length == 4)
                {
                    labels[fields[code]] = fields[text];
                }
            }
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"Matchmaker:Reports:HsNomenclatureFile {path}: {e.Message}", e);
        }

        return labels;
    }
}
