using System.Globalization;
using System.Text;
using System.Text.Json;
using Matchmaker.Profiles;

namespace Matchmaker.Events;

/// <summary>
/// A registration system's export of participants, read line by line for a <see cref="ParticipantImport"/>:
/// JSON Lines of the API's Participant message (proto3 JSON: camelCase or snake_case names, the role
/// as "PARTICIPANT_ROLE_BUYER", "buyer" or 1, as `matchmaker event import` reads them) or CSV with a
/// header naming its columns (role, id, exporter_id, buyer_id, inquiry_ids, name, organization,
/// languages, min_meetings, max_meetings, fixed_table_id; lists separated by ";"). A line that does
/// not parse is that line's error, with its field; the others go on.
/// </summary>
public static class ParticipantFile
{
    /// <summary>One line of the file: its number (from 1), an id to name it by, and how to read it (throws <see cref="ValidationException"/>).</summary>
    public sealed record Line(int Number, string Id, Func<Participant> Read);

    private static readonly string[] IdFields = ["id", "exporterId", "exporter_id", "buyerId", "buyer_id"];

    public static readonly string[] CsvColumns =
        ["role", "id", "exporter_id", "buyer_id", "inquiry_ids", "name", "organization", "languages", "min_meetings", "max_meetings", "fixed_table_id"];

    /// <param name="csv">CSV when true, else JSON Lines.</param>
    /// <exception cref="ValidationException">A CSV header without a role column, or with a column it does not know.</exception>
    public static IEnumerable<Line> Read(string eventId, string text, bool csv) => csv ? Csv(eventId, text) : JsonLines(eventId, text);

