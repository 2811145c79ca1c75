using Matchmaker.Store;

namespace Matchmaker.Events;

/// <summary>Events as a record kind of the store: their table, and the times the store sets on every write.</summary>
public static class EventRecordKinds
{
    public static RecordKind<Event> Event { get; } = new("event", "events", EventJsonContext.Default.Event, e => e.Id,
        (e, stamp) => e with { Version = stamp.Version, CreatedAt = stamp.Previous?.CreatedAt ?? stamp.Now, UpdatedAt = stamp.Now });
}
