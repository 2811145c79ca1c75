using Google.Protobuf;
using Matchmaker.Profiles;

namespace Matchmaker.Cli;

/// <summary>Reads a JSON Lines file of proto3 JSON messages; the first bad line stops it with its number.</summary>
internal static class JsonLines
{
    /// <summary>proto3 JSON with every field, defaults included (a zero label, from_cache false): for what scripts read.</summary>
    public static readonly JsonFormatter EveryField = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    /// <summary>What protobuf's JSON parser throws for text that is not the message asked for (bad JSON, an unknown field, a bad value).</summary>
    public static bool NotTheMessage(Exception e) => e is InvalidProtocolBufferException or InvalidJsonException or FormatException;

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
            catch (Exception e) when (NotTheMessage(e) || e is InvalidDataException or ValidationException)
            {
                throw new UsageException($"{path} line {line}: {e.Message}");
            }
        }

        return records;
    }
}
