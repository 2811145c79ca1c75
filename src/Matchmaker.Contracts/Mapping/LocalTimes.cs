using System.Globalization;
using Matchmaker.Profiles;

namespace Matchmaker.Mapping;

/// <summary>Local dates (YYYY-MM-DD) and times (HH:MM) as the event messages carry them; a text that does not parse is a field violation.</summary>
internal static class LocalTimes
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

    public static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Format(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);
}
