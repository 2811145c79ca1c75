using System.Diagnostics;
using Matchmaker.Scheduling;
using Matchmaker.Scheduling.OrTools;

namespace Matchmaker.Benchmarks;

/// <summary>The schedule solver on a large fair, on place-only instances like the published ones, and at scale.</summary>
public static class ScheduleBenchmark
{
    /// <summary>CP-SAT workers (--workers; 0: one per core).</summary>
    public static int Workers { get; set; }

    public static void Fair(int buyers, int exporters, double seconds, int seed)
    {
        var problem = ScheduleInstances.Fair(buyers, exporters, slotsPerDay: 16, tables: 120, top: 15, requests: 1500, seed, TimeSpan.FromSeconds(seconds));
        Console.WriteLine($"# fair: {buyers} buyers, {exporters} exporters, {problem.Slots.Count} slots, {problem.Tables} tables, {problem.Candidates.Count} candidate pairs, limit {seconds} s");
        var result = Run(problem, verbose: true);
        Console.WriteLine($"fair: {result.Meetings.Count} meetings, value {result.Value:0.000} / bound {result.MatchingBound:0.000} = {result.Value / result.MatchingBound:0.0000}, "
            + $"breaks {result.Breaks} (max {result.MaxBreaks}), table changes {result.TableChanges}, {result.Status}, {result.SolveTime.TotalSeconds:0.00} s, "
            + $"double bookings {ScheduleRules.Violations(problem, result.Meetings).Count}");
    }

    /// <summary>The scale case: 1,000 participants, 24 slots, about 10,000 candidate pairs.</summary>
    public static void Scale(int seed)
    {
        var problem = ScheduleInstances.Fair(buyers: 250, exporters: 750, slotsPerDay: 12, tables: 150, top: 36, requests: 1_000, seed, TimeSpan.FromSeconds(60));
        Console.WriteLine($"# scale: {problem.Participants.Count} participants, {problem.Slots.Count} slots, {problem.Tables} tables, {problem.Candidates.Count} candidate pairs, limit 60 s");
        var result = Run(problem, verbose: false);
        Console.WriteLine($"scale: {result.Meetings.Count} meetings, value {result.Value:0.000} / bound {result.MatchingBound:0.000} = {result.Value / result.MatchingBound:0.0000}, "
            + $"breaks {result.Breaks} (max {result.MaxBreaks}), {result.Status}, {result.SolveTime.TotalSeconds:0.00} s, violations {ScheduleRules.Violations(problem, result.Meetings).Count}");
    }

    public static void PlaceOnly(int instances, double seconds, int firstSeed)
    {
        Console.WriteLine($"# place-only: {instances} generated instances, limit {seconds} s each");
        var times = new List<double>();
        var proven = 0;
        for (var seed = firstSeed; seed < firstSeed + instances; seed++)
        {
            var problem = ScheduleInstances.PlaceOnly(seed, TimeSpan.FromSeconds(seconds));
            var result = Run(problem, verbose: false);
            var optimal = result.Status == ScheduleStatus.Optimal;
            proven += optimal ? 1 : 0;
            times.Add(result.SolveTime.TotalSeconds);
            Console.WriteLine($"instance {seed}: {problem.Participants.Count} participants, {problem.Candidates.Count} meetings, {problem.Slots.Count} slots, "
                + $"{problem.Tables} tables: breaks {result.Breaks} (max {result.MaxBreaks}), lower bound {Math.Max(0, -result.ObjectiveBound):0}, {result.Status}, "
                + $"{result.SolveTime.TotalSeconds:0.00} s, violations {ScheduleRules.Violations(problem, result.Meetings).Count}");
        }

        if (times.Count == 0)
        {
            return;
        }

        times.Sort();
        Console.WriteLine($"place-only: {proven}/{instances} proven optimal, median {times[times.Count / 2]:0.00} s, worst {times[^1]:0.00} s");
    }

    private static ScheduleResult Run(ScheduleProblem problem, bool verbose)
    {
        var clock = Stopwatch.StartNew();
        var progress = verbose ? new Progress<ScheduleProgress>(p => Console.WriteLine(
            $"  {p.Elapsed.TotalSeconds,6:0.00} s  value {p.Value:0.000}  bound {p.MatchingBound:0.000}  objective {p.Objective:0.000} ≤ {p.ObjectiveBound:0.000}  gap {p.Gap:P2}  breaks {p.Breaks}")) : null;
        var result = new OrToolsScheduleSolver(Workers).Solve(problem, progress);
        _ = clock;
        return result;
    }
}
