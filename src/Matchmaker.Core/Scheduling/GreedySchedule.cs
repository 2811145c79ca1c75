namespace Matchmaker.Scheduling;

/// <summary>
/// A quick schedule that keeps every hard rule: pinned meetings where they are, then required ones, then the rest
/// by value, each back in its published or current slot when that still fits, else in the slot that adds the
/// fewest breaks. The solver starts from it
/// (a good first schedule shortens CP-SAT's search), and it is what a run returns when the time is
/// too short for anything better.
/// </summary>
public static class GreedySchedule
{
    public static IReadOnlyList<(int Candidate, int Slot)> Build(ScheduleProblem problem)
    {
        var slots = problem.Slots.Count;
        var busy = new bool[problem.Participants.Count, slots];
        var count = new int[problem.Participants.Count];
        var perSlot = new int[slots];
        var hostTableBusy = new HashSet<(int Table, int Slot)>();
        var placed = new List<(int, int)>();

        var order = Enumerable.Range(0, problem.Candidates.Count)
            .OrderBy(i => problem.Candidates[i].PinnedSlot >= 0 ? 0 : problem.Candidates[i].Required || problem.Mode == ScheduleMode.PlaceOnly ? 1 : 2)
            .ThenByDescending(i => problem.Candidates[i].Value)
            .ThenBy(i => i);
        foreach (var i in order)
        {
            var c = problem.Candidates[i];
            if (Full(c.A) || Full(c.B))
            {
                continue;
            }

            // A re-run starts from the schedule there is: a meeting goes back to its published or current slot when that
            // still fits (value decides the order, so a more valuable newcomer may take it first).
            var home = c.PublishedSlot >= 0 ? c.PublishedSlot : c.CurrentSlot;
            var atHome = home >= 0 && Fits(c, home);
            var best = atHome ? home : -1;
            var bestScore = int.MinValue;
            for (var s = 0; s < slots && !atHome; s++)
            {
                if (!Fits(c, s))
                {
                    continue;
                }

                var score = Adjacency(c.A, s) + Adjacency(c.B, s);
                if (score > bestScore)
                {
                    (best, bestScore) = (s, score);
                }
            }

            if (best >= 0)
            {
                Place(i, c, best);
            }
        }

        return [.. placed.OrderBy(m => m.Item1)];

        void Place(int i, CandidateMeeting c, int slot)
        {
            busy[c.A, slot] = busy[c.B, slot] = true;
            count[c.A]++;
            count[c.B]++;
            perSlot[slot]++;
            if (problem.TableFor(c) is { } table)
            {
                hostTableBusy.Add((table, slot));
            }

            placed.Add((i, slot));
        }

        bool Full(int p) => problem.Participants[p].MaxMeetings > 0 && count[p] >= problem.Participants[p].MaxMeetings;

        bool Fits(CandidateMeeting c, int s) =>
            (c.PinnedSlot < 0 || c.PinnedSlot == s) && problem.Allows(c, s) && !busy[c.A, s] && !busy[c.B, s] && perSlot[s] < problem.Tables
            && (problem.TableFor(c) is not { } t || !hostTableBusy.Contains((t, s)))
            && ScheduleRules.PlacementRule(problem, c, s, problem.TableFor(c) ?? 0) is null;


        // Next to one of the participant's meetings in the same session: no new break.
        int Adjacency(int p, int s) =>
            (s > 0 && problem.Slots[s - 1].Session == problem.Slots[s].Session && busy[p, s - 1] ? 1 : 0)
            + (s + 1 < slots && problem.Slots[s + 1].Session == problem.Slots[s].Session && busy[p, s + 1] ? 1 : 0);
    }
}
