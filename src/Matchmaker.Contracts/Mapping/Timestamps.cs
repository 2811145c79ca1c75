using Google.Protobuf.WellKnownTypes;
using Matchmaker.Profiles;

namespace Matchmaker.Mapping;

/// <summary>
/// Timestamps a client sends, checked before conversion: Timestamp.ToDateTimeOffset throws on
/// seconds outside years 1–9999 or nanos outside 0–999,999,999, which would reach the client as
/// UNKNOWN; here they are INVALID_ARGUMENT naming the field.
/// </summary>
public static class Timestamps
{
    private const long MinSeconds = -62_135_596_800;   // 0001-01-01T00:00:00Z
    private const long MaxSeconds = 253_402_300_799;   // 9999-12-31T23:59:59Z

    public static DateTimeOffset ToChecked(this Timestamp timestamp, string field) =>
        timestamp.Seconds is >= MinSeconds and <= MaxSeconds && timestamp.Nanos is >= 0 and <= 999_999_999
            ? timestamp.ToDateTimeOffset()
            : throw ValidationException.Of(field, "is not a valid time (seconds must fall in years 1 to 9999, nanos in 0 to 999,999,999)");
}
