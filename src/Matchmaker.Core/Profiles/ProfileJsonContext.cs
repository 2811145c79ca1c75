using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace Matchmaker.Profiles;

/// <summary>Profile bodies are stored as JSON (store and index); source-generated so a 100,000-record import does no reflection.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault)]
[JsonSerializable(typeof(Exporter))]
[JsonSerializable(typeof(Inquiry))]
internal sealed partial class ProfileJsonContext : JsonSerializerContext
{
    /// <summary>
    /// As stored: letters of every script written as themselves, not as \uXXXX escapes (the default
    /// encoder's choice, which made a Russian exporter's body three times as long to write, store,
    /// index and read back). Bodies written before are read the same.
    /// </summary>
    public static ProfileJsonContext Stored { get; } = new(new JsonSerializerOptions
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    });
}
