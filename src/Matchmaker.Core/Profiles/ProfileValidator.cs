namespace Matchmaker.Profiles;

/// <summary>
/// Checks normalized records (see <see cref="ProfileNormalizer"/>). Every problem is reported with
/// the API field path, prefixed by the caller's path to the record (e.g. "exporter.").
/// </summary>
public static class ProfileValidator
{
    /// <summary>Normalizes and validates; <paramref name="prefix"/> is the record's path in the request (e.g. "exporter.").</summary>
    /// <exception cref="ValidationException">The record is invalid.</exception>
    public static Exporter Prepare(Exporter exporter, string prefix = "")
    {
        var normalized = ProfileNormalizer.Normalize(exporter);
        var violations = Validate(normalized, prefix);
        return violations.Count == 0 ? normalized : throw new ValidationException(violations);
    }

    /// <inheritdoc cref="Prepare(Exporter, string)"/>
    public static Inquiry Prepare(Inquiry inquiry, string prefix = "")
    {
        var normalized = ProfileNormalizer.Normalize(inquiry);
        var violations = Validate(normalized, prefix);
        return violations.Count == 0 ? normalized : throw new ValidationException(violations);
    }

    public static IReadOnlyList<FieldViolation> Validate(Exporter e, string prefix = "")
    {
        var v = new FieldChecker(prefix);
        v.Id("id", e.Id);
        v.Text("name", e.Name, ProfileLimits.NameLength);
        v.Country("country", e.Country, required: true);
        if (e.Region.Length > 0 && !IsoCodes.IsSubdivisionOf(e.Region, e.Country))
        {
            v.Add("region", $"{FieldViolation.Quote(e.Region)} is not an ISO 3166-2 code of country {FieldViolation.Quote(e.Country)} (e.g. RU-KHA)");
        }

        v.Text("description", e.Description, ProfileLimits.DescriptionLength);
        v.Count("products", e.Products.Count, ProfileLimits.Products);
        for (var i = 0; i < e.Products.Count; i++)
        {
            var p = e.Products[i];
            var at = $"products[{i}].";
            v.Hs(at + "hs_code", p.HsCode);
            v.Text(at + "name", p.Name, ProfileLimits.NameLength);
            v.Text(at + "description", p.Description, ProfileLimits.ProductDescriptionLength);
            v.Text(at + "unit", p.Unit, ProfileLimits.UnitLength);
            v.Quantity(at + "annual_capacity", p.AnnualCapacity);
            v.Quantity(at + "min_order_quantity", p.MinOrderQuantity);
        }

        v.Items("certifications", e.Certifications, ProfileLimits.ListItems);
        v.Countries("target_markets", e.TargetMarkets, ProfileLimits.TargetMarkets);
        v.Languages("languages", e.Languages);
        v.Range("export_experience_years", e.ExportExperienceYears, ProfileLimits.MaxExperienceYears);
        v.Range("export_markets_count", e.ExportMarketsCount, IsoCodes.Countries.Count);
        v.Range("employees", e.Employees, int.MaxValue);
        v.Text("website", e.Website, ProfileLimits.WebsiteLength);
        if (e.Contact is { } c)
        {
            v.Text("contact.name", c.Name, ProfileLimits.NameLength);
            v.Text("contact.phone", c.Phone, ProfileLimits.ItemLength);
            v.Text("contact.email", c.Email, ProfileLimits.NameLength);
            if (c.Email.Length > 0 && (c.Email.IndexOf('@', StringComparison.Ordinal) is <= 0 || c.Email.EndsWith('@')))
            {
                v.Add("contact.email", $"{FieldViolation.Quote(c.Email)} is not an e-mail address");
            }
        }

        return v.Violations;
    }

    public static IReadOnlyList<FieldViolation> Validate(Inquiry q, string prefix = "")
    {
        var v = new FieldChecker(prefix);
        v.Id("id", q.Id);
        if (q.BuyerId.Length > 0)
        {
            v.Id("buyer_id", q.BuyerId);
        }

        v.Text("buyer_name", q.BuyerName, ProfileLimits.NameLength);
        v.Country("buyer_country", q.BuyerCountry, required: true);
        if (!Enum.IsDefined(q.BuyerType))
        {
            v.Add("buyer_type", $"unknown buyer type {(int)q.BuyerType}");
        }

        v.Text("title", q.Title, ProfileLimits.NameLength);
        v.Text("description", q.Description, ProfileLimits.DescriptionLength);
        v.Count("hs_codes", q.HsCodes.Count, ProfileLimits.HsCodes);
        for (var i = 0; i < q.HsCodes.Count; i++)
        {
            v.Hs($"hs_codes[{i}]", q.HsCodes[i]);
        }

        if (q.HsCodes.Count == 0 && q.Title.Length == 0)
        {
            v.Add("hs_codes", "an inquiry needs at least one HS code or a title to be matched on");
        }

        v.Quantity("quantity", q.Quantity);
        v.Text("unit", q.Unit, ProfileLimits.UnitLength);
        if (q.TargetUnitPriceUsd is { } price)
        {
            v.Quantity("target_unit_price_usd", price);
        }

        v.Items("required_certifications", q.RequiredCertifications, ProfileLimits.ListItems);
        v.Countries("preferred_supplier_countries", q.PreferredSupplierCountries, ProfileLimits.TargetMarkets);
        v.Languages("languages", q.Languages);
        if (!Enum.IsDefined(q.Status))
        {
            v.Add("status", $"unknown status {(int)q.Status}");
        }

        return v.Violations;
    }
}
