using System.Text.Json.Serialization;
using Matchmaker.Profiles;

namespace Matchmaker.Store;

/// <summary>Record bodies are stored as JSON; source-generated so a 100,000-record import does no reflection.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault)]
[JsonSerializable(typeof(Exporter))]
[JsonSerializable(typeof(Inquiry))]
internal sealed partial class StoreJsonContext : JsonSerializerContext;
