namespace Matchmaker.Feedback;

/// <summary>Where feedback events are kept: append-only, each with its own sequence number (not the change log's).</summary>
public interface IFeedbackLog
{
    /// <summary>Appends events in one durable transaction; returns them with their sequence numbers.</summary>
    IReadOnlyList<FeedbackEvent> Append(IReadOnlyList<FeedbackEvent> events);

    /// <summary>Events after a feedback sequence number, oldest first.</summary>
    IEnumerable<FeedbackEvent> Read(long afterSequence = 0);
}
