namespace Matchmaker.Events;

/// <summary>
/// Someone who takes part in an event's 1:1 meetings: a buyer (a stored buyer with one or more of
/// its inquiries), an exporter (a stored exporter) or an export consultant. Any two participants
/// may meet; nothing assumes a meeting has two fixed sides.
/// </summary>
public sealed record Participant
{
    public required string EventId { get; init; }

    /// <summary>Unique within the event.</summary>
    public required string Id { get; init; }

    public long Version { get; init; }

    public ParticipantRole Role { get; init; }

    /// <summary>The stored exporter (exporters).</summary>
    public string ExporterId { get; init; } = "";

    /// <summary>The buyer, as its inquiries name it (buyers).</summary>
    public string BuyerId { get; init; } = "";

    /// <summary>The buyer's stored inquiries this event is about (buyers: at least one).</summary>
    public IReadOnlyList<string> InquiryIds { get; init; } = [];

    /// <summary>The name shown on agendas (consultants: required; others: the stored record's when empty).</summary>
    public string Name { get; init; } = "";

    public string Organization { get; init; } = "";

    public IReadOnlyList<string> Languages { get; init; } = [];

    /// <summary>At most this many meetings; 0: as many as the schedule allows.</summary>
    public int MaxMeetings { get; init; }

    /// <summary>The meetings the participant wants at least (a fair schedule gives them where it can).</summary>
    public int MinMeetings { get; init; }

    /// <summary>A host who stays at this table while the other side moves; empty: none.</summary>
    public string FixedTableId { get; init; } = "";

    /// <summary>Local times the participant cannot meet.</summary>
    public IReadOnlyList<LocalTimeRange> Unavailable { get; init; } = [];

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The participant's key in the store: event and participant id.</summary>
    public string Key => KeyOf(EventId, Id);

    /// <summary>What the staff console shows: its name, else its organization, else its id.</summary>
    public string DisplayName => Name.Length > 0 ? Name : Organization.Length > 0 ? Organization : Id;

    public static string KeyOf(string eventId, string participantId) => eventId + "/" + participantId;
}
