using Matchmaker.Profiles;

namespace Matchmaker.Matching;

/// <summary>Hard filters on inquiries. Empty lists do not restrict.</summary>
public sealed record InquiryFilter
{
    public static InquiryFilter None { get; } = new();

    public IReadOnlyList<string> BuyerCountries { get; init; } = [];

    public IReadOnlyList<BuyerType> BuyerTypes { get; init; } = [];
}
