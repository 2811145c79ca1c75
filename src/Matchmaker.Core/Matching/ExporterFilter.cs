namespace Matchmaker.Matching;

/// <summary>Hard filters on exporters. Empty lists do not restrict.</summary>
public sealed record ExporterFilter
{
    public static ExporterFilter None { get; } = new();

    /// <summary>Any of these countries.</summary>
    public IReadOnlyList<string> Countries { get; init; } = [];

    /// <summary>Any of these ISO 3166-2 regions.</summary>
    public IReadOnlyList<string> Regions { get; init; } = [];

    /// <summary>All of these certifications.</summary>
    public IReadOnlyList<string> Certifications { get; init; } = [];

    /// <summary>Any of these languages.</summary>
    public IReadOnlyList<string> Languages { get; init; } = [];
}
