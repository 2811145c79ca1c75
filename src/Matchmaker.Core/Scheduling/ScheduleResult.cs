namespace Matchmaker.Scheduling;

/// <summary>A schedule and what is known about it: its value against the bounds, breaks, and who got less than wanted, and why.</summary>
public sealed record ScheduleResult
{
    public required IReadOnlyList<PlacedMeeting> Meetings { get; init; }

    public ScheduleStatus Status { get; init; }

    /// <summary>Sum of the held meetings' values.</summary>
    public double Value { get; init; }

    /// <summary>
    /// No schedule's value can exceed this: the maximum-weight b-matching of the candidates, each participant's
    /// capacity its free slots (and maximum), the total capped by tables × slots.
    /// </summary>
    public double MatchingBound { get; init; }

    /// <summary>The solver's objective (value less its penalties for breaks, shortfalls and changes, in value units).</summary>
    public double Objective { get; init; }

    /// <summary>A proven bound on <see cref="Objective"/>: CP-SAT's own, or in choose-and-place the b-matching's when that is tighter.</summary>
    public double ObjectiveBound { get; init; }

    /// <summary>(objective bound − objective) ÷ |objective bound|: 0 when the schedule is proven best.</summary>
    public double Gap { get; init; }

    public int Breaks { get; init; }

    public int MaxBreaks { get; init; }

    /// <summary>Times a participant who moves sits at a different table than at its previous meeting of the day.</summary>
    public int TableChanges { get; init; }

    /// <summary>Published meetings the run moved or dropped.</summary>
    public int PublishedChanged { get; init; }

    public TimeSpan SolveTime { get; init; }

    /// <summary>Why there is no schedule, when a rule of the whole problem (the fairness bound) cannot be kept; empty otherwise.</summary>
    public string Note { get; init; } = "";

    /// <summary>Required meetings that could not be placed, each with the rule that prevents it.</summary>
    public IReadOnlyList<UnplacedMeeting> Unplaced { get; init; } = [];

    /// <summary>Participants who got fewer meetings than their wanted minimum, and why.</summary>
    public IReadOnlyList<Shortfall> Shortfalls { get; init; } = [];
}

public enum ScheduleStatus
{
    /// <summary>Proven best for the objective.</summary>
    Optimal = 1,

    /// <summary>The best found within the time limit.</summary>
    Feasible = 2,

    /// <summary>No schedule keeps every rule (place-only with meetings that cannot all be placed, conflicting pins).</summary>
    Infeasible = 3,

    /// <summary>The time ran out before any schedule was found.</summary>
    Unknown = 4,
}

/// <param name="Candidate">Index into <see cref="ScheduleProblem.Candidates"/>.</param>
/// <param name="Slot">Index into <see cref="ScheduleProblem.Slots"/>.</param>
/// <param name="Table">Table index (from 0).</param>
public sealed record PlacedMeeting(int Candidate, int Slot, int Table);

/// <param name="Rule">The rule that prevents it, in words.</param>
public sealed record UnplacedMeeting(int Candidate, string Rule);

/// <param name="Participant">Index into <see cref="ScheduleProblem.Participants"/>.</param>
/// <param name="Reason">availability, tables, blocks or low value, in words.</param>
public sealed record Shortfall(int Participant, int Meetings, int Wanted, ShortfallCause Cause, string Reason);

public enum ShortfallCause
{
    Availability = 1,
    Counterparts = 2,
    Tables = 3,
    LowValue = 4,
}

/// <summary>A better schedule was found (or the bound moved): what staff see while the solver runs.</summary>
public sealed record ScheduleProgress(TimeSpan Elapsed, double Value, double Objective, double ObjectiveBound, double MatchingBound, double Gap, int Breaks, int Meetings);

/// <summary>Solves schedule problems (Google OR-Tools in Matchmaker.Scheduling.OrTools).</summary>
public interface IScheduleSolver
{
    /// <summary>The best schedule within the problem's time limit; reports each better schedule to <paramref name="progress"/>.</summary>
    ScheduleResult Solve(ScheduleProblem problem, IProgress<ScheduleProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>The maximum-weight b-matching bound alone (see <see cref="ScheduleResult.MatchingBound"/>).</summary>
    double MatchingBound(ScheduleProblem problem);
}
