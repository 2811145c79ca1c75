using Matchmaker.Profiles;

namespace Matchmaker.Matching;

/// <summary>
/// The checks on a match request, with the request's field paths: a list length out of range, or a
/// filter value that can never match, is a mistake to report, not an empty list to return.
/// </summary>
public static class MatchRules
{
    /// <summary>top_k 0 means the default; otherwise 1–<see cref="MatchOptions.MaxTopK"/>.</summary>
    /// <exception cref="ValidationException"/>
    public static MatchOptions Options(int topK, bool explain) => topK switch
    {
        0 => new MatchOptions(MatchOptions.DefaultTopK, explain),
        < 0 or > MatchOptions.MaxTopK => throw ValidationException.Of("top_k", $"must be between 1 and {MatchOptions.MaxTopK} (0 means {MatchOptions.DefaultTopK}); got {topK}"),
        _ => new MatchOptions(topK, explain),
    };

    /// <exception cref="ValidationException">Every value that is not a real country, region or language code.</exception>
    public static ExporterFilter Check(ExporterFilter filter)
    {
        if (filter.Countries.Count + filter.Regions.Count + filter.Languages.Count == 0)
        {
            return filter; // most requests set no filter: nothing to check, nothing to allocate
        }

        Check(("filters.countries", filter.Countries, c => IsoCodes.IsCountry(c.ToUpperInvariant()), "an ISO 3166-1 alpha-2 country code"),
            ("filters.regions", filter.Regions, r => r.Length > 3 && IsoCodes.IsCountry(r[..2].ToUpperInvariant())
                && IsoCodes.IsSubdivisionOf(r.ToUpperInvariant(), r[..2].ToUpperInvariant()), "an ISO 3166-2 region code such as RU-KHA"),
            ("filters.languages", filter.Languages, l => IsoCodes.IsLanguage(l.ToLowerInvariant()), "an ISO 639-1 language code"));
        return filter;
    }

    /// <exception cref="ValidationException">Every buyer country that is not a real country code.</exception>
    public static InquiryFilter Check(InquiryFilter filter)
    {
        if (filter.BuyerCountries.Count == 0)
        {
            return filter;
        }

        Check(("filters.buyer_countries", filter.BuyerCountries, c => IsoCodes.IsCountry(c.ToUpperInvariant()), "an ISO 3166-1 alpha-2 country code"));
        return filter;
    }

    private static void Check(params (string Field, IEnumerable<string> Values, Func<string, bool> IsValid, string Expected)[] lists)
    {
        var violations = new List<FieldViolation>();
        foreach (var (field, values, isValid, expected) in lists)
        {
            var i = 0;
            foreach (var value in values)
            {
                if (!isValid(value.Trim()))
                {
                    violations.Add(new FieldViolation($"{field}[{i}]", $"'{value}' is not {expected}"));
                }

                i++;
            }
        }

        if (violations.Count > 0)
        {
            throw new ValidationException(violations);
        }
    }
}
