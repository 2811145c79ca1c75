namespace Matchmaker.Events;

/// <summary>
/// A 1:1 meeting between any two participants of an event, in one slot at one table once placed.
/// Its <see cref="Sequence"/> rises on every change a calendar must see (time, table, status), so an
/// agenda re-imported after a change updates the entry instead of duplicating it.
/// </summary>
public sealed record Meeting
{
    public required string EventId { get; init; }

    /// <summary>"M-" and eight letters or digits; stable for the pair's meeting across re-runs (the calendar UID).</summary>
    public required string Id { get; init; }

    public long Version { get; init; }

    public string A { get; init; } = "";

    public string B { get; init; } = "";

    /// <summary>Local date and start of its slot; null while not placed.</summary>
    public DateOnly? Date { get; init; }

    public TimeOnly? Start { get; init; }

    public int SlotMinutes { get; init; }

    public string TableId { get; init; } = "";

    public MeetingStatus Status { get; init; } = MeetingStatus.Proposed;

    /// <summary>Staff pinned it: a re-run keeps its slot and table.</summary>
    public bool Pinned { get; init; }

    public MeetingOrigin Origin { get; init; } = MeetingOrigin.Schedule;

    /// <summary>Why it was declined or cancelled.</summary>
    public string Reason { get; init; } = "";

    /// <summary>Morning or afternoon only; null: any session.</summary>
    public SessionPeriod? Period { get; init; }

    /// <summary>What the schedule counted it as worth.</summary>
    public double Value { get; init; }

    /// <summary>For a buyer–exporter meeting: the buyer's inquiry it is about (where outcomes become feedback).</summary>
    public string InquiryId { get; init; } = "";

    /// <summary>Where it was before its last move ("2026-05-14 10:20 T3"); empty: never moved.</summary>
    public string MovedFrom { get; init; } = "";

    /// <summary>iCalendar SEQUENCE: raised on every change of time, table or status.</summary>
    public int Sequence { get; init; }

    public IReadOnlyList<MeetingOutcome> Outcomes { get; init; } = [];

    /// <summary>What the ranker has been told about this meeting (each kind once, however often it is reported).</summary>
    public IReadOnlyList<Feedback.FeedbackKind> FeedbackSent { get; init; } = [];

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public string Key => Participant.KeyOf(EventId, Id);

    public bool Placed => Date is not null && Start is not null;

    /// <summary>Where it is, as <see cref="MovedFrom"/> records it: "2026-05-14 10:20 T3".</summary>
    public string Place => $"{Date:yyyy-MM-dd} {Start:HH\\:mm} {TableId}";

    /// <summary>Counts in the schedule: proposed, confirmed, held or no-show (not declined or cancelled).</summary>
    public bool Live => Status is not (MeetingStatus.Declined or MeetingStatus.Cancelled);

    public bool Involves(string participantId) => A == participantId || B == participantId;

    public string Other(string participantId) => A == participantId ? B : A;

    public bool Joins(string a, string b) => (A == a && B == b) || (A == b && B == a);

    /// <summary>The meeting with a new status and its reason (empty: none), its calendar sequence raised.</summary>
    public Meeting Becomes(MeetingStatus status, string reason) => this with { Status = status, Reason = reason, Sequence = Sequence + 1 };
}

public enum MeetingStatus
{
    Proposed = 1,
    Confirmed = 2,
    Declined = 3,
    Cancelled = 4,
    Held = 5,
    NoShow = 6,
}

public enum MeetingOrigin
{
    /// <summary>Placed by a schedule run.</summary>
    Schedule = 1,

    /// <summary>Added by staff: every run must place it or say why not.</summary>
    Staff = 2,
}

/// <summary>
/// What one side reported after the meeting (or months later: a contract). Each report is kept, so a
/// disagreement (one says held, the other no-show) stays visible.
/// </summary>
public sealed record MeetingOutcome
{
    /// <summary>The participant who reports, or "staff".</summary>
    public string ReportedBy { get; init; } = "";

    public bool? Held { get; init; }

    /// <summary>1–5; 0: not rated.</summary>
    public int Rating { get; init; }

    public bool FollowUp { get; init; }

    public bool ContractSigned { get; init; }

    public double ContractValueUsd { get; init; }

    public string Note { get; init; } = "";

    public DateTimeOffset ReportedAt { get; init; }
}
