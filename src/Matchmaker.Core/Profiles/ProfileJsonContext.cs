using System.Text.Json.Serialization;

namespace Matchmaker.Profiles;

/// <summary>Profile bodies are stored as JSON (store and index); source-generated so a 100,000-record import does no reflection.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault)]
[JsonSerializable(typeof(Exporter))]
[JsonSerializable(typeof(Inquiry))]
internal sealed partial class ProfileJsonContext : JsonSerializerContext;
