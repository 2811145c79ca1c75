using System.Text.Json.Serialization;

namespace Matchmaker.Events;

/// <summary>Event and participant bodies as stored; source-generated like the profiles'.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault)]
[JsonSerializable(typeof(Event))]
[JsonSerializable(typeof(Participant))]
internal sealed partial class EventJsonContext : JsonSerializerContext;
