namespace Matchmaker.Events;

/// <summary>
/// A run of meeting slots of one length from a local start time. Break slots (coffee, lunch) hold
/// no meeting. A meeting restricted to mornings or afternoons may use only sessions of that period.
/// </summary>
public sealed record EventSession
{
    public SessionPeriod Period { get; init; }

    /// <summary>Local start of the first slot.</summary>
    public TimeOnly Start { get; init; }

    public int SlotMinutes { get; init; }

    public int Slots { get; init; }

    /// <summary>Indexes (from 0) of the slots that are breaks.</summary>
    public IReadOnlyList<int> BreakSlots { get; init; } = [];

    /// <summary>Local end of the last slot.</summary>
    public TimeOnly End => Start.AddMinutes((double)SlotMinutes * Slots);
}
