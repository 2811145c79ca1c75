namespace Matchmaker.Profiles;

/// <summary>One product line of an exporter, classified by an HS code of 2, 4 or 6 digits.</summary>
public sealed record Product
{
    public required string HsCode { get; init; }
    public string Name { get; init; } = "";
    public string Description { get; init; } = "";
    public double AnnualCapacity { get; init; }
    public string Unit { get; init; } = "";
    public double MinOrderQuantity { get; init; }
}
