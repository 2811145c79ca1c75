namespace Matchmaker.Profiles;

/// <summary>An exporting company: the domain form of the API's ExporterProfile.</summary>
public sealed record Exporter
{
    public required string Id { get; init; }
    public long Version { get; init; }
    public string Name { get; init; } = "";
    public string Country { get; init; } = "";
    public string Region { get; init; } = "";
    public string Description { get; init; } = "";
    public IReadOnlyList<Product> Products { get; init; } = [];
    public IReadOnlyList<string> Certifications { get; init; } = [];
    public IReadOnlyList<string> TargetMarkets { get; init; } = [];
    public IReadOnlyList<string> Languages { get; init; } = [];
    public int ExportExperienceYears { get; init; }
    public int ExportMarketsCount { get; init; }
    public int Employees { get; init; }
    public string Website { get; init; } = "";
    public Contact? Contact { get; init; }
    public bool Active { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}
