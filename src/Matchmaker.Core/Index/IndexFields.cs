namespace Matchmaker.Index;

/// <summary>Field names of the index; one index holds both exporters and inquiries, told apart by <see cref="Type"/>.</summary>
internal static class IndexFields
{
    public const string Uid = "uid";
    public const string Type = "type";
    public const string Id = "id";
    public const string Text = "text";
    public const string Country = "country";
    public const string Region = "region";
    public const string Certification = "cert";
    public const string Language = "lang";
    public const string Market = "market";
    public const string PreferredSupplier = "pref";
    public const string BuyerType = "buyer_type";
    public const string Active = "active";
    public const string Status = "status";
    public const string ValidUntil = "valid_until";
    public const string Body = "body";

    public const string ExporterType = "exporter";
    public const string InquiryType = "inquiry";

    /// <summary>"hs2", "hs4" or "hs6": one field per HS level, so each level can carry its own weight.</summary>
    public static string Hs(int digits) => digits switch
    {
        2 => "hs2",
        4 => "hs4",
        6 => "hs6",
        _ => throw new ArgumentOutOfRangeException(nameof(digits), digits, "HS levels are 2, 4 and 6 digits"),
    };

    public static string ExporterUid(string id) => "e:" + id;

    public static string InquiryUid(string id) => "i:" + id;
}
