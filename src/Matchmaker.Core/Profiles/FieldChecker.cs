namespace Matchmaker.Profiles;

/// <summary>
/// Collects every problem of an incoming record with its API field path (under the caller's
/// prefix, e.g. "exporter."): the checks profiles, events and later records share.
/// </summary>
public sealed class FieldChecker(string prefix)
{
    public List<FieldViolation> Violations { get; } = [];

    public void Add(string field, string reason) => Violations.Add(new FieldViolation(prefix + field, reason));

    /// <exception cref="ValidationException">Every problem found, when there is one.</exception>
    public void ThrowIfAny()
    {
        if (Violations.Count > 0)
        {
            throw new ValidationException(Violations);
        }
    }

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
            Add(field, $"{FieldViolation.Quote(id)} may hold only ASCII letters, digits and - _ . : @");
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
            Add(field, $"{FieldViolation.Quote(code)} is not an HS code: 2, 4 or 6 digits of a chapter 01–97");
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
            Add(field, $"{FieldViolation.Quote(code)} is not an ISO 3166-1 alpha-2 country code");
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
                Add($"{field}[{i}]", $"{FieldViolation.Quote(codes[i])} is not an ISO 639-1 language code");
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
