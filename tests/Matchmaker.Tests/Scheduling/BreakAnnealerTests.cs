using Matchmaker.Scheduling;

namespace Matchmaker.Tests.Scheduling;

public sealed class BreakAnnealerTests
{
    [Fact]
    public void Every_schedule_it_returns_keeps_the_rules_and_its_break_count_is_the_rules_count()
    {
        for (var seed = 1; seed <= 20; seed++)
        {
            var p = Busy(seed);
            var start = GreedySchedule.Build(p);
            var (schedule, breaks, leftOut, _) = BreakAnnealer.Run(p, start, All(p), moves: 20_000, TimeSpan.FromSeconds(30));

            var placed = ScheduleRules.AssignTables(p, schedule);
            Assert.Empty(ScheduleRules.Violations(p, placed));
            Assert.Equal(ScheduleRules.Breaks(p, placed).Sum(), breaks);
            Assert.Equal(p.Candidates.Count - schedule.Count, leftOut);
            Assert.True(leftOut <= p.Candidates.Count - start.Count, $"seed {seed}: {leftOut} left out, the greedy schedule left out {p.Candidates.Count - start.Count}");
            Assert.True(breaks <= ScheduleRules.Breaks(p, ScheduleRules.AssignTables(p, start)).Sum() || leftOut < p.Candidates.Count - start.Count);

            // Pinned meetings stay where they are; hosts keep their tables.
            foreach (var (c, slot) in schedule.Where(m => p.Candidates[m.Candidate].PinnedSlot >= 0))
            {
                Assert.Equal(p.Candidates[c].PinnedSlot, slot);
            }
        }
    }

    [Theory]
    [InlineData(12)]
    [InlineData(16)]
    public void It_puts_in_the_meetings_the_greedy_schedule_left_out(int n)
    {
        // Everyone meets everyone (an even n) in n - 1 slots: only a round-robin places them all, everyone busy in every
        // slot, and the greedy schedule leaves some out.
        var pairs = ScheduleTestProblems.EveryoneMeetsEveryone(n);

        var p = new ScheduleProblem
        {
            Slots = [.. Enumerable.Range(0, n - 1).Select(i => new ScheduleSlot(0, 0, false, $"slot {i}"))],
            Tables = n / 2,
            Participants = [.. Enumerable.Range(0, n).Select(i => new ScheduleParticipant($"P{i}"))],
            Candidates = pairs,
            Mode = ScheduleMode.PlaceOnly,
        };
        var start = GreedySchedule.Build(p);
        Assert.True(start.Count < pairs.Count);

        var (schedule, breaks, leftOut, _) = BreakAnnealer.Run(p, start, All(p), moves: 5_000_000, TimeSpan.FromSeconds(60));
        Assert.Equal(0, leftOut);
        Assert.Equal(pairs.Count, schedule.Count);
        Assert.Equal(0, breaks);
        Assert.Empty(ScheduleRules.Violations(p, ScheduleRules.AssignTables(p, schedule)));
    }

    [Fact]
    public void It_finds_a_schedule_without_breaks_where_one_exists_and_gives_the_same_one_twice()
    {
        var p = ScheduleTestProblems.WithoutBreaks(participants: 60, slotsPerSession: 10, seed: 3);
        var start = GreedySchedule.Build(p);
        Assert.True(ScheduleRules.Breaks(p, ScheduleRules.AssignTables(p, start)).Sum() > 0);

        var first = BreakAnnealer.Run(p, start, All(p), moves: 20_000_000, TimeSpan.FromSeconds(60));
        Assert.Equal((0, 0), (first.Breaks, first.LeftOut));
        Assert.Equal(0, ScheduleRules.Breaks(p, ScheduleRules.AssignTables(p, first.Schedule)).Sum());

        var second = BreakAnnealer.Run(p, start, All(p), moves: 20_000_000, TimeSpan.FromSeconds(60));
        Assert.Equal(first.Schedule, second.Schedule);
    }

    [Fact]
    public void A_problem_beyond_its_bit_masks_is_refused()
    {
        var p = ScheduleTestProblems.WithoutBreaks(participants: 10, slotsPerSession: 40, seed: 1);
        Assert.False(BreakAnnealer.Fits(p));
        Assert.Throws<ArgumentException>(() => BreakAnnealer.Run(p, [], All(p), 10, TimeSpan.FromSeconds(1)));
    }

    private static List<int> All(ScheduleProblem p) => [.. Enumerable.Range(0, p.Candidates.Count)];

    /// <summary>A crowded place-only event with hosts at fixed tables, pinned meetings, unavailable slots and session restrictions.</summary>
    private static ScheduleProblem Busy(int seed)
    {
        var random = new Random(seed);
        var n = 24;
        var slots = ScheduleTestProblems.Slots(12);
        var people = Enumerable.Range(0, n).Select(i => new ScheduleParticipant($"P{i}",
            Unavailable: Enumerable.Range(0, slots.Count).Where(_ => random.NextDouble() < 0.1).ToHashSet(),
            FixedTable: i < 3 ? i : -1)).ToList();
        var pairs = new HashSet<(int, int)>();
        var candidates = new List<CandidateMeeting>();
        while (candidates.Count < 90)
        {
            var (a, b) = (random.Next(n), random.Next(n));
            if (a == b || !pairs.Add((Math.Min(a, b), Math.Max(a, b))) || (a < 3 && b < 3))
            {
                continue;
            }

            var restriction = (SlotRestriction)random.Next(3);
            var pinned = candidates.Count % 15 == 0 ? Enumerable.Range(0, slots.Count).FirstOrDefault(s => people[a].IsFree(s) && people[b].IsFree(s)
                && (restriction == SlotRestriction.Any || (restriction == SlotRestriction.Afternoon) == slots[s].Afternoon), -1) : -1;
            candidates.Add(new CandidateMeeting($"{a}-{b}", a, b, 1) { Restriction = restriction, PinnedSlot = pinned });
        }

        return new ScheduleProblem { Slots = slots, Tables = 8, Participants = people, Candidates = candidates, Mode = ScheduleMode.PlaceOnly, Seed = seed };
    }
}
