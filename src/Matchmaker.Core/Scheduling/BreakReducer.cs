namespace Matchmaker.Scheduling;

/// <summary>
/// Local search for fewer breaks in a schedule whose meetings are already chosen: move one meeting to
/// another slot, or swap two meetings' slots, whenever that strictly lowers the breaks of the (at most
/// four) participants involved and keeps every hard rule. Pinned meetings stay. The same input gives
/// the same result (a fixed order, improvements only). For events too large for CP-SAT in the time
/// limit, and to hand CP-SAT a better first schedule.
/// </summary>
public static class BreakReducer
{
    public static List<(int Candidate, int Slot)> Improve(ScheduleProblem problem, IReadOnlyList<(int Candidate, int Slot)> schedule, TimeSpan budget)
    {
        var deadline = DateTime.UtcNow + budget;
        var slots = problem.Slots.Count;
        var n = problem.Participants.Count;
        var slotOf = schedule.ToDictionary(m => m.Candidate, m => m.Slot);
        var at = new int[n, slots];
        for (var p = 0; p < n; p++)
        {
            for (var s = 0; s < slots; s++)
            {
                at[p, s] = -1;
            }
        }

        var perSlot = new int[slots];
        var inSlot = Enumerable.Range(0, slots).Select(_ => new SortedSet<int>()).ToArray();
        var hostUse = new HashSet<(int Table, int Slot)>();
        foreach (var (c, s) in schedule)
        {
            var m = problem.Candidates[c];
            at[m.A, s] = c;
            at[m.B, s] = c;
            perSlot[s]++;
            inSlot[s].Add(c);
            if (problem.TableFor(m) is { } t)
            {
                hostUse.Add((t, s));
            }
        }

        var sessionOf = problem.Slots.Select(x => x.Session).ToArray();
        var sessionSlots = ScheduleRules.Sessions(problem).ToDictionary(x => problem.Slots[x[0]].Session, x => x);
        var meetingsOf = new List<int>[n];
        for (var p = 0; p < n; p++)
        {
            meetingsOf[p] = [];
        }

        foreach (var (c, _) in schedule)
        {
            meetingsOf[problem.Candidates[c].A].Add(c);
            meetingsOf[problem.Candidates[c].B].Add(c);
        }

        var improved = true;
        while (improved && DateTime.UtcNow < deadline)
        {
            improved = false;
            for (var p = 0; p < n && DateTime.UtcNow < deadline; p++)
            {
                if (meetingsOf[p].Count < 2 || BreaksOf(p) == 0)
                {
                    continue;
                }

                foreach (var c in meetingsOf[p].ToList())
                {
                    if (problem.Candidates[c].PinnedSlot >= 0)
                    {
                        continue;
                    }

                    var from = slotOf[c];
                    foreach (var to in sessionSlots[sessionOf[from]])
                    {
                        if (to != from && (TryMove(c, to) || TrySwap(c, to)))
                        {
                            improved = true;
                            break;
                        }
                    }
                }
            }
        }

        return [.. slotOf.Select(kv => (kv.Key, kv.Value)).OrderBy(m => m.Key)];


        // A participant's breaks in every session (its free slots only, as ScheduleRules counts them).
        int BreaksOf(int p)
        {
            var total = 0;
            foreach (var session in sessionSlots.Values)
            {
                total += SessionBreaks(p, session);
            }

            return total;
        }

        int SessionBreaks(int p, int[] session)
        {
            var (runs, previous) = (0, false);
            foreach (var s in session)
            {
                if (!problem.Participants[p].IsFree(s))
                {
                    continue;
                }

                var busy = at[p, s] >= 0;
                runs += busy && !previous ? 1 : 0;
                previous = busy;
            }

            return Math.Max(0, runs - 1);
        }

        int Local(IEnumerable<int> people, int session)
        {
            var total = 0;
            foreach (var q in people.Distinct())
            {
                total += SessionBreaks(q, sessionSlots[session]);
            }

            return total;
        }

        bool Fits(CandidateMeeting m, int c, int s, int leaving) =>
            problem.Allows(m, s)
            && (at[m.A, s] < 0 || at[m.A, s] == leaving) && (at[m.B, s] < 0 || at[m.B, s] == leaving)
            && (problem.TableFor(m) is not { } t || !hostUse.Contains((t, s)) || (leaving >= 0 && problem.TableFor(problem.Candidates[leaving]) == t))
            && ScheduleRules.PlacementRule(problem, m, s, problem.TableFor(m) ?? 0) is null;

        void Place(int c, int from, int to)
        {
            var m = problem.Candidates[c];
            if (at[m.A, from] == c)
            {
                at[m.A, from] = -1;
            }

            if (at[m.B, from] == c)
            {
                at[m.B, from] = -1;
            }

            at[m.A, to] = c;
            at[m.B, to] = c;
            perSlot[from]--;
            perSlot[to]++;
            inSlot[from].Remove(c);
            inSlot[to].Add(c);
            if (problem.TableFor(m) is { } t)
            {
                hostUse.Remove((t, from));
                hostUse.Add((t, to));
            }

            slotOf[c] = to;
        }

        bool TryMove(int c, int to)
        {
            var m = problem.Candidates[c];
            var from = slotOf[c];
            if (perSlot[to] >= problem.Tables || !Fits(m, c, to, -1))
            {
                return false;
            }

            var session = sessionOf[from];
            var before = Local([m.A, m.B], session);
            Place(c, from, to);
            if (Local([m.A, m.B], session) < before)
            {
                return true;
            }

            Place(c, to, from);
            return false;
        }

        bool TrySwap(int c, int to)
        {
            var m = problem.Candidates[c];
            var from = slotOf[c];
            foreach (var other in inSlot[to].Take(64).ToList())
            {
                var o = problem.Candidates[other];
                if (o.PinnedSlot >= 0 || !Fits(m, c, to, other) || !Fits(o, other, from, c))
                {
                    continue;
                }

                var session = sessionOf[from];
                int[] people = [m.A, m.B, o.A, o.B];
                var before = Local(people, session);
                Unplace(c, from);
                Unplace(other, to);
                Put(c, to);
                Put(other, from);
                if (Local(people, session) < before)
                {
                    return true;
                }

                Unplace(c, to);
                Unplace(other, from);
                Put(c, from);
                Put(other, to);
            }

            return false;
        }

        void Unplace(int c, int s)
        {
            var m = problem.Candidates[c];
            at[m.A, s] = at[m.A, s] == c ? -1 : at[m.A, s];
            at[m.B, s] = at[m.B, s] == c ? -1 : at[m.B, s];
            inSlot[s].Remove(c);
            if (problem.TableFor(m) is { } t)
            {
                hostUse.Remove((t, s));
            }
        }

        void Put(int c, int s)
        {
            var m = problem.Candidates[c];
            at[m.A, s] = c;
            at[m.B, s] = c;
            inSlot[s].Add(c);
            if (problem.TableFor(m) is { } t)
            {
                hostUse.Add((t, s));
            }

            slotOf[c] = s;
        }
    }
}
