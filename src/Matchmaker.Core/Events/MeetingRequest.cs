namespace Matchmaker.Events;

/// <summary>
/// One participant asking to meet another in an event: a buyer asking an exporter, two exporters
/// partnering, an exporter asking a consultant. The other side accepts, declines with a reason, or
/// lets it expire at the event's request deadline.
/// </summary>
public sealed record MeetingRequest
{
    public required string EventId { get; init; }

    /// <summary>"R-" and eight letters or digits, given by the server.</summary>
    public required string Id { get; init; }

    public long Version { get; init; }

    /// <summary>The participant who asks.</summary>
    public string FromId { get; init; } = "";

    /// <summary>The participant asked.</summary>
    public string ToId { get; init; } = "";

    public RequestPriority Priority { get; init; } = RequestPriority.WouldLike;

    /// <summary>As stored: pending, accepted or declined (expiry is read against the deadline, see <see cref="StatusAt"/>).</summary>
    public RequestStatus Status { get; init; } = RequestStatus.Pending;

    /// <summary>Why it was declined.</summary>
    public string Reason { get; init; } = "";

    public string Message { get; init; } = "";

    /// <summary>For a buyer–exporter pair: the buyer's inquiry it is about (the best-scoring one when the caller named none).</summary>
    public string InquiryId { get; init; } = "";

    /// <summary>Morning or afternoon only; null: any session.</summary>
    public SessionPeriod? Period { get; init; }

    public DateTimeOffset? RespondedAt { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public string Key => Participant.KeyOf(EventId, Id);

    /// <summary>Whether the pair is the two participants, either way round.</summary>
    public bool Joins(string a, string b) => (FromId == a && ToId == b) || (FromId == b && ToId == a);

    /// <summary>The status as staff see it at <paramref name="now"/>: a pending request past the event's deadline has expired.</summary>
    public RequestStatus StatusAt(Event e, DateTimeOffset now) =>
        Status == RequestStatus.Pending && EventSlots.RequestsCloseAt(e) is { } close && now > close ? RequestStatus.Expired : Status;
}

public enum RequestPriority
{
    MustMeet = 1,
    WouldLike = 2,
}

public enum RequestStatus
{
    Pending = 1,
    Accepted = 2,
    Declined = 3,
    Expired = 4,
}
