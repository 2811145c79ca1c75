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

    public static readonly string[] CsvColumns =
        ["role", "id", "exporter_id", "buyer_id", "inquiry_ids", "name", "organization", "languages", "min_meetings", "max_meetings", "fixed_table_id"];

    /// <summary>One line's fields by their proto (snake_case) names, however the format spells and types them.</summary>
    private sealed record Fields(Func<string, string> Text, Func<string, int> Number, Func<string, List<string>> List,
        Func<ParticipantRole> Role, Func<IReadOnlyList<LocalTimeRange>> Unavailable)
    {
        /// <summary>What names the line in the error list: its id, else its exporter's or buyer's.</summary>
        public string Id => new[] { Text("id"), Text("exporter_id"), Text("buyer_id") }.FirstOrDefault(s => s.Length > 0) ?? "";

        public Participant Build(string eventId) => new()
        {
            EventId = eventId,
            Id = Text("id"),
            Role = Role(),
            ExporterId = Text("exporter_id"),
            BuyerId = Text("buyer_id"),
            InquiryIds = List("inquiry_ids"),
            Name = Text("name"),
            Organization = Text("organization"),
            Languages = List("languages"),
            MinMeetings = Number("min_meetings"),
            MaxMeetings = Number("max_meetings"),
            FixedTableId = Text("fixed_table_id"),
            Unavailable = Unavailable(),
        };
    }

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

            var (root, refusal) = Parse(line);
            if (refusal is not null)
            {
                yield return new Line(number, "", () => throw ValidationException.Of("line", refusal));
                continue;
            }

            var fields = JsonFields(root);
            if (Unknown(root) is { } unknown)
            {
                yield return new Line(number, fields.Id, () => throw ValidationException.Of(unknown.Field, unknown.Reason));
                continue;
            }

            yield return new Line(number, fields.Id, () => fields.Build(eventId));
        }
    }

    /// <summary>The line's JSON object, read once for its id and its fields; or why it is none.</summary>
    private static (JsonElement Root, string? Refusal) Parse(string line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            return doc.RootElement.ValueKind == JsonValueKind.Object ? (doc.RootElement.Clone(), null) : (default, "is not a JSON object");
        }
        catch (JsonException e)
        {
            return (default, $"is not JSON: {e.Message}");
        }
    }

    /// <summary>A participant's fields in JSON: their proto names and their lowerCamelCase names.</summary>
    private static readonly HashSet<string> JsonNames = BothSpellings(
    [
        "event_id", "id", "version", "role", "exporter_id", "buyer_id", "inquiry_ids", "name", "organization", "languages", "max_meetings", "min_meetings",
        "fixed_table_id", "unavailable", "created_at", "updated_at",
    ]);

    private static HashSet<string> BothSpellings(string[] snake) => [.. snake, .. snake.Select(Camel)];

    /// <summary>
    /// The first field a participant does not have (a mistyped name, or a line of another kind of file: an exporter
    /// profile's "products", an inquiry's "hsCodes"), said with what the line reads as; null when every field is known.
    /// </summary>
    private static FieldViolation? Unknown(JsonElement root)
    {
        var unknown = root.EnumerateObject().Select(p => p.Name).FirstOrDefault(n => !JsonNames.Contains(n));
        if (unknown is null)
        {
            return null;
        }

        bool Has(string snake) => root.TryGetProperty(snake, out _) || root.TryGetProperty(Camel(snake), out _);
        var kind = Has("products") ? " (it reads as an exporter profile: profiles are imported as records, then added here as participants)"
            : Has("hs_codes") || Has("buyer_country") ? " (it reads as a buyer inquiry: inquiries are imported as records, then their buyers added here as participants)"
            : "";
        return new FieldViolation(unknown, $"is not a field of a participant{kind}");
    }

    private static Fields JsonFields(JsonElement root)
    {
        // proto3 JSON names fields in lowerCamelCase and parsers accept the proto names too.
        JsonElement? Get(string snake) =>
            root.TryGetProperty(Camel(snake), out var v) || root.TryGetProperty(snake, out v) ? v : null;

        return new Fields(
            name => Get(name) is { ValueKind: JsonValueKind.String } v ? v.GetString()! : "",
            name => Get(name) switch
            {
                { ValueKind: JsonValueKind.Number } v when v.TryGetInt32(out var n) => n,
                { ValueKind: JsonValueKind.String } v when int.TryParse(v.GetString(), CultureInfo.InvariantCulture, out var n) => n,
                null => 0,
                _ => throw ValidationException.Of(name, "is not a whole number"),
            },
            name => Get(name) is { ValueKind: JsonValueKind.Array } v
                ? [.. v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!)]
                : [],
            () => Get("role") switch
            {
                { ValueKind: JsonValueKind.Number } v when v.TryGetInt32(out var n) && Enum.IsDefined((ParticipantRole)n) => (ParticipantRole)n,
                { ValueKind: JsonValueKind.String } v => RoleNamed(v.GetString()!),
                null => throw ValidationException.Required("role"),
                _ => throw ValidationException.Of("role", "is not a role: buyer, exporter or consultant"),
            },
            () => Get("unavailable") is { ValueKind: JsonValueKind.Array } ranges
                ? LocalTimeText.Ranges([.. ranges.EnumerateArray().Select(r => (Part(r, "date"), Part(r, "from"), Part(r, "to")))], "unavailable")
                : []);

        static string Part(JsonElement range, string name) =>
            range.ValueKind == JsonValueKind.Object && range.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
    }

    private static string Camel(string snake)
    {
        var s = new StringBuilder();
        for (var i = 0; i < snake.Length; i++)
        {
            s.Append(snake[i] == '_' && i + 1 < snake.Length ? char.ToUpperInvariant(snake[++i]) : snake[i]);
        }

        return s.ToString();
    }

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

        var header = CsvLine.Fields(lines[headerAt]).Select(h => h.ToLowerInvariant()).ToList();
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

            var values = CsvLine.Fields(lines[n]);
            string F(string column) => header.IndexOf(column) is var i and >= 0 && i < values.Count ? values[i] : "";
            var fields = new Fields(
                F,
                column => F(column) is { Length: > 0 } s
                    ? int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : throw ValidationException.Of(column, $"{FieldViolation.Quote(s)} is not a whole number")
                    : 0,
                column => [.. F(column).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
                () => F("role") is { Length: > 0 } role ? RoleNamed(role) : throw ValidationException.Required("role"),
                () => []);
            yield return new Line(n + 1, fields.Id, () => fields.Build(eventId));
        }
    }
}
