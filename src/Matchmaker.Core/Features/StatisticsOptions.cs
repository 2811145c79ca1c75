using System.ComponentModel.DataAnnotations;

namespace Matchmaker.Features;

/// <summary>Statistics epochs' settings, in the "Matchmaker" section (MATCHMAKER__STATISTICSREFRESHSECONDS).</summary>
public sealed class StatisticsOptions
{
    public const string Section = "Matchmaker";

    /// <summary>
    /// How often (seconds) a new statistics epoch is captured when profiles or feedback changed:
    /// product-space proximities, exporters' feedback rates and BM25 statistics lag writes by up to
    /// this long (each profile's own fields count at once). Cached match lists live within an epoch.
    /// </summary>
    [Range(0.05, 86_400)]
    public double StatisticsRefreshSeconds { get; set; } = 30;
}
