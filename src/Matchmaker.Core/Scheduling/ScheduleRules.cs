namespace Matchmaker.Scheduling;

/// <summary>
/// The hard rules of a schedule, checked on any list of placed meetings (a solver's result, a meeting
/// staff move by hand), and how breaks and table changes are counted. A break is a run of empty slots
/// between two of a participant's meetings in one session; slots the participant cannot meet in are
/// skipped (it is not waiting then), as are the session's break slots, which are not in the problem.
/// </summary>
public static class ScheduleRules
{
    /// <summary>Every broken rule, in words; empty when the schedule keeps them all.</summary>
    public static IReadOnlyList<string> Violations(ScheduleProblem problem, IReadOnlyList<PlacedMeeting> meetings)
    {
        var errors = new List<string>();
        var busy = new Dictionary<(int Participant, int Slot), int>();
        var tableUse = new Dictionary<(int Table, int Slot), int>();
        var perSlot = new int[problem.Slots.Count];
        var count = new int[problem.Participants.Count];
        var placed = new HashSet<int>();
        var pairs = new HashSet<(int, int)>();
        foreach (var m in meetings)
        {
            if (m.Candidate < 0 || m.Candidate >= problem.Candidates.Count || m.Slot < 0 || m.Slot >= problem.Slots.Count)
            {
                errors.Add($"meeting {m.Candidate} at slot {m.Slot}: no such candidate or slot");
                continue;
            }

            var c = problem.Candidates[m.Candidate];
            var name = $"{problem.Participants[c.A].Id}–{problem.Participants[c.B].Id}";
            if (!placed.Add(m.Candidate) || !pairs.Add((Math.Min(c.A, c.B), Math.Max(c.A, c.B))))
            {
                errors.Add($"{name}: the pair meets twice");
            }

            if (PlacementRule(problem, c, m.Slot, m.Table) is { } rule)
            {
                errors.Add($"{name} at {problem.Slots[m.Slot].Label}: {rule}");
            }

            foreach (var p in new[] { c.A, c.B })
            {
                count[p]++;
                if (busy.TryGetValue((p, m.Slot), out var other))
                {
                    errors.Add($"{problem.Participants[p].Id} has two meetings at {problem.Slots[m.Slot].Label} ({other} and {m.Candidate})");
                }

                busy[(p, m.Slot)] = m.Candidate;
            }

            if (tableUse.TryGetValue((m.Table, m.Slot), out var atTable))
            {
                errors.Add($"table {m.Table} holds two meetings at {problem.Slots[m.Slot].Label} ({atTable} and {m.Candidate})");
            }

            tableUse[(m.Table, m.Slot)] = m.Candidate;
            perSlot[m.Slot]++;
        }

        for (var i = 0; i < problem.Participants.Count; i++)
        {
            var max = problem.Participants[i].MaxMeetings;
            if (max > 0 && count[i] > max)
            {
                errors.Add($"{problem.Participants[i].Id} has {count[i]} meetings, more than its maximum {max}");
            }
        }

        return errors;
    }

    /// <summary>
    /// The rule that forbids holding candidate <paramref name="c"/> in slot <paramref name="slot"/> at
    /// <paramref name="table"/> on its own (ignoring the other meetings), or null when none does.
    /// </summary>
    public static Rule? PlacementRule(ScheduleProblem problem, CandidateMeeting c, int slot, int table)
    {
        var (a, b) = (problem.Participants[c.A], problem.Participants[c.B]);
        if (table < 0 || table >= problem.Tables)
        {
            return Rule.Of("no_table", $"there is no table {table}");
        }

        if (!a.IsFree(slot))
        {
            return Rule.Of("unavailable", $"{a.Id} is unavailable");
        }

        if (!b.IsFree(slot))
        {
            return Rule.Of("unavailable", $"{b.Id} is unavailable");
        }

        if (!problem.Allows(c, slot))
        {
            return c.Restriction == SlotRestriction.Morning ? Rule.Of("morning_only", $"the meeting is for a morning session") : Rule.Of("afternoon_only", $"the meeting is for an afternoon session");
        }

        if (a.FixedTable >= 0 && b.FixedTable >= 0 && a.FixedTable != b.FixedTable)
        {
            return Rule.Of("both_host", $"both host at their own tables ({a.Id} at {a.FixedTable}, {b.Id} at {b.FixedTable})");
        }

        var host = a.FixedTable >= 0 ? a : b.FixedTable >= 0 ? b : null;
        if (host is not null && table != host.FixedTable)
        {
            return Rule.Of("hosts_at", $"{host.Id} hosts at table {host.FixedTable}");
        }

        if (c.PinnedSlot >= 0 && (slot != c.PinnedSlot || (c.PinnedTable >= 0 && table != c.PinnedTable)))
        {
            return Rule.Of("pinned_elsewhere", $"the meeting is pinned elsewhere");
        }

        return null;
    }

