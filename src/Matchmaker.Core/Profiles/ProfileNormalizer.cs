namespace Matchmaker.Profiles;

/// <summary>
/// Puts incoming records in canonical form before validation: trimmed text, upper-case country and
/// region codes, lower-case language codes, lists without duplicates. "ru" and "RU " are both Russia.
/// </summary>
public static class ProfileNormalizer
{
    public static Exporter Normalize(Exporter e) => e with
    {
        Id = e.Id.Trim(),
        Name = e.Name.Trim(),
        Country = Upper(e.Country),
        Region = Upper(e.Region),
        Description = e.Description.Trim(),
        Products = [.. e.Products.Select(p => p with
        {
            HsCode = p.HsCode.Trim().Replace(".", "", StringComparison.Ordinal),
            Name = p.Name.Trim(),
            Description = p.Description.Trim(),
            Unit = p.Unit.Trim(),
        })],
        Certifications = Distinct(e.Certifications, s => s.Trim()),
        TargetMarkets = Distinct(e.TargetMarkets, Upper),
        Languages = Distinct(e.Languages, Lower),
        Website = e.Website.Trim(),
        Contact = e.Contact is { } c && (c.Name.Length + c.Email.Length + c.Phone.Length) > 0
            ? new Contact(c.Name.Trim(), c.Email.Trim(), c.Phone.Trim())
            : null,
    };

    public static Inquiry Normalize(Inquiry q) => q with
    {
        Id = q.Id.Trim(),
        BuyerId = q.BuyerId.Trim(),
        BuyerName = q.BuyerName.Trim(),
        BuyerCountry = Upper(q.BuyerCountry),
        Title = q.Title.Trim(),
        Description = q.Description.Trim(),
        HsCodes = Distinct(q.HsCodes, s => s.Trim().Replace(".", "", StringComparison.Ordinal)),
        Unit = q.Unit.Trim(),
        RequiredCertifications = Distinct(q.RequiredCertifications, s => s.Trim()),
        PreferredSupplierCountries = Distinct(q.PreferredSupplierCountries, Upper),
        Languages = Distinct(q.Languages, Lower),
    };

    /// <summary>The comparison key of a certification: "ISO 9001", "iso-9001" and "ISO9001" are one.</summary>
    public static string CertificationKey(string certification) =>
        string.Concat(certification.Where(char.IsLetterOrDigit)).ToUpperInvariant();

    private static string Upper(string s) => s.Trim().ToUpperInvariant();

    private static string Lower(string s) => s.Trim().ToLowerInvariant();

    private static string[] Distinct(IReadOnlyList<string> items, Func<string, string> canon) =>
        [.. items.Select(canon).Distinct(StringComparer.Ordinal)];
}
