namespace Matchmaker.Events;

/// <summary>One day of an event, with its sessions (a morning and an afternoon, say).</summary>
public sealed record EventDay
{
    /// <summary>The local date.</summary>
    public DateOnly Date { get; init; }

    public IReadOnlyList<EventSession> Sessions { get; init; } = [];
}
