using System.Globalization;
using Matchmaker.Profiles;

namespace Matchmaker.Events;

/// <summary>
/// Local dates (YYYY-MM-DD) and times (HH:MM) as staff write them, in the API's messages and in the
/// files the console imports alike; a text that does not parse is a field violation.
/// </summary>
public static class LocalTimeText
{
    public static DateOnly Date(string text, string field, List<FieldViolation> violations)
    {
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        violations.Add(new FieldViolation(field, $"'{text}' is not a date like 2026-12-03"));
        return default;
    }

    /// <summary>HH:MM; "24:00" (the end of the day) when <paramref name="endOfDay"/> allows it.</summary>
    public static TimeOnly Time(string text, string field, List<FieldViolation> violations, bool endOfDay = false)
    {
        var trimmed = text.Trim();
        if (endOfDay && trimmed == "24:00")
        {
            return TimeOnly.MaxValue;
        }

        if (TimeOnly.TryParseExact(trimmed, "H:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        violations.Add(new FieldViolation(field, $"'{text}' is not a time like 09:30"));
        return default;
    }

    /// <summary>Ranges of unavailable local time (date, from, to: "24:00" may end one), each bad part named under <paramref name="field"/>.</summary>
    /// <exception cref="ValidationException">A date or a time that does not parse, each with its field.</exception>
    public static IReadOnlyList<LocalTimeRange> Ranges(IReadOnlyList<(string Date, string From, string To)> ranges, string field)
    {
        var violations = new List<FieldViolation>();
        var result = new List<LocalTimeRange>(ranges.Count);
        for (var i = 0; i < ranges.Count; i++)
        {
            var (date, from, to) = ranges[i];
            var at = $"{field}[{i}].";
            result.Add(new LocalTimeRange(Date(date, at + "date", violations), Time(from, at + "from", violations), Time(to, at + "to", violations, endOfDay: true)));
        }

        return violations.Count == 0 ? result : throw new ValidationException(violations);
    }
}
