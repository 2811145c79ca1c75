namespace Matchmaker.Events;

/// <summary>
/// A request the event's state or rules do not allow (a move onto a busy slot, a response to an
/// expired request, requests after the deadline): the API's FAILED_PRECONDITION, naming the rule.
/// </summary>
public sealed class RuleViolationException(string subject, string message) : Exception(message)
{
    /// <summary>What the rule is about: "meeting M-1", "request R-2", "event EVT-3".</summary>
    public string Subject { get; } = subject;
}
