namespace Matchmaker.Profiles;

/// <summary>What an overseas buyer is looking for: the domain form of the API's BuyerInquiry.</summary>
public sealed record Inquiry
{
    public required string Id { get; init; }
    public long Version { get; init; }
    public string BuyerId { get; init; } = "";
    public string BuyerName { get; init; } = "";
    public string BuyerCountry { get; init; } = "";
    public BuyerType BuyerType { get; init; }
    public string Title { get; init; } = "";
    public string Description { get; init; } = "";
    public IReadOnlyList<string> HsCodes { get; init; } = [];
    public double Quantity { get; init; }
    public string Unit { get; init; } = "";
    public double? TargetUnitPriceUsd { get; init; }
    public IReadOnlyList<string> RequiredCertifications { get; init; } = [];
    public IReadOnlyList<string> PreferredSupplierCountries { get; init; } = [];
    public IReadOnlyList<string> Languages { get; init; } = [];
    public DateTimeOffset? ValidUntil { get; init; }
    public InquiryStatus Status { get; init; } = InquiryStatus.Open;
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Open and not past its validity: the only inquiries that reverse matching returns.</summary>
    public bool IsOpenAt(DateTimeOffset now) =>
        Status == InquiryStatus.Open && (ValidUntil is null || ValidUntil > now);
}
