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

    /// <summary>Meeting requests, keyed by event and request id.</summary>
    public static RecordKind<MeetingRequest> Request { get; } = new("request", "meeting_requests", EventJsonContext.Default.MeetingRequest,
        r => r.Key, (r, stamp) => r with { Version = stamp.Version, CreatedAt = stamp.Previous?.CreatedAt ?? stamp.Now, UpdatedAt = stamp.Now });

    /// <summary>Blocked pairs, keyed by event and pair.</summary>
    public static RecordKind<PairBlock> Block { get; } = new("block", "pair_blocks", EventJsonContext.Default.PairBlock,
        b => b.Key, (b, stamp) => b with { Version = stamp.Version, CreatedAt = stamp.Previous?.CreatedAt ?? stamp.Now, UpdatedAt = stamp.Now });

    /// <summary>Meetings, keyed by event and meeting id.</summary>
    public static RecordKind<Meeting> Meeting { get; } = new("meeting", "meetings", EventJsonContext.Default.Meeting,
        m => m.Key, (m, stamp) => m with { Version = stamp.Version, CreatedAt = stamp.Previous?.CreatedAt ?? stamp.Now, UpdatedAt = stamp.Now });
}
