namespace Matchmaker.Scheduling;

/// <summary>
/// One scheduling problem, free of events and records: slots in time order, interchangeable tables
/// (apart from hosts who keep their own), participants and the meetings that may be held. Any two
/// participants may meet; nothing assumes two fixed sides. Built by the events area from an event,
/// its participants, requests, blocks and the ranker's scores; solved by an <see cref="IScheduleSolver"/>.
/// </summary>
public sealed record ScheduleProblem
{
    /// <summary>Meeting slots in time order (break slots left out). Slots of one session are consecutive in this list.</summary>
    public required IReadOnlyList<ScheduleSlot> Slots { get; init; }

    /// <summary>How many meetings can be held at once (tables or rooms).</summary>
    public required int Tables { get; init; }

    public required IReadOnlyList<ScheduleParticipant> Participants { get; init; }

    /// <summary>The meetings that may be held (choose-and-place) or must be held (place-only). A pair appears at most once.</summary>
    public required IReadOnlyList<CandidateMeeting> Candidates { get; init; }

    public ScheduleMode Mode { get; init; } = ScheduleMode.ChooseAndPlace;

    /// <summary>When set, no two participants' break counts differ by more than this (participants with at least one meeting).</summary>
    public int? FairnessBound { get; init; }

    /// <summary>Give every participant its wanted minimum of meetings where that is feasible (weighted above value).</summary>
    public bool EnsureMinimum { get; init; }

    /// <summary>Wall-clock limit; the best schedule found by then is returned.</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Seed of the solver's search, so that the same input gives the same schedule.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Whether candidate <paramref name="c"/> may be held in slot <paramref name="s"/>: both free, the session allowed.</summary>
    public bool Allows(CandidateMeeting c, int s)
    {
        var slot = Slots[s];
        if ((c.Restriction == SlotRestriction.Morning && slot.Afternoon) || (c.Restriction == SlotRestriction.Afternoon && !slot.Afternoon))
        {
            return false;
        }

        return Participants[c.A].IsFree(s) && Participants[c.B].IsFree(s);
    }

    /// <summary>The table candidate <paramref name="c"/> must use: a host's (either side's), else its pinned table; null: any free one.</summary>
    public int? TableFor(CandidateMeeting c) =>
        Participants[c.A].FixedTable >= 0 ? Participants[c.A].FixedTable
        : Participants[c.B].FixedTable >= 0 ? Participants[c.B].FixedTable
        : c.PinnedTable >= 0 ? c.PinnedTable : null;
}

/// <summary>Choose which meetings to hold and place them, or place every given meeting.</summary>
public enum ScheduleMode
{
    ChooseAndPlace = 1,
    PlaceOnly = 2,
}

/// <summary>Which sessions a meeting may use.</summary>
public enum SlotRestriction
{
    Any = 0,
    Morning = 1,
    Afternoon = 2,
}

/// <param name="Day">Index of the event day (from 0).</param>
/// <param name="Session">Index of the session across the event (from 0); breaks are counted within a session.</param>
/// <param name="Afternoon">An afternoon session's slot (else morning).</param>
/// <param name="Label">How people read it, e.g. "2026-05-14 10:20".</param>
public sealed record ScheduleSlot(int Day, int Session, bool Afternoon, string Label);

/// <param name="Id">The participant's id (for reports).</param>
/// <param name="MaxMeetings">At most this many meetings; 0: no cap but the slots.</param>
/// <param name="MinMeetings">The meetings it wants at least.</param>
/// <param name="Unavailable">Slot indexes it cannot meet in.</param>
/// <param name="FixedTable">The table it hosts at (from 0), or -1 when it moves.</param>
public sealed record ScheduleParticipant(string Id, int MaxMeetings = 0, int MinMeetings = 0, IReadOnlySet<int>? Unavailable = null, int FixedTable = -1)
{
    public bool IsFree(int slot) => Unavailable is null || !Unavailable.Contains(slot);
}

/// <summary>A meeting that may (or must) be held between participants <see cref="A"/> and <see cref="B"/>.</summary>
/// <param name="Id">The caller's id of the pair or meeting (for reports).</param>
/// <param name="Value">What holding it is worth (at least 0.001; only its order against other values matters).</param>
public sealed record CandidateMeeting(string Id, int A, int B, double Value)
{
    public SlotRestriction Restriction { get; init; }

    /// <summary>Must be placed (an accepted request, a meeting staff added): left out only when impossible, with the reason.</summary>
    public bool Required { get; init; }

    /// <summary>Pinned or confirmed: stays in this slot (and at <see cref="PinnedTable"/> when that is set); -1: free.</summary>
    public int PinnedSlot { get; init; } = -1;

    public int PinnedTable { get; init; } = -1;

    /// <summary>Where the published schedule has it (a re-run prefers to keep it there); -1: not published.</summary>
    public int PublishedSlot { get; init; } = -1;

    /// <summary>
    /// Where the current, unpublished schedule has it: a re-run leaves it there unless moving it gains anything (the
    /// smallest weight of all, below a break); -1: not placed, or published (<see cref="PublishedSlot"/>).
    /// </summary>
    public int CurrentSlot { get; init; } = -1;

    /// <summary>The table it sat at before this run: seating keeps it there when that table is free; -1: none.</summary>
    public int PreferredTable { get; init; } = -1;

    public bool Involves(int participant) => A == participant || B == participant;

    public int Other(int participant) => A == participant ? B : A;
}
