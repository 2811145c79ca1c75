using Matchmaker.Scheduling;
using Matchmaker.Scheduling.OrTools;

namespace Matchmaker.Tests.Scheduling;

/// <summary>The CP-SAT schedule on small hand-built problems: each hard rule, the bound, breaks, pins and re-runs.</summary>
public sealed class ScheduleSolverTests
{
    private readonly OrToolsScheduleSolver _solver = new();

    [Fact]
    public void A_participant_has_one_meeting_per_slot()
    {
        var p = Problem(slots: 1, tables: 5, People(3), Pair(0, 1, 0.9), Pair(0, 2, 0.8));
        var result = Solve(p);
        Assert.Equal(["0-1"], Ids(p, result));
    }

    [Fact]
    public void Unavailable_slots_hold_no_meeting_of_that_participant()
    {
        var people = People(2);
        people[0] = people[0] with { Unavailable = new HashSet<int> { 0, 1 } };
        var p = Problem(slots: 3, tables: 1, people, Pair(0, 1, 1));
        var result = Solve(p);
        Assert.Equal(2, Assert.Single(result.Meetings).Slot);
    }

    [Fact]
    public void A_morning_meeting_is_held_in_a_morning_session()
    {
        var p = Problem(slots: 4, tables: 1, People(2), Pair(0, 1, 1) with { Restriction = SlotRestriction.Afternoon });
        var result = Solve(p);
        Assert.True(p.Slots[Assert.Single(result.Meetings).Slot].Afternoon);

        var morning = p with { Candidates = [Pair(0, 1, 1) with { Restriction = SlotRestriction.Morning }] };
        Assert.False(morning.Slots[Assert.Single(Solve(morning).Meetings).Slot].Afternoon);
    }

    [Fact]
    public void No_slot_holds_more_meetings_than_there_are_tables()
    {
        var p = Problem(slots: 2, tables: 1, People(6), Pair(0, 1, 0.9), Pair(2, 3, 0.8), Pair(4, 5, 0.7));
        var result = Solve(p);
        Assert.Equal(["0-1", "2-3"], Ids(p, result));
        Assert.Equal([0, 1], result.Meetings.Select(m => m.Slot).Order());
        Assert.All(result.Meetings, m => Assert.Equal(0, m.Table));
    }

    [Fact]
    public void A_participant_never_has_more_than_its_maximum()
    {
        var people = People(4);
        people[0] = people[0] with { MaxMeetings = 2 };
        var p = Problem(slots: 4, tables: 4, people, Pair(0, 1, 0.5), Pair(0, 2, 0.9), Pair(0, 3, 0.7));
        Assert.Equal(["0-2", "0-3"], Ids(p, Solve(p)));
    }

