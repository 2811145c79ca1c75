namespace Matchmaker.Events;

/// <summary>
/// A request the event's state or rules do not allow (a move onto a busy slot, a response to an
/// expired request, requests after the deadline): the API's FAILED_PRECONDITION, naming the rule.
/// </summary>
public sealed class RuleViolationException(string subject, string message) : Exception(message)
{
    public RuleViolationException(string subject, Rule rule)
        : this(subject, rule.Text) => Rule = rule;

    /// <summary>What the rule is about: "meeting M-1", "request R-2", "event EVT-3".</summary>
    public string Subject { get; } = subject;

    /// <summary>The rule as a code and its values, for saying it in another language; null for rules not coded yet.</summary>
    public Rule? Rule { get; }
}
