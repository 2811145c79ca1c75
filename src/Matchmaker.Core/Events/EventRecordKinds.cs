using Matchmaker.Store;

namespace Matchmaker.Events;

/// <summary>Events and their participants as record kinds of the store: their tables, and the times the store sets on every write.</summary>
public static class EventRecordKinds
{
    public static RecordKind<Event> Event { get; } = new("event", "events", EventJsonContext.Default.Event, e => e.Id,
        (e, stamp) => e with { Version = stamp.Version, CreatedAt = stamp.Previous?.CreatedAt ?? stamp.Now, UpdatedAt = stamp.Now });

    /// <summary>Participants, keyed in the store by event and participant id ("EVT-1/P-7").</summary>
    public static RecordKind<Participant> Participant { get; } = new("participant", "participants", EventJsonContext.Default.Participant,
        p => p.Key, (p, stamp) => p with { Version = stamp.Version, CreatedAt = stamp.Previous?.CreatedAt ?? stamp.Now, UpdatedAt = stamp.Now });
}