    private static IEnumerable<Line> JsonLines(string eventId, string text)
    {
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var id = IdOf(line);
            yield return new Line(number, id, () => FromJson(eventId, line));
        }
    }

    private static string IdOf(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return IdFields.Select(n => doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty(n, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null)
                .FirstOrDefault(v => !string.IsNullOrEmpty(v)) ?? "";
        }
        catch (JsonException)
        {
            return "";
        }
    }

    private static Participant FromJson(string eventId, string json)
    {
        JsonElement root;
        try
        {
            using var doc = JsonDocument.Parse(json);
            root = doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw ValidationException.Of("line", $"is not JSON: {e.Message}");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw ValidationException.Of("line", "is not a JSON object");
        }

        string S(string name) => Get(root, name) is { ValueKind: JsonValueKind.String } v ? v.GetString()! : "";
        int I(string name) => Get(root, name) switch
        {
            { ValueKind: JsonValueKind.Number } v when v.TryGetInt32(out var n) => n,
            { ValueKind: JsonValueKind.String } v when int.TryParse(v.GetString(), CultureInfo.InvariantCulture, out var n) => n,
            null => 0,
            _ => throw ValidationException.Of(Snake(name), "is not a whole number"),
        };
        List<string> L(string name) => Get(root, name) is { ValueKind: JsonValueKind.Array } v
            ? [.. v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!)]
            : [];

        var unavailable = new List<LocalTimeRange>();
        if (Get(root, "unavailable") is { ValueKind: JsonValueKind.Array } ranges)
        {
            var i = 0;
            foreach (var r in ranges.EnumerateArray())
            {
                unavailable.Add(Range(r, i++));
            }
        }

        return new Participant
        {
            EventId = eventId,
            Id = S("id"),
            Role = Role(Get(root, "role")),
            ExporterId = S("exporterId"),
            BuyerId = S("buyerId"),
            InquiryIds = L("inquiryIds"),
            Name = S("name"),
            Organization = S("organization"),
            Languages = L("languages"),
            MinMeetings = I("minMeetings"),
            MaxMeetings = I("maxMeetings"),
            FixedTableId = S("fixedTableId"),
            Unavailable = unavailable,
        };
    }

    private static LocalTimeRange Range(JsonElement r, int i)
    {
        string S(string name) => r.ValueKind == JsonValueKind.Object && r.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
        var date = DateOnly.TryParseExact(S("date"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
            : throw ValidationException.Of($"unavailable[{i}].date", $"{FieldViolation.Quote(S("date"))} is not a date (YYYY-MM-DD)");
        return new LocalTimeRange(date, Time(S("from"), $"unavailable[{i}].from"), Time(S("to"), $"unavailable[{i}].to"));
    }

    private static TimeOnly Time(string text, string field) =>
        text == "24:00" ? TimeOnly.MaxValue
        : TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t
        : throw ValidationException.Of(field, $"{FieldViolation.Quote(text)} is not a time (HH:MM)");

    /// <summary>A field by its proto3-JSON name or its proto (snake_case) name.</summary>
    private static JsonElement? Get(JsonElement root, string camel) =>
        root.TryGetProperty(camel, out var v) || root.TryGetProperty(Snake(camel), out v) ? v : null;

    private static string Snake(string camel)
    {
        var s = new StringBuilder();
        foreach (var c in camel)
        {
            s.Append(char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : c);
        }

        return s.ToString();
    }

    private static ParticipantRole Role(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.Number } v when v.TryGetInt32(out var n) && Enum.IsDefined((ParticipantRole)n) => (ParticipantRole)n,
        { ValueKind: JsonValueKind.String } v => RoleNamed(v.GetString()!),
        null => throw ValidationException.Required("role"),
        _ => throw ValidationException.Of("role", "is not a role: buyer, exporter or consultant"),
    };

    private static ParticipantRole RoleNamed(string name) =>
        name.Trim().ToLowerInvariant().Replace("participant_role_", "", StringComparison.Ordinal) switch
        {
            "buyer" => ParticipantRole.Buyer,
            "exporter" => ParticipantRole.Exporter,
            "consultant" => ParticipantRole.Consultant,
            _ => throw ValidationException.Of("role", $"{FieldViolation.Quote(name)} is not a role: buyer, exporter or consultant"),
        };

    private static IEnumerable<Line> Csv(string eventId, string text)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var headerAt = lines.FindIndex(l => l.Trim().Length > 0);
        if (headerAt < 0)
        {
            yield break;
        }

        var header = CsvLine.Fields(lines[headerAt]).Select(h => h.Trim().ToLowerInvariant()).ToList();
        var unknown = header.Where(h => !CsvColumns.Contains(h)).ToList();
        if (unknown.Count > 0 || !header.Contains("role"))
        {
            throw ValidationException.Of("header", unknown.Count > 0
                ? $"unknown column {FieldViolation.Quote(unknown[0])}; the columns are {string.Join(", ", CsvColumns)}"
                : $"names no role column; the columns are {string.Join(", ", CsvColumns)}");
        }

        for (var n = headerAt + 1; n < lines.Count; n++)
        {
            if (lines[n].Trim().Length == 0)
            {
                continue;
            }

            var fields = CsvLine.Fields(lines[n]);
            string F(string column) => header.IndexOf(column) is var i and >= 0 && i < fields.Count ? fields[i].Trim() : "";
            int I(string column) => F(column) is { Length: > 0 } s
                ? int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : throw ValidationException.Of(column, $"{FieldViolation.Quote(s)} is not a whole number")
                : 0;
            List<string> L(string column) => [.. F(column).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
            var id = new[] { F("id"), F("exporter_id"), F("buyer_id") }.FirstOrDefault(s => s.Length > 0) ?? "";
            yield return new Line(n + 1, id, () => new Participant
            {
                EventId = eventId,
                Id = F("id"),
                Role = F("role") is { Length: > 0 } role ? RoleNamed(role) : throw ValidationException.Required("role"),
                ExporterId = F("exporter_id"),
                BuyerId = F("buyer_id"),
                InquiryIds = L("inquiry_ids"),
                Name = F("name"),
                Organization = F("organization"),
                Languages = L("languages"),
                MinMeetings = I("min_meetings"),
                MaxMeetings = I("max_meetings"),
                FixedTableId = F("fixed_table_id"),
            });
        }
    }
}
