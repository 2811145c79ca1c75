namespace Matchmaker.Events;

/// <summary>From one local time to a later one on one local date of an event (a slot that overlaps it is taken).</summary>
public sealed record LocalTimeRange(DateOnly Date, TimeOnly From, TimeOnly To);