    /// <summary>Each participant's breaks in a schedule.</summary>
    public static int[] Breaks(ScheduleProblem problem, IReadOnlyList<PlacedMeeting> meetings)
    {
        var busy = new HashSet<(int, int)>();
        foreach (var m in meetings)
        {
            var c = problem.Candidates[m.Candidate];
            busy.Add((c.A, m.Slot));
            busy.Add((c.B, m.Slot));
        }

        var breaks = new int[problem.Participants.Count];
        for (var p = 0; p < breaks.Length; p++)
        {
            foreach (var session in Sessions(problem))
            {
                // Runs of meetings in the session, over the slots the participant is free in; each run after the first follows a break.
                var runs = 0;
                var previous = false;
                foreach (var s in session.Where(problem.Participants[p].IsFree))
                {
                    var now = busy.Contains((p, s));
                    runs += now && !previous ? 1 : 0;
                    previous = now;
                }

                breaks[p] += Math.Max(0, runs - 1);
            }
        }

        return breaks;
    }

    /// <summary>The slot indexes of each session, in time order.</summary>
    public static IReadOnlyList<int[]> Sessions(ScheduleProblem problem) =>
        [.. Enumerable.Range(0, problem.Slots.Count).GroupBy(s => problem.Slots[s].Session).Select(g => g.ToArray())];

    /// <summary>Times a participant without a fixed table sits at another table than at its previous meeting of the same day.</summary>
    public static int TableChanges(ScheduleProblem problem, IReadOnlyList<PlacedMeeting> meetings)
    {
        var changes = 0;
        var last = new Dictionary<int, (int Day, int Table)>();
        foreach (var m in meetings.OrderBy(m => m.Slot))
        {
            var c = problem.Candidates[m.Candidate];
            var day = problem.Slots[m.Slot].Day;
            foreach (var p in new[] { c.A, c.B })
            {
                if (last.TryGetValue(p, out var before) && before.Day == day && before.Table != m.Table)
                {
                    changes++;
                }

                last[p] = (day, m.Table);
            }
        }

        return changes;
    }

    /// <summary>
    /// Seats meetings already given a slot: hosts at their tables, pinned tables kept, a meeting that
    /// had a table before at that table, and each other meeting at the table one of its participants
    /// sat at last, where it is free, so the side that moves changes tables as little as it can. Needs at most <see cref="ScheduleProblem.Tables"/>
    /// meetings per slot and hosts of one table never in one slot.
    /// </summary>
    public static IReadOnlyList<PlacedMeeting> AssignTables(ScheduleProblem problem, IEnumerable<(int Candidate, int Slot)> slotted)
    {
        var result = new List<PlacedMeeting>();
        var last = new Dictionary<int, (int Day, int Table)>();
        foreach (var slotGroup in slotted.GroupBy(m => m.Slot).OrderBy(g => g.Key))
        {
            var slot = slotGroup.Key;
            var day = problem.Slots[slot].Day;
            var taken = new HashSet<int>();
            var seated = new List<PlacedMeeting>();

            // Fixed tables first, then in candidate order so the same input seats the same way.
            var ordered = slotGroup.Select(m => m.Candidate).OrderBy(i => problem.TableFor(problem.Candidates[i]) is null ? 1 : 0).ThenBy(i => i);
            foreach (var i in ordered)
            {
                var c = problem.Candidates[i];
                var table = problem.TableFor(c) ?? Kept(c) ?? Preferred(c.A) ?? Preferred(c.B) ?? Enumerable.Range(0, problem.Tables).First(t => !taken.Contains(t));
                taken.Add(table);
                seated.Add(new PlacedMeeting(i, slot, table));
            }

            foreach (var m in seated)
            {
                var c = problem.Candidates[m.Candidate];
                last[c.A] = (day, m.Table);
                last[c.B] = (day, m.Table);
            }

            result.AddRange(seated);

            int? Kept(CandidateMeeting c) => c.PreferredTable >= 0 && c.PreferredTable < problem.Tables && !taken.Contains(c.PreferredTable) ? c.PreferredTable : null;

            int? Preferred(int p) => last.TryGetValue(p, out var l) && l.Day == day && !taken.Contains(l.Table) ? l.Table : null;
        }

        return result;
    }
}
