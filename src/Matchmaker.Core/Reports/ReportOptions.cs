using System.ComponentModel.DataAnnotations;

namespace Matchmaker.Reports;

/// <summary>Demand-gap reports' settings, in "Matchmaker:Reports" (MATCHMAKER__REPORTS__GOODEXPORTERS, …).</summary>
public sealed class ReportOptions
{
    public const string Section = "Matchmaker:Reports";

    /// <summary>An inquiry's heading is served when at least this many of its matches are good ones (or a meeting served it).</summary>
    [Range(1, 50)]
    public int GoodExporters { get; set; } = 3;

    /// <summary>
    /// A good match makes the wanted heading and scores at least this on the baseline formula
    /// (formula_score, 0–1: the same scale whichever model ranks), so a maker that lacks the
    /// certificates, the capacity or the language the buyer asked for does not count.
    /// </summary>
    [Range(0.0, 1.0)]
    public double GoodScore { get; set; } = 0.5;

    /// <summary>How many of each inquiry's matches are looked at.</summary>
    [Range(1, 200)]
    public int MatchesLookedAt { get; set; } = 20;

    /// <summary>
    /// Optional: a product-space network of HS headings to relate headings that few of the store's
    /// exporters make (the store's own co-production counts cannot relate a heading nobody makes).
    /// JSON with "edges": [{"source": "0303", "target": "0304", "proximity": 0.6}, …] (the Atlas of
    /// Economic Complexity's layout file has this shape; an edge without a proximity counts as
    /// <see cref="ReferenceProductSpace.UnweightedEdge"/>), or CSV lines "heading_a,heading_b[,proximity]".
    /// </summary>
    public string? ProductSpaceFile { get; set; }

    /// <summary>Optional: HS descriptions to label headings, CSV with "hscode" and "description" columns (the HS nomenclature's file).</summary>
    public string? HsNomenclatureFile { get; set; }
}