    [Fact]
    public void Place_only_never_gives_a_participant_more_than_its_maximum_and_names_it()
    {
        var people = People(4);
        people[0] = people[0] with { MaxMeetings = 2 };
        var p = Problem(slots: 4, tables: 4, people, Pair(0, 1, 1), Pair(0, 2, 1), Pair(0, 3, 1)) with { Mode = ScheduleMode.PlaceOnly, Slots = OneSession(4) };
        var result = Solve(p);
        Assert.Equal(ScheduleStatus.Infeasible, result.Status);
        Assert.Equal(2, result.Meetings.Count);
        Assert.Contains("P0 has 3 meetings to place and a maximum of 2", Assert.Single(result.Unplaced).Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void A_host_stays_at_its_table_and_two_hosts_of_one_table_never_meet_at_once()
    {
        var people = People(4);
        people[0] = people[0] with { FixedTable = 2 };
        people[1] = people[1] with { FixedTable = 2 };
        var p = Problem(slots: 1, tables: 3, people, Pair(0, 2, 0.9), Pair(1, 3, 0.8));
        var result = Solve(p);
        var meeting = Assert.Single(result.Meetings);
        Assert.Equal("0-2", p.Candidates[meeting.Candidate].Id);
        Assert.Equal(2, meeting.Table);
    }

    [Fact]
    public void Pinned_meetings_stay_where_they_are_on_a_re_run()
    {
        var p = Problem(slots: 4, tables: 2, People(4), Pair(0, 1, 0.9), Pair(2, 3, 0.8), Pair(0, 2, 0.7));
        var first = Solve(p);
        var pinned = p with
        {
            Candidates = [p.Candidates[0] with { PinnedSlot = 3, PinnedTable = 1 }, p.Candidates[1], p.Candidates[2] with { PinnedSlot = 0 }],
        };
        var second = Solve(pinned);
        Assert.Contains(new PlacedMeeting(0, 3, 1), second.Meetings);
        Assert.Contains(second.Meetings, m => m.Candidate == 2 && m.Slot == 0);
        Assert.Equal(first.Meetings.Count, second.Meetings.Count);
    }

    [Fact]
    public void A_required_meeting_that_cannot_be_held_is_reported_with_the_rule()
    {
        var people = People(3);
        people[0] = people[0] with { Unavailable = new HashSet<int> { 0, 1 } };
        people[1] = people[1] with { Unavailable = new HashSet<int> { 2, 3 } };
        var p = Problem(slots: 4, tables: 2, people, Pair(0, 1, 1) with { Required = true }, Pair(0, 2, 0.5) with { Required = true });
        var result = Solve(p);
        var unplaced = Assert.Single(result.Unplaced);
        Assert.Equal(0, unplaced.Candidate);
        Assert.Contains("no free slot in common", unplaced.Rule, StringComparison.Ordinal);
        Assert.Equal(["0-2"], Ids(p, result));
    }

    [Fact]
    public void Required_meetings_that_cannot_all_be_held_together_name_the_participant_short_of_slots()
    {
        var p = Problem(slots: 2, tables: 3, People(4),
            Pair(0, 1, 1) with { Required = true }, Pair(0, 2, 1) with { Required = true }, Pair(0, 3, 1) with { Required = true });
        var result = Solve(p);
        Assert.Equal(ScheduleStatus.Infeasible, result.Status);
        Assert.Equal(2, result.Meetings.Count);
        Assert.Contains("P0 has 3 meetings to place and 2 free slots", Assert.Single(result.Unplaced).Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Bipartite_pairs_with_everyone_free_reach_the_b_matching_bound_exactly()
    {
        // König: a bipartite graph whose degrees are at most the slots can be edge-coloured with that many colours, so
        // the best b-matching can always be placed; the schedule's value must equal the bound.
        var random = new Random(7);
        var buyers = Enumerable.Range(0, 6).Select(i => new ScheduleParticipant($"B{i}", MaxMeetings: 3)).ToList();
        var exporters = Enumerable.Range(0, 9).Select(i => new ScheduleParticipant($"E{i}", MaxMeetings: 2)).ToList();
        var pairs = new List<CandidateMeeting>();
        for (var b = 0; b < 6; b++)
        {
            foreach (var e in Enumerable.Range(0, 9).OrderBy(_ => random.Next()).Take(5))
            {
                pairs.Add(new CandidateMeeting($"{b}-{6 + e}", b, 6 + e, Math.Round(0.1 + random.NextDouble(), 3)));
            }
        }

        var p = Problem(slots: 4, tables: 10, [.. buyers, .. exporters], [.. pairs]);
        var result = Solve(p);
        Assert.Equal(ScheduleStatus.Optimal, result.Status);
        Assert.Equal(result.MatchingBound, result.Value, 6);
        Assert.True(result.Meetings.Count >= 9, "the bound is not trivial");
    }

    [Fact]
    public void The_bound_caps_meetings_by_tables_times_slots()
    {
        var p = Problem(slots: 2, tables: 1, People(8), Pair(0, 1, 1), Pair(2, 3, 1), Pair(4, 5, 1), Pair(6, 7, 1));
        Assert.Equal(2.0, _solver.MatchingBound(p), 6);
    }

    [Fact]
    public void Place_only_finds_the_fewest_breaks_worked_out_by_hand()
    {
        // P1 can only meet in slot 0 and P2 only in slot 3, so P0 meets them at 0 and 3; P3 and P4 can fill 1 and 2.
        var people = People(5);
        people[1] = people[1] with { Unavailable = new HashSet<int> { 1, 2, 3 } };
        people[2] = people[2] with { Unavailable = new HashSet<int> { 0, 1, 2 } };
        var withFillers = Problem(slots: 4, tables: 2, people, Pair(0, 1, 1), Pair(0, 2, 1), Pair(0, 3, 1), Pair(0, 4, 1)) with
        {
            Mode = ScheduleMode.PlaceOnly,
            Slots = OneSession(4),
        };
        var result = Solve(withFillers);
        Assert.Equal(ScheduleStatus.Optimal, result.Status);
        Assert.Equal(4, result.Meetings.Count);
        Assert.Equal(0, result.Breaks);

        // With one filler, slot 1 or 2 stays empty between P0's meetings: one break, P0's.
        var oneFiller = withFillers with { Candidates = withFillers.Candidates.Take(3).ToList() };
        var fewer = Solve(oneFiller);
        Assert.Equal(ScheduleStatus.Optimal, fewer.Status);
        Assert.Equal(3, fewer.Meetings.Count);
        Assert.Equal(1, fewer.Breaks);
        Assert.Equal([1, 0, 0, 0, 0], ScheduleRules.Breaks(oneFiller, fewer.Meetings));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(15)]
    public void A_saturated_round_robin_is_proven_to_need_a_break_for_everyone_idle_mid_session(int n)
    {
        // Everyone (an odd number) meets everyone else once in n slots of one session, n - 1 meetings each: every slot has
        // an odd number of participants, so exactly one waits in each slot, and each participant waits exactly once.
        // Only the two who wait in the first and the last slot have no break: n - 2 breaks at least, and a round-robin
        // reaches it. The proof needs counting and parity, which a search over slots alone takes far too long to find.
        var pairs = ScheduleTestProblems.EveryoneMeetsEveryone(n);

        var p = Problem(slots: n, tables: n / 2, People(n), [.. pairs]) with
        {
            Mode = ScheduleMode.PlaceOnly,
            Slots = OneSession(n),
            TimeLimit = TimeSpan.FromSeconds(30),
        };
        var result = Solve(p);
        Assert.Equal(ScheduleStatus.Optimal, result.Status);
        Assert.Equal(pairs.Count, result.Meetings.Count);
        Assert.Equal(n - 2, result.Breaks);
        Assert.Equal(n - 2, -result.ObjectiveBound, 6);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    public void A_long_event_whose_meetings_fit_without_breaks_is_proven_to_need_none_within_the_time_limit(int seed)
    {
        // 80 participants in two sessions of 11 slots, about 300 meetings, built around a schedule without breaks. Before
        // the annealer these two were left at 59 and 56 breaks, not proven, after 20 s (CP-SAT's own local search and
        // tree search); any schedule without breaks is optimal, so finding one is the proof.
        var p = ScheduleTestProblems.WithoutBreaks(participants: 80, slotsPerSession: 11, seed) with { TimeLimit = TimeSpan.FromSeconds(10) };
        var result = Solve(p);
        Assert.Equal(ScheduleStatus.Optimal, result.Status);
        Assert.Equal(p.Candidates.Count, result.Meetings.Count);
        Assert.Equal(0, result.Breaks);
        Assert.Equal(0, result.ObjectiveBound, 6);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_place_only_re_run_of_a_schedule_without_breaks_moves_nothing(bool published)
    {
        var first = ScheduleTestProblems.WithoutBreaks(participants: 40, slotsPerSession: 8, seed: 2) with { TimeLimit = TimeSpan.FromSeconds(10) };
        var schedule = Solve(first);
        Assert.Equal((ScheduleStatus.Optimal, 0), (schedule.Status, schedule.Breaks));
        var slotOf = schedule.Meetings.ToDictionary(m => m.Candidate, m => m.Slot);

        // The same meetings, now in a saved (or published) schedule: a re-run keeps every one where it is.
        var again = first with
        {
            Candidates = [.. first.Candidates.Select((c, i) => published ? c with { PublishedSlot = slotOf[i] } : c with { CurrentSlot = slotOf[i] })],
        };
        var rerun = Solve(again);
        Assert.Equal((ScheduleStatus.Optimal, 0, 0), (rerun.Status, rerun.Breaks, rerun.PublishedChanged));
        Assert.All(rerun.Meetings, m => Assert.Equal(slotOf[m.Candidate], m.Slot));
    }

    [Fact]
    public void The_fairness_bound_keeps_break_counts_close()
    {
        // P1 is free in slots 0–1 and P2 in 2–3; P0 and P3 each meet both. Whoever meets P1 at 1 can meet P2 at 2 with no
        // break; the other meets them at 0 and 3 and waits: one break, while P1 and P2 (two meetings in a row) have none.
        var people = People(4);
        people[1] = people[1] with { Unavailable = new HashSet<int> { 2, 3 } };
        people[2] = people[2] with { Unavailable = new HashSet<int> { 0, 1 } };
        var p = Problem(slots: 4, tables: 2, people, Pair(0, 1, 1), Pair(0, 2, 1), Pair(3, 1, 1), Pair(3, 2, 1)) with
        {
            Mode = ScheduleMode.PlaceOnly,
            Slots = OneSession(4),
        };
        var free = Solve(p);
        Assert.Equal((ScheduleStatus.Optimal, 1), (free.Status, free.Breaks));

        var withinOne = Solve(p with { FairnessBound = 1 });
        Assert.Equal((ScheduleStatus.Optimal, 1), (withinOne.Status, withinOne.Breaks));

        // No schedule gives everyone the same number of breaks: said so, and nothing is returned as if it were a schedule.
        var equal = Solve(p with { FairnessBound = 0 });
        Assert.Equal(ScheduleStatus.Infeasible, equal.Status);
        Assert.Empty(equal.Meetings);
        Assert.Contains("within 0 of each other", equal.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void After_a_participant_withdraws_the_re_run_keeps_the_published_meetings_in_place()
    {
        var p = ScheduleTestProblems.SmallFair(buyers: 8, exporters: 16, slots: 8, seed: 3);
        var first = Solve(p);
        var slotOf = first.Meetings.ToDictionary(m => m.Candidate, m => m.Slot);

        // The most wanted exporter withdraws; every other meeting is published where the first run put it.
        var withdrawn = p.Participants.Count - 1;
        var rerun = p with
        {
            Participants = [.. p.Participants.Select((x, i) => i == withdrawn ? x with { Unavailable = Enumerable.Range(0, 8).ToHashSet() } : x)],
            Candidates = [.. p.Candidates.Select((c, i) => c with { PublishedSlot = c.Involves(withdrawn) ? -1 : slotOf.GetValueOrDefault(i, -1) })],
        };
        var second = Solve(rerun);
        var lost = first.Meetings.Count(m => p.Candidates[m.Candidate].Involves(withdrawn));
        var moved = second.Meetings.Count(m => slotOf.TryGetValue(m.Candidate, out var s) && s != m.Slot);
        var dropped = first.Meetings.Count(m => !p.Candidates[m.Candidate].Involves(withdrawn) && second.Meetings.All(n => n.Candidate != m.Candidate));
        Assert.True(lost >= 3, $"the withdrawn exporter had {lost} meetings");
        Assert.True(moved + dropped <= lost, $"{moved} meetings moved and {dropped} dropped after a participant with {lost} meetings withdrew");
        Assert.Equal(moved + dropped, second.PublishedChanged);
    }

    [Fact]
    public void The_same_input_gives_the_same_schedule()
    {
        var p = ScheduleTestProblems.SmallFair(buyers: 8, exporters: 16, slots: 8, seed: 5);
        var first = Solve(p);
        var second = Solve(p);
        Assert.Equal(first.Meetings, second.Meetings);
    }

    [Fact]
    public void A_place_only_run_gives_the_same_schedule_twice_with_every_meeting_placed()
    {
        // The meetings a choose-and-place run held, now to be placed again (place-only, fairness 2): feasible by construction.
        var fair = ScheduleTestProblems.SmallFair(buyers: 10, exporters: 20, slots: 8, seed: 7);
        var held = Solve(fair).Meetings.Select(m => fair.Candidates[m.Candidate]).ToList();
        var p = fair with { Candidates = held, Mode = ScheduleMode.PlaceOnly, FairnessBound = 2 };
        var first = Solve(p);
        var second = Solve(p);
        Assert.Equal(held.Count, first.Meetings.Count);
        Assert.Empty(ScheduleRules.Violations(p, first.Meetings));
        Assert.Equal(first.Meetings, second.Meetings);
        Assert.Equal(first.Breaks, ScheduleRules.Breaks(p, first.Meetings).Sum());
    }

    [Fact]
    public void Progress_reports_the_value_rising_to_the_result()
    {
        var p = ScheduleTestProblems.SmallFair(buyers: 8, exporters: 16, slots: 8, seed: 9);
        var reports = new List<ScheduleProgress>();
        var result = _solver.Solve(p, new Synchronous(reports.Add));
        Assert.NotEmpty(reports);
        Assert.Equal(result.Value, reports[^1].Value, 6);
        Assert.All(reports, r => Assert.Equal(result.MatchingBound, r.MatchingBound, 6));
    }

    [Fact]
    public void A_run_out_of_time_still_returns_a_schedule_that_keeps_the_rules_with_finite_figures()
    {
        var p = ScheduleTestProblems.SmallFair(buyers: 40, exporters: 80, slots: 16, seed: 11) with { TimeLimit = TimeSpan.FromMilliseconds(1) };
        var result = Solve(p);
        Assert.NotEmpty(result.Meetings);
        Assert.Equal(ScheduleStatus.Feasible, result.Status);
        Assert.All(new[] { result.Value, result.Objective, result.ObjectiveBound, result.Gap, result.MatchingBound }, x => Assert.True(double.IsFinite(x)));
        Assert.True(result.Value <= result.MatchingBound + 1e-9);
    }

    [Fact]
    public void Participants_below_their_minimum_are_reported_with_the_cause()
    {
        var people = People(6);
        people[0] = people[0] with { MinMeetings = 3 };
        people[1] = people[1] with { MinMeetings = 2 };
        people[3] = people[3] with { MinMeetings = 1 };
        people[4] = people[4] with { MaxMeetings = 1 };
        var p = Problem(slots: 2, tables: 5, people, Pair(0, 2, 0.5), Pair(1, 2, 0.5), Pair(3, 4, 0.1), Pair(4, 5, 1.0)) with { Slots = OneSession(2) };
        var result = Solve(p);
        var causes = result.Shortfalls.ToDictionary(x => p.Participants[x.Participant].Id, x => x.Cause);
        Assert.Equal(ShortfallCause.Availability, causes["P0"]);
        Assert.Equal(ShortfallCause.Counterparts, causes["P1"]);
        Assert.Equal(ShortfallCause.LowValue, causes["P3"]);
        Assert.Contains("only 1 possible counterpart for the 2 meetings it wants", result.Shortfalls.Single(x => x.Participant == 1).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Local_search_closes_gaps_without_moving_pinned_meetings_or_breaking_a_rule()
    {
        var p = Problem(slots: 4, tables: 1, People(4), Pair(0, 1, 1), Pair(0, 2, 1) with { PinnedSlot = 3 }, Pair(3, 1, 1)) with { Slots = OneSession(4) };
        List<(int Candidate, int Slot)> gappy = [(0, 0), (1, 3), (2, 1)];
        Assert.Equal(1, ScheduleRules.Breaks(p, Placed(gappy)).Sum());

        var better = BreakReducer.Improve(p, gappy, TimeSpan.FromSeconds(5));
        Assert.Empty(ScheduleRules.Violations(p, Placed(better)));
        Assert.Equal(0, ScheduleRules.Breaks(p, Placed(better)).Sum());
        Assert.Contains((1, 3), better);
        Assert.Equal(gappy.Count, better.Count);

        static List<PlacedMeeting> Placed(IEnumerable<(int Candidate, int Slot)> x) => [.. x.Select(m => new PlacedMeeting(m.Candidate, m.Slot, 0))];
    }

    private ScheduleResult Solve(ScheduleProblem p)
    {
        var result = _solver.Solve(p);
        Assert.Empty(ScheduleRules.Violations(p, result.Meetings));
        return result;
    }

    private static List<string> Ids(ScheduleProblem p, ScheduleResult r) => [.. r.Meetings.Select(m => p.Candidates[m.Candidate].Id).Order(StringComparer.Ordinal)];

    private static List<ScheduleParticipant> People(int n) => [.. Enumerable.Range(0, n).Select(i => new ScheduleParticipant($"P{i}"))];

    private static CandidateMeeting Pair(int a, int b, double value) => new($"{a}-{b}", a, b, value);

    private static ScheduleProblem Problem(int slots, int tables, List<ScheduleParticipant> people, params CandidateMeeting[] pairs) => new()
    {
        Slots = ScheduleTestProblems.Slots(slots),
        Tables = tables,
        Participants = people,
        Candidates = pairs,
        TimeLimit = TimeSpan.FromSeconds(20),
    };

    private static List<ScheduleSlot> OneSession(int n) => [.. Enumerable.Range(0, n).Select(i => new ScheduleSlot(0, 0, false, $"slot {i}"))];

    private sealed class Synchronous(Action<ScheduleProgress> report) : IProgress<ScheduleProgress>
    {
        public void Report(ScheduleProgress value) => report(value);
    }
}

/// <summary>Small problems shared by the scheduling tests.</summary>
internal static class ScheduleTestProblems
{
    /// <summary>One day: the first half of the slots a morning session, the rest an afternoon one.</summary>
    public static List<ScheduleSlot> Slots(int n) =>
        [.. Enumerable.Range(0, n).Select(i => new ScheduleSlot(0, i < (n + 1) / 2 ? 0 : 1, i >= (n + 1) / 2, $"slot {i}"))];

    /// <summary>Every pair of <paramref name="n"/> participants, each meeting worth 1.</summary>
    public static List<CandidateMeeting> EveryoneMeetsEveryone(int n) =>
        [.. Enumerable.Range(0, n).SelectMany(a => Enumerable.Range(a + 1, n - a - 1).Select(b => new CandidateMeeting($"{a}-{b}", a, b, 1)))];

    /// <summary>
    /// A place-only event built around a hidden schedule without breaks: session by session, slot by slot, everyone
    /// still in a run of meetings meets someone new (a run ends only when no one new is left to meet, or at random),
    /// and others start runs. About a tenth of each participant's idle slots are unavailable, and some meetings are
    /// restricted to the session they have in the hidden schedule. The fewest breaks is therefore 0.
    /// </summary>
    public static ScheduleProblem WithoutBreaks(int participants, int slotsPerSession, int seed)
    {
        var random = new Random(seed);
        var slots = Slots(slotsPerSession * 2);
        var met = new HashSet<(int, int)>();
        var meetings = new List<CandidateMeeting>();
        var busy = new HashSet<(int, int)>();
        var perSlot = new int[slots.Count];
        foreach (var session in new[] { 0, 1 })
        {
            var state = new int[participants]; // 0 not started, 1 in a run, 2 done for the session
            for (var s = session * slotsPerSession; s < (session + 1) * slotsPerSession; s++)
            {
                for (var p = 0; p < participants; p++)
                {
                    state[p] = state[p] == 0 && random.NextDouble() < 0.15 ? 1 : state[p] == 1 && random.NextDouble() < 0.12 ? 2 : state[p];
                }

                var free = Enumerable.Range(0, participants).Where(p => state[p] == 1).OrderBy(_ => random.Next()).ToList();
                while (free.Count > 0)
                {
                    var a = free[0];
                    free.RemoveAt(0);
                    var b = free.FirstOrDefault(b => !met.Contains((Math.Min(a, b), Math.Max(a, b))), -1);
                    if (b < 0)
                    {
                        state[a] = busy.Contains((a, s - 1)) ? 2 : 0; // its run ends (or has not begun)
                        continue;
                    }

                    free.Remove(b);
                    met.Add((Math.Min(a, b), Math.Max(a, b)));
                    busy.Add((a, s));
                    busy.Add((b, s));
                    perSlot[s]++;
                    var restriction = random.NextDouble() < 0.15 ? (slots[s].Afternoon ? SlotRestriction.Afternoon : SlotRestriction.Morning) : SlotRestriction.Any;
                    meetings.Add(new CandidateMeeting($"m{meetings.Count}", a, b, 1) { Restriction = restriction });
                }
            }
        }

        var people = Enumerable.Range(0, participants).Select(p => new ScheduleParticipant($"P{p}",
            Unavailable: Enumerable.Range(0, slots.Count).Where(s => !busy.Contains((p, s)) && random.NextDouble() < 0.1).ToHashSet())).ToList();
        return new ScheduleProblem
        {
            Slots = slots, Tables = perSlot.Max(), Participants = people, Candidates = meetings, Mode = ScheduleMode.PlaceOnly, FairnessBound = 2,
            TimeLimit = TimeSpan.FromSeconds(20), Seed = seed,
        };
    }

    public static ScheduleProblem SmallFair(int buyers, int exporters, int slots, int seed)
    {
        var random = new Random(seed);
        var people = Enumerable.Range(0, buyers).Select(i => new ScheduleParticipant($"B{i}", MaxMeetings: 5))
            .Concat(Enumerable.Range(0, exporters).Select(i => new ScheduleParticipant($"E{i}", MaxMeetings: 3))).ToList();
        var pairs = new List<CandidateMeeting>();
        for (var b = 0; b < buyers; b++)
        {
            foreach (var e in Enumerable.Range(0, exporters).OrderBy(_ => random.Next()).Take(6))
            {
                pairs.Add(new CandidateMeeting($"{b}-{buyers + e}", b, buyers + e, Math.Round(0.1 + random.NextDouble(), 3)));
            }
        }

        // The last exporter is in many buyers' lists, so withdrawing it matters.
        for (var b = 0; b < buyers; b += 2)
        {
            if (!pairs.Any(x => x.A == b && x.B == buyers + exporters - 1))
            {
                pairs.Add(new CandidateMeeting($"{b}-{buyers + exporters - 1}", b, buyers + exporters - 1, 1.5));
            }
        }

        return new ScheduleProblem { Slots = Slots(slots), Tables = 6, Participants = people, Candidates = pairs, TimeLimit = TimeSpan.FromSeconds(20), Seed = seed };
    }
}
