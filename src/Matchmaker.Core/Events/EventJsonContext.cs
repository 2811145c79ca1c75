using System.Text.Json.Serialization;

namespace Matchmaker.Events;

/// <summary>Event bodies as stored; source-generated like the profiles'.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault)]
[JsonSerializable(typeof(Event))]
internal sealed partial class EventJsonContext : JsonSerializerContext;
