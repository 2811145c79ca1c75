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
        var v = new Checker(prefix);
        v.Id("id", e.Id);
        v.Text("name", e.Name, ProfileLimits.NameLength);
        v.Country("country", e.Country, required: true);
        if (e.Region.Length > 0 && !IsoCodes.IsSubdivisionOf(e.Region, e.Country))
        {
            v.Add("region", $"'{e.Region}' is not an ISO 3166-2 code of country '{e.Country}' (e.g. RU-KHA)");
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
                v.Add("contact.email", $"'{c.Email}' is not an e-mail address");
            }
        }

        return v.Violations;
    }

    public static IReadOnlyList<FieldViolation> Validate(Inquiry q, string prefix = "")
    {
        var v = new Checker(prefix);
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

    private sealed class Checker(string prefix)
    {
        public List<FieldViolation> Violations { get; } = [];

        public void Add(string field, string reason) => Violations.Add(new FieldViolation(prefix + field, reason));

        public void Id(string field, string id)
        {
            if (id.Length == 0)
            {
                Add(field, "must not be empty");
            }
            else if (id.Length > ProfileLimits.IdLength)
            {
                Add(field, $"is {id.Length} characters long; at most {ProfileLimits.IdLength} are allowed");
            }
            else if (!id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '@'))
            {
                Add(field, $"'{id}' may hold only ASCII letters, digits and - _ . : @");
            }
        }

        public void Text(string field, string text, int max)
        {
            if (text.Length > max)
            {
                Add(field, $"is {text.Length} characters long; at most {max} are allowed");
            }
        }

        public void Count(string field, int count, int max)
        {
            if (count > max)
            {
                Add(field, $"has {count} items; at most {max} are allowed");
            }
        }

        public void Hs(string field, string code)
        {
            if (!HsCode.IsValid(code))
            {
                Add(field, $"'{code}' is not an HS code: 2, 4 or 6 digits of a chapter 01–97");
            }
        }

        public void Quantity(string field, double value)
        {
            if (double.IsNaN(value) || double.IsInfinity(value))
            {
                Add(field, "must be a finite number");
            }
            else if (value < 0)
            {
                Add(field, $"must not be negative (got {value})");
            }
        }

        public void Range(string field, int value, int max)
        {
            if (value < 0 || value > max)
            {
                Add(field, $"must be between 0 and {max} (got {value})");
            }
        }

        public void Country(string field, string code, bool required)
        {
            if (code.Length == 0)
            {
                if (required)
                {
                    Add(field, "must not be empty: an ISO 3166-1 alpha-2 country code");
                }
            }
            else if (!IsoCodes.IsCountry(code))
            {
                Add(field, $"'{code}' is not an ISO 3166-1 alpha-2 country code");
            }
        }

        public void Countries(string field, IReadOnlyList<string> codes, int max)
        {
            Count(field, codes.Count, max);
            for (var i = 0; i < codes.Count; i++)
            {
                Country($"{field}[{i}]", codes[i], required: true);
            }
        }

        public void Languages(string field, IReadOnlyList<string> codes)
        {
            Count(field, codes.Count, ProfileLimits.ListItems);
            for (var i = 0; i < codes.Count; i++)
            {
                if (!IsoCodes.IsLanguage(codes[i]))
                {
                    Add($"{field}[{i}]", $"'{codes[i]}' is not an ISO 639-1 language code");
                }
            }
        }

        public void Items(string field, IReadOnlyList<string> items, int max)
        {
            Count(field, items.Count, max);
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i].Length == 0)
                {
                    Add($"{field}[{i}]", "must not be empty");
                }
                else
                {
                    Text($"{field}[{i}]", items[i], ProfileLimits.ItemLength);
                }
            }
        }
    }
}
