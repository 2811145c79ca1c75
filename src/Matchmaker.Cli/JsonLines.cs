using Google.Protobuf;
using Matchmaker.Mapping;
using Matchmaker.Profiles;

namespace Matchmaker.Cli;

/// <summary>Reads a JSON Lines file of proto3 JSON messages; the first bad line stops it with its number.</summary>
internal static class JsonLines
{
    /// <summary>proto3 JSON with every field, defaults included (a zero label, from_cache false): for what scripts read.</summary>
    public static readonly JsonFormatter EveryField = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    /// <summary>
    /// Why <paramref name="text"/> is not a message of <paramref name="parser"/>'s kind, naming the field where protobuf's
    /// parser does not ("id: Unsupported conversion from JSON number for field type String"), or saying that it is not JSON.
    /// </summary>
    public static string Why(MessageParser parser, string text, Exception e)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != System.Text.Json.JsonValueKind.Object)
            {
                return $"a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}, not an object";
            }

            // Only on a failure: each field alone, the first that the parser refuses is the one to name.
            foreach (var field in document.RootElement.EnumerateObject())
            {
                try
                {
                    parser.ParseJson($"{{{System.Text.Json.JsonSerializer.Serialize(field.Name)}:{field.Value.GetRawText()}}}");
                }
                catch (Exception refused) when (ProtoJson.NotTheMessage(refused))
                {
                    return refused.Message.Contains(field.Name, StringComparison.Ordinal) ? refused.Message : $"{field.Name}: {refused.Message}";
                }
            }
        }
        catch (System.Text.Json.JsonException notJson)
        {
            return $"not JSON ({notJson.Message})";
        }

        return e.Message;
    }

    /// <summary>A file holding one message in proto3 JSON (<c>upsert</c>, <c>preview</c>, <c>event create</c>): an empty, binary or missing file is bad usage, said as such.</summary>
    public static T ReadMessage<T>(string path, MessageParser<T> parser)
        where T : IMessage<T>
    {
        var text = ReadText(path, $"one {typeof(T).Name} message in proto3 JSON");
        try
        {
            return parser.ParseJson(text);
        }
        catch (Exception e) when (ProtoJson.NotTheMessage(e))
        {
            throw new UsageException($"{path} is not a valid {typeof(T).Name} in proto3 JSON: {Why(parser, text, e).Shortened()}");
        }
    }

    /// <summary>A text file's content; <paramref name="what"/> says what it should hold when it is missing, empty or not UTF-8 text.</summary>
    public static string ReadText(string path, string what)
    {
        if (!File.Exists(path))
        {
            throw new UsageException(Text.NotAFile(path));
        }

        var bytes = File.ReadAllBytes(path);
        string text;
        try
        {
            text = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw new UsageException($"{path} is not UTF-8 text (a binary file?): it should hold {what}");
        }

        return text.Contains('\0', StringComparison.Ordinal) ? throw new UsageException($"{path} is not text (it holds NUL bytes): it should hold {what}")
            : string.IsNullOrWhiteSpace(text.TrimStart('\uFEFF')) ? throw new UsageException($"{path} is empty: it should hold {what}")
            : text.TrimStart('\uFEFF');
    }

    public static List<T> Read<TProto, T>(string path, MessageParser<TProto> parser, Func<TProto, T> convert)
        where TProto : IMessage<TProto>
    {
        if (!File.Exists(path))
        {
            throw new UsageException(Text.NotAFile(path));
        }

        var records = new List<T>();
        long line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            try
            {
                records.Add(convert(parser.ParseJson(text)));
            }
            catch (Exception e) when (ProtoJson.NotTheMessage(e))
            {
                throw new UsageException($"{path} line {line}: {Why(parser, text, e).Shortened()}");
            }
            catch (Exception e) when (e is InvalidDataException or ValidationException)
            {
                throw new UsageException($"{path} line {line}: {e.Message}");
            }
        }

        return records;
    }
}
