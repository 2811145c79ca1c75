namespace Matchmaker.Reports;

/// <summary>What a demand-gap report covers: inquiries created in [From, To] (UTC dates), matched against exporters that pass the filters.</summary>
public sealed record DemandGapQuery(DateOnly From, DateOnly To)
{
    /// <summary>Exporters of any of these countries (ISO 3166-1); empty: any.</summary>
    public IReadOnlyList<string> ExporterCountries { get; init; } = [];

    /// <summary>Exporters of any of these regions (ISO 3166-2, the export support centre's region); empty: any.</summary>
    public IReadOnlyList<string> ExporterRegions { get; init; } = [];

    /// <summary>At most this many headings, most inquiries first.</summary>
    public int Top { get; init; } = 20;

    /// <summary>At most this many related exporters per heading.</summary>
    public int RelatedExporters { get; init; } = 10;
}

/// <summary>Why an exporter is listed as related to a heading.</summary>
public enum RelatednessBasis
{
    /// <summary>The store's exporters make both headings together (product-space proximity from co-production).</summary>
    Store = 1,

    /// <summary>An edge of the configured product-space network.</summary>
    Network = 2,

    /// <summary>Nothing closer known: a heading of the same HS chapter.</summary>
    SameChapter = 3,
}

/// <summary>An exporter who makes a heading close to the gap's: one the export support centre could help to supply it.</summary>
public sealed record RelatedExporter(string ExporterId, string Name, string Country, string Region, string Heading, double Proximity, RelatednessBasis Basis);

/// <summary>A buyers' country and how many of the gap's inquiries came from it.</summary>
public sealed record CountryCount(string Country, int Inquiries);

/// <summary>
/// An HS heading (4 digits) where buyers' inquiries found no good exporter: fewer than the
/// configured number of good matches, and no meeting with a maker of the heading.
/// </summary>
public sealed record DemandGap
{
    public required string Heading { get; init; }

    /// <summary>The HS description when a nomenclature is configured, else the words the gap's inquiries' titles begin with (else their most frequent title).</summary>
    public string Label { get; init; } = "";

    /// <summary>Inquiries of the period wanting this heading that found no good exporter.</summary>
    public int Inquiries { get; init; }

    /// <summary>Inquiries of the period wanting this heading, served or not.</summary>
    public int InquiriesWanting { get; init; }

    public int Buyers { get; init; }

    /// <summary>Most inquiries first.</summary>
    public IReadOnlyList<CountryCount> BuyerCountries { get; init; } = [];

    /// <summary>Mean number of matches per gap inquiry that make the heading at all (good or not).</summary>
    public double MeanMakersMatched { get; init; }

    /// <summary>Mean number of good matches per gap inquiry (below the threshold by definition).</summary>
    public double MeanGoodMatches { get; init; }

    /// <summary>The best formula score any maker of the heading reached for a gap inquiry (0 when none was matched).</summary>
    public double BestScore { get; init; }

    /// <summary>Exporters passing the filters who make the heading (of the first 500 makers looked at: a heading with more is rarely a gap).</summary>
    public int Makers { get; init; }

    /// <summary>The gap's inquiries (at most 50), for following them up.</summary>
    public IReadOnlyList<string> InquiryIds { get; init; } = [];

    /// <summary>Closest first.</summary>
    public IReadOnlyList<RelatedExporter> Related { get; init; } = [];
}

/// <summary>A period's demand gaps, most inquiries first.</summary>
public sealed record DemandGapReport(DateOnly From, DateOnly To, int Inquiries, int HeadingsWanted, IReadOnlyList<DemandGap> Gaps)
{
    /// <summary>Inquiries of the period that name only chapters (2 digits): no heading to judge them by.</summary>
    public int ChapterOnlyInquiries { get; init; }

    /// <summary>The configured product-space network's file name, or "" (related headings from the store alone).</summary>
    public string NetworkSource { get; init; } = "";

    /// <summary>The thresholds the report used.</summary>
    public int GoodExporters { get; init; }

    public double GoodScore { get; init; }
}
