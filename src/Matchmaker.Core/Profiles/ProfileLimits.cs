namespace Matchmaker.Profiles;

/// <summary>
/// Size limits on incoming records. They bound what one record may cost in the index and in a
/// match request (a 200-product exporter is already far beyond any real SME profile).
/// </summary>
public static class ProfileLimits
{
    public const int IdLength = 128;
    public const int NameLength = 300;
    public const int DescriptionLength = 20_000;
    public const int Products = 200;
    public const int ProductDescriptionLength = 5_000;
    public const int UnitLength = 16;
    public const int ListItems = 50;
    public const int ItemLength = 64;
    public const int TargetMarkets = 250;
    public const int HsCodes = 50;
    public const int WebsiteLength = 2_048;
    public const int MaxExperienceYears = 300;
}
