using System.Text.Json.Serialization;

namespace Matchmaker.Events;

/// <summary>Event, participant, request, block and meeting bodies as stored; source-generated like the profiles'.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault)]
[JsonSerializable(typeof(Event))]
[JsonSerializable(typeof(Participant))]
[JsonSerializable(typeof(MeetingRequest))]
[JsonSerializable(typeof(PairBlock))]
[JsonSerializable(typeof(Meeting))]
internal sealed partial class EventJsonContext : JsonSerializerContext;
