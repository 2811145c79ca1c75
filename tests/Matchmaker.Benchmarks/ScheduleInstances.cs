using Matchmaker.Scheduling;

namespace Matchmaker.Benchmarks;

/// <summary>Generated schedule problems of the sizes the issue and the literature name.</summary>
public static class ScheduleInstances
{
    /// <summary>
    /// A buyer-invitation fair: buyers each with their top exporters (a per-buyer score falling with rank,
    /// popular exporters drawn more often), plus requests that raise a pair's value (mutual ones most).
    /// Two days of two sessions each; every participant free in every slot.
    /// </summary>
    public static ScheduleProblem Fair(int buyers, int exporters, int slotsPerDay, int tables, int top, int requests, int seed, TimeSpan limit)
    {
        var random = new Random(seed);
        var slots = Slots(2, slotsPerDay);
        var participants = Enumerable.Range(0, buyers).Select(b => new ScheduleParticipant($"B{b}", MinMeetings: 5))
            .Concat(Enumerable.Range(0, exporters).Select(e => new ScheduleParticipant($"E{e}", MaxMeetings: 12, MinMeetings: 3))).ToList();
        var values = new Dictionary<(int, int), double>();
        for (var b = 0; b < buyers; b++)
        {
            var chosen = new HashSet<int>();
            while (chosen.Count < top)
            {
                // Skewed towards low exporter numbers: some exporters are in many buyers' lists.
                chosen.Add((int)(exporters * Math.Pow(random.NextDouble(), 1.6)));
            }

            var rank = 0;
            foreach (var e in chosen.OrderBy(_ => random.Next()))
            {
                values[(b, buyers + e)] = Math.Round(1.0 - (rank++ / (double)(top + 5)) + (random.NextDouble() * 0.05), 3);
            }
        }

        for (var r = 0; r < requests; r++)
        {
            var b = random.Next(buyers);
            var e = buyers + (int)(exporters * Math.Pow(random.NextDouble(), 1.3));
            var mutual = random.NextDouble() < 0.2;
            values[(b, e)] = Math.Round(values.GetValueOrDefault((b, e), 0.3) * (mutual ? 2.0 : 1.5), 3);
        }

        var candidates = values.OrderBy(kv => kv.Key).Select(kv => new CandidateMeeting($"{kv.Key.Item1}-{kv.Key.Item2}", kv.Key.Item1, kv.Key.Item2, kv.Value)).ToList();
        return new ScheduleProblem { Slots = slots, Tables = tables, Participants = participants, Candidates = candidates, TimeLimit = limit, Seed = seed };
    }

    /// <summary>
    /// A place-only instance like the published B2B forums (Bofill et al., JAIR 2022): 40–80 participants,
    /// 120–300 meetings, 8–22 slots in a morning and an afternoon session, about 10% of slots unavailable,
    /// some meetings for mornings or afternoons only, fairness d = 2. Built around a hidden feasible
    /// schedule so every instance has one.
    /// </summary>
    public static ScheduleProblem PlaceOnly(int seed, TimeSpan limit)
    {
        var random = new Random(seed);
        var n = random.Next(40, 81);
        var slotCount = random.Next(8, 23);
        var wanted = random.Next(120, 301);
        var slots = Slots(1, slotCount);
        var unavailable = Enumerable.Range(0, n).Select(_ => Enumerable.Range(0, slotCount).Where(_ => random.NextDouble() < 0.1).ToHashSet()).ToList();
        var tables = Math.Max(4, (int)Math.Ceiling(wanted / (double)slotCount * 1.25));
        var busy = new HashSet<(int, int)>();
        var perSlot = new int[slotCount];
        var pairs = new HashSet<(int, int)>();
        var candidates = new List<CandidateMeeting>();
        for (var attempt = 0; candidates.Count < wanted && attempt < wanted * 200; attempt++)
        {
            // Some participants are in far more meetings than others, as at real forums.
            var a = (int)(n * Math.Pow(random.NextDouble(), 1.5));
            var b = random.Next(n);
            var s = random.Next(slotCount);
            if (a == b || pairs.Contains((Math.Min(a, b), Math.Max(a, b))) || unavailable[a].Contains(s) || unavailable[b].Contains(s)
                || busy.Contains((a, s)) || busy.Contains((b, s)) || perSlot[s] >= tables)
            {
                continue;
            }

            var afternoon = slots[s].Afternoon;
            var restriction = random.NextDouble() switch
            {
                < 0.15 => afternoon ? SlotRestriction.Afternoon : SlotRestriction.Morning,
                _ => SlotRestriction.Any,
            };
            busy.Add((a, s));
            busy.Add((b, s));
            perSlot[s]++;
            pairs.Add((Math.Min(a, b), Math.Max(a, b)));
            candidates.Add(new CandidateMeeting($"m{candidates.Count}", a, b, 1) { Restriction = restriction });
        }

        var participants = Enumerable.Range(0, n).Select(i => new ScheduleParticipant($"P{i}", Unavailable: unavailable[i])).ToList();
        return new ScheduleProblem
        {
            Slots = slots, Tables = tables, Participants = participants, Candidates = candidates, Mode = ScheduleMode.PlaceOnly,
            FairnessBound = 2, TimeLimit = limit, Seed = seed,
        };
    }

    /// <summary>Days of a morning and an afternoon session, half the slots each.</summary>
    public static List<ScheduleSlot> Slots(int days, int slotsPerDay) =>
        [.. Enumerable.Range(0, days).SelectMany(d => Enumerable.Range(0, slotsPerDay).Select(i =>
            new ScheduleSlot(d, (d * 2) + (i < slotsPerDay / 2 ? 0 : 1), i >= slotsPerDay / 2, $"day {d + 1} slot {i + 1}")))];
}
