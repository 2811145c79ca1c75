using System.Globalization;
using Matchmaker.Profiles;

namespace Matchmaker.Mapping;

/// <summary>Local dates (YYYY-MM-DD) and times (HH:MM) as the event messages carry them; a text that does not parse is a field violation.</summary>
internal static class LocalTimes
{
    public static DateOnly Date(string text, string field, List<FieldViolation> violations) => Events.LocalTimeText.Date(text, field, violations);

    /// <summary>HH:MM; "24:00" (the end of the day) when <paramref name="endOfDay"/> allows it.</summary>
    public static TimeOnly Time(string text, string field, List<FieldViolation> violations, bool endOfDay = false) =>
        Events.LocalTimeText.Time(text, field, violations, endOfDay);

    public static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Format(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);
}
