using Google.OrTools.Graph;

namespace Matchmaker.Scheduling.OrTools;

/// <summary>
/// An upper bound on any schedule's value: the maximum-weight b-matching of the candidate meetings,
/// each participant's capacity its free slots (or its maximum, if lower), the number of meetings
/// capped by tables × slots. Any two participants may meet, so the graph need not be bipartite: the
/// bound is computed by min-cost flow on its bipartite double cover (each participant on both sides,
/// each pair as an arc either way at half its weight), which gives the fractional b-matching optimum:
/// exact when the pairs are bipartite (buyers with exporters), never below the best schedule otherwise.
/// </summary>
internal static class MatchingBound
{
    /// <summary>The bound in value units (<see cref="Units"/> of each candidate, summed).</summary>
    public static long Compute(ScheduleProblem problem, IReadOnlyList<long> units, IReadOnlyList<bool> possible)
    {
        var n = problem.Participants.Count;
        var slots = problem.Slots.Count;
        var flow = new MinCostFlow();
        const int source = 0, sink = 1;
        var total = 2L * problem.Tables * slots;
        if (total == 0)
        {
            return 0;
        }

        for (var i = 0; i < n; i++)
        {
            var p = problem.Participants[i];
            long free = Enumerable.Range(0, slots).Count(p.IsFree);
            var capacity = p.MaxMeetings > 0 ? Math.Min(free, p.MaxMeetings) : free;
            flow.AddArcWithCapacityAndUnitCost(source, 2 + i, capacity, 0);
            flow.AddArcWithCapacityAndUnitCost(2 + n + i, sink, capacity, 0);
        }

        for (var c = 0; c < problem.Candidates.Count; c++)
        {
            if (!possible[c])
            {
                continue;
            }

            var m = problem.Candidates[c];
            flow.AddArcWithCapacityAndUnitCost(2 + m.A, 2 + n + m.B, 1, -units[c]);
            flow.AddArcWithCapacityAndUnitCost(2 + m.B, 2 + n + m.A, 1, -units[c]);
        }

        // Flow not worth sending through a pair takes the free way round.
        flow.AddArcWithCapacityAndUnitCost(source, sink, total, 0);
        flow.SetNodeSupply(source, total);
        flow.SetNodeSupply(sink, -total);
        var status = flow.Solve();
        if (status != MinCostFlowBase.Status.OPTIMAL)
        {
            throw new InvalidOperationException($"the b-matching bound's min-cost flow ended {status}");
        }

        // Each meeting is counted once from each side.
        return -flow.OptimalCost() / 2;
    }

    /// <summary>A candidate's value in the integer units the solver works in (thousandths, at least 1).</summary>
    public static long Units(CandidateMeeting c) => Math.Max(1, (long)Math.Round(c.Value * OrToolsScheduleSolver.ValueScale));
}
