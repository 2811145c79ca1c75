namespace Matchmaker.Events;

/// <summary>
/// A 1:1 meeting event: a buyer-invitation fair, an export consultation meeting or an online
/// round, with its days, sessions of fixed slots and its tables. Times are local to
/// <see cref="TimeZone"/> (an IANA zone), so a schedule stays right across a daylight-saving change.
/// </summary>
public sealed record Event
{
    public required string Id { get; init; }

    public long Version { get; init; }

    public string Name { get; init; } = "";

    public EventKind Kind { get; init; }

    /// <summary>IANA time zone of every date and time of the event, e.g. "Asia/Vladivostok".</summary>
    public string TimeZone { get; init; } = "";

    public string Location { get; init; } = "";

    public string Description { get; init; } = "";

    public IReadOnlyList<EventDay> Days { get; init; } = [];

    public IReadOnlyList<EventTable> Tables { get; init; } = [];

    /// <summary>When participants stop requesting meetings; null: until the event ends.</summary>
    public DateTimeOffset? RequestDeadline { get; init; }

    public EventStatus Status { get; init; } = EventStatus.Draft;

    /// <summary>The last saved schedule run's figures; null: never scheduled.</summary>
    public ScheduleSummary? LastSchedule { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>What the last saved schedule run reached: its value against the b-matching bound, and its breaks.</summary>
public sealed record ScheduleSummary(DateTimeOffset At, Scheduling.ScheduleMode Mode, Scheduling.ScheduleStatus Status, int Meetings, double Value,
    double Bound, double Gap, int Breaks, int MaxBreaks, double Seconds);
