using Google.Protobuf;

namespace Matchmaker.Mapping;

/// <summary>proto3 JSON as the command line and the REST check read it.</summary>
public static class ProtoJson
{
    /// <summary>What protobuf's JSON parser throws for text that is not the message asked for (bad JSON, an unknown field, a bad value).</summary>
    public static bool NotTheMessage(Exception e) => e is InvalidProtocolBufferException or InvalidJsonException or FormatException;
}
