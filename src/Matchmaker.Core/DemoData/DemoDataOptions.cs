using System.ComponentModel.DataAnnotations;

namespace Matchmaker.DemoData;

/// <summary>Demo records loaded into an empty store at start-up ("Matchmaker:DemoData"), so a fresh install has something to show.</summary>
public sealed class DemoDataOptions
{
    public const string Section = "Matchmaker:DemoData";

    public bool SeedWhenEmpty { get; set; }

    public int Seed { get; set; } = 42;

    [Range(0, 1_000_000)]
    public int Exporters { get; set; } = 3000;

    [Range(0, 1_000_000)]
    public int Inquiries { get; set; } = 600;

    /// <summary>Schedule the demo fair in the background once it is loaded (not published), so the console has a schedule to show.</summary>
    public bool ScheduleFair { get; set; } = true;

    /// <summary>The time limit of that run.</summary>
    [Range(1, 600)]
    public int ScheduleSeconds { get; set; } = 10;
}
