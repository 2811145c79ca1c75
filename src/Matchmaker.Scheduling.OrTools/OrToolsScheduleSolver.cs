using System.Diagnostics;
using Google.OrTools.Sat;

namespace Matchmaker.Scheduling.OrTools;

/// <summary>
/// Schedules with Google OR-Tools CP-SAT: one Boolean per candidate meeting and slot it may use, a
/// "busy" Boolean per participant and slot tied to them, and breaks counted exactly from where each
/// participant's runs of meetings start. Tables are interchangeable apart from hosts, so the model
/// only caps meetings per slot (and keeps a host table's meetings apart); tables are seated after
/// the solve (<see cref="ScheduleRules.AssignTables"/>). The search starts from
/// <see cref="GreedySchedule"/>, and the b-matching bound comes from OR-Tools' min-cost flow.
/// </summary>
public sealed class OrToolsScheduleSolver : IScheduleSolver
{
    /// <summary>Value units per 1.0 of a candidate's value.</summary>
    public const long ValueScale = 1000;

    /// <summary>
    /// What one break costs against value in choose-and-place (a hundredth of a meeting worth 1.0):
    /// breaks decide between schedules of near-equal value, never against a meeting worth more.
    /// </summary>
    public const long BreakWeight = 10;

    /// <summary>
    /// Above this many (meeting, slot) Booleans CP-SAT needs longer than a run has just to load and
    /// presolve the model (a 300-buyer, 1,000-exporter fair with 6,000 candidates in 32 slots has
    /// 190,000 and took 8 s on 2 cores before its first solution, which was the greedy one): such a
    /// problem gets the greedy schedule, with its value against the b-matching bound.
    /// </summary>
    public const int FullModelLimit = 60_000;

    /// <summary>The part of a place-only run's time the annealer may spend looking for a schedule without breaks before the full model takes over.</summary>
    private const double ZeroBreakShare = 0.5;

    /// <summary>The annealer's share when presolve has shown that every schedule has breaks: it only finds the minimizing run a good start.</summary>
    private const double HintShare = 0.1;

    /// <summary>
    /// The annealer's move budget per second of a run's share (it makes about 6 million a second on this project's
    /// 2-core machine): a budget rather than a clock keeps runs repeatable, and the clock still cuts it short on a slower one.
    /// </summary>
    private const double AnnealMovesPerSecond = 2_000_000;

    private readonly int _workers;

    /// <param name="workers">CP-SAT workers; 0: one per core.</param>
    public OrToolsScheduleSolver(int workers = 0) => _workers = workers > 0 ? workers : Environment.ProcessorCount;

    public double MatchingBound(ScheduleProblem problem)
    {
        var model = new Model(problem);
        return OrTools.MatchingBound.Compute(problem, model.Units, model.Possible) / (double)ValueScale;
    }

    public ScheduleResult Solve(ScheduleProblem problem, IProgress<ScheduleProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var full = new Model(problem);
        var bound = OrTools.MatchingBound.Compute(problem, full.Units, full.Possible);
        var unplaced = full.Impossible();
        if (full.Size > FullModelLimit)
        {
            return Greedy(problem, full, bound, unplaced, progress, clock, cancellationToken);
        }

        var model = full;
        var share = 1.0;
        List<(int Candidate, int Slot)> greedy = [.. GreedySchedule.Build(problem)];
        IReadOnlyList<(int Candidate, int Slot)>? start = null;

        // Place-only asks for the fewest breaks, and none at all is the best there is: the annealer (Kempe-chain moves
        // that keep every hard rule) looks for a schedule without breaks, which (with every published meeting where it
        // was) is proven optimal at once. It starts from the schedule there is, so a re-run of one without breaks moves
        // nothing. Presolve of the no-breaks model with the parity constraints first: on a saturated event it proves in a
        // fraction of a second that no such schedule exists, and the annealer then only hands the minimizing run a good
        // first schedule.
        // (The annealer knows nothing of maximums: a participant with more meetings to place than its maximum goes to
        // CP-SAT, which names it.)
        if (problem.Mode == ScheduleMode.PlaceOnly && unplaced.Count == 0 && BreakAnnealer.Fits(problem)
            && problem.Participants.Select((x, i) => x.MaxMeetings == 0 || problem.Candidates.Count(c => c.Involves(i)) <= x.MaxMeetings).All(ok => ok))
        {
            var check = new Model(problem);
            check.Build(hardRequired: true, [], [], noBreaks: true, parity: true);
            var zeroPossible = check.Run(1, bound, null, clock, cancellationToken, presolveOnly: true).Status != CpSolverStatus.Infeasible;
            var annealShare = zeroPossible ? ZeroBreakShare : HintShare;
            var (annealed, breaks, leftOut, publishedMoved) = BreakAnnealer.Run(problem, greedy, [.. Enumerable.Range(0, problem.Candidates.Count)],
                (long)(AnnealMovesPerSecond * problem.TimeLimit.TotalSeconds * annealShare), problem.TimeLimit * annealShare, cancellationToken);
            if (leftOut == 0)
            {
                // No break and every published meeting where it was: nothing scores better.
                if (breaks == 0 && publishedMoved == 0)
                {
                    var done = Result(problem, full, annealed, ScheduleStatus.Optimal, bound, 0, 0, unplaced, clock);
                    progress?.Report(new ScheduleProgress(clock.Elapsed, done.Value, 0, 0, done.MatchingBound, 0, 0, done.Meetings.Count));
                    return done;
                }

                start = annealed;
            }

            share = 1.0 - annealShare;
        }

        // The first schedule the CP-SAT run below starts from: greedy, then fewer breaks for up to a tenth of the time.
        start ??= FewerBreaks(problem, greedy, problem.TimeLimit / 10, cancellationToken);

        model.Build(hardRequired: true, unplaced.Select(u => u.Candidate).ToHashSet(), start, parity: problem.Mode == ScheduleMode.PlaceOnly);

        // Staff see the first schedule at once: the greedy one CP-SAT starts from.
        if (model.Hinted.Count > 0)
        {
            Report(problem, full, model.Hinted, bound, progress, clock);
        }

        var (status, chosen, objective, objectiveBound) = model.Run(_workers, bound, progress, clock, cancellationToken, share);
        if (status == CpSolverStatus.Infeasible && problem.FairnessBound is { } d && unplaced.Count == 0
            && new Model(problem with { FairnessBound = null }) is var unfair && unfair.BuildAndCheck(_workers, clock, start))
        {
            return new ScheduleResult
            {
                Meetings = [],
                Status = ScheduleStatus.Infeasible,
                MatchingBound = bound / (double)ValueScale,
                SolveTime = clock.Elapsed,
                Note = $"no schedule keeps every participant's breaks within {d} of each other; a larger fairness bound or none gives one",
            };
        }

        if (status == CpSolverStatus.Infeasible && (problem.Mode == ScheduleMode.PlaceOnly || problem.Candidates.Any(c => c.Required)))
        {
            // The required meetings cannot all be placed together: solve again with them wanted instead of
            // required, and name what keeps out the ones left over.
            var relaxed = new Model(problem);
            relaxed.Build(hardRequired: false, unplaced.Select(u => u.Candidate).ToHashSet(), start);
            (_, chosen, objective, objectiveBound) = relaxed.Run(_workers, bound, progress, clock, cancellationToken);
            unplaced = full.WithConflicts(unplaced, chosen);
            status = CpSolverStatus.Infeasible;
        }

        var scheduleStatus = status switch
        {
            CpSolverStatus.Optimal => ScheduleStatus.Optimal,
            CpSolverStatus.Feasible => ScheduleStatus.Feasible,
            CpSolverStatus.Infeasible => ScheduleStatus.Infeasible,
            _ => chosen.Count > 0 ? ScheduleStatus.Feasible : ScheduleStatus.Unknown,
        };
        return Result(problem, full, chosen, scheduleStatus, bound, objective, objectiveBound, unplaced, clock);
    }

    /// <summary>
    /// A problem too large for one CP-SAT model: the greedy schedule chooses and places the meetings,
    /// then the annealer (<see cref="BreakAnnealer"/>) moves them for fewer breaks in the time left.
    /// </summary>
    private static ScheduleResult Greedy(ScheduleProblem problem, Model full, long bound, List<UnplacedMeeting> unplaced,
        IProgress<ScheduleProgress>? progress, Stopwatch clock, CancellationToken cancellationToken)
    {
        List<(int Candidate, int Slot)> chosen = [.. GreedySchedule.Build(problem)];
        unplaced = full.WithConflicts(unplaced, chosen);
        Report(problem, full, chosen, bound, progress, clock);
        chosen = FewerBreaks(problem, chosen, problem.TimeLimit - clock.Elapsed, cancellationToken);
        Report(problem, full, chosen, bound, progress, clock);

        // No solver figures: the result takes its objective and bound from the schedule itself.
        var status = unplaced.Count > 0 && problem.Mode == ScheduleMode.PlaceOnly ? ScheduleStatus.Infeasible : ScheduleStatus.Feasible;
        var result = Result(problem, full, chosen, status, bound, double.NaN, double.NaN, unplaced, clock);
        var breaks = ScheduleRules.Breaks(problem, result.Meetings);
        var withMeetings = Enumerable.Range(0, breaks.Length).Where(p => result.Meetings.Any(m => problem.Candidates[m.Candidate].Involves(p))).Select(p => breaks[p]).ToList();
        var spread = withMeetings.Count == 0 ? 0 : withMeetings.Max() - withMeetings.Min();
        return problem.FairnessBound is { } d && spread > d
            ? result with { Note = $"an event this large is scheduled without CP-SAT, which does not keep the fairness bound: break counts differ by up to {spread}, more than {d}" }
            : result;
    }

    /// <summary>
    /// The same meetings with fewer breaks: the annealer, or where its bit masks do not reach (over 64 slots and
    /// sessions together) the plainer local search, within <paramref name="budget"/>.
    /// </summary>
    private static List<(int Candidate, int Slot)> FewerBreaks(ScheduleProblem problem, List<(int Candidate, int Slot)> schedule, TimeSpan budget,
        CancellationToken cancellationToken)
    {
        if (!BreakAnnealer.Fits(problem))
        {
            return BreakReducer.Improve(problem, schedule, budget);
        }

        var budgetSeconds = Math.Max(0, budget.TotalSeconds);
        return BreakAnnealer.Run(problem, schedule, [.. schedule.Select(m => m.Candidate)], (long)(AnnealMovesPerSecond * budgetSeconds),
            TimeSpan.FromSeconds(budgetSeconds), cancellationToken).Schedule;
    }

    /// <summary>Reports a schedule found outside CP-SAT (the greedy one, after local search) as progress.</summary>
    private static void Report(ScheduleProblem problem, Model full, List<(int Candidate, int Slot)> schedule, long bound, IProgress<ScheduleProgress>? progress,
        Stopwatch clock)
    {
        if (progress is null)
        {
            return;
        }

        var breaks = ScheduleRules.Breaks(problem, [.. schedule.Select(m => new PlacedMeeting(m.Candidate, m.Slot, 0))]).Sum();
        var units = schedule.Sum(m => full.Units[m.Candidate]);
        var (objective, objectiveBound) = OwnFigures(problem, units, breaks, bound);
        progress.Report(new ScheduleProgress(clock.Elapsed, units / (double)ValueScale, objective / (double)ValueScale, objectiveBound / (double)ValueScale,
            bound / (double)ValueScale, RelativeGap(objective, objectiveBound), breaks, schedule.Count));
    }

    /// <summary>
    /// A schedule's objective and a bound on it when CP-SAT gave none: value less its breaks' weight against the
    /// b-matching bound (choose-and-place), or its breaks against none at all (place-only).
    /// </summary>
    private static (long Objective, long Bound) OwnFigures(ScheduleProblem problem, long units, int breaks, long bound) =>
        problem.Mode == ScheduleMode.PlaceOnly ? (-breaks * ValueScale, 0) : (units - (breaks * BreakWeight), bound);

    private static ScheduleResult Result(ScheduleProblem problem, Model full, List<(int Candidate, int Slot)> chosen, ScheduleStatus status, long bound,
        double objective, double objectiveBound, List<UnplacedMeeting> unplaced, Stopwatch clock)
    {
        var meetings = ScheduleRules.AssignTables(problem, chosen);
        var breaks = ScheduleRules.Breaks(problem, meetings);
        if (!double.IsFinite(objective) || !double.IsFinite(objectiveBound))
        {
            // CP-SAT found nothing in time (the greedy schedule stands), or was not run: the figures come from the schedule itself.
            (objective, objectiveBound) = OwnFigures(problem, meetings.Sum(m => full.Units[m.Candidate]), breaks.Sum(), bound);
        }

        return new ScheduleResult
        {
            Meetings = meetings,
            Status = status,
            Value = meetings.Sum(m => full.Units[m.Candidate]) / (double)ValueScale,
            MatchingBound = bound / (double)ValueScale,
            Objective = objective / ValueScale,
            ObjectiveBound = objectiveBound / ValueScale,
            Gap = RelativeGap(objective, objectiveBound),
            Breaks = breaks.Sum(),
            MaxBreaks = breaks.Length == 0 ? 0 : breaks.Max(),
            TableChanges = ScheduleRules.TableChanges(problem, meetings),
            PublishedChanged = problem.Candidates.Select((c, i) => (c, i)).Count(x => x.c.PublishedSlot >= 0 && !chosen.Contains((x.i, x.c.PublishedSlot))),
            SolveTime = clock.Elapsed,
            Unplaced = unplaced,
            Shortfalls = full.Shortfalls(meetings),
        };
    }

    internal static bool MustPlace(ScheduleProblem problem, int candidate) =>
        problem.Mode == ScheduleMode.PlaceOnly || problem.Candidates[candidate].Required || problem.Candidates[candidate].PinnedSlot >= 0;

    /// <summary>|bound − objective| ÷ the larger of the two in size: 0 when proven best, 1 when the bound says nothing (place-only: 40 breaks found, none ruled out).</summary>
    internal static double RelativeGap(double objective, double bound) =>
        Math.Abs(bound - objective) < 1e-9 ? 0 : Math.Abs(bound - objective) / Math.Max(Math.Abs(bound), Math.Abs(objective));

    /// <summary>One CP-SAT model of a problem.</summary>
    private sealed class Model
    {
        private readonly ScheduleProblem _p;
        private readonly CpModel _model = new();
        private readonly List<(int Slot, BoolVar Var)>[] _y;
        private readonly List<IntVar> _breakVars = [];
        private readonly IReadOnlyList<int[]> _sessions;
        private readonly bool _minimizeBreaksOnly;
        private bool _relaxed;

        public Model(ScheduleProblem problem)
        {
            _p = problem;
            _sessions = ScheduleRules.Sessions(problem);
            _minimizeBreaksOnly = problem.Mode == ScheduleMode.PlaceOnly;
            Units = [.. problem.Candidates.Select(OrTools.MatchingBound.Units)];
            AllowedSlots = [.. problem.Candidates.Select(c => Enumerable.Range(0, problem.Slots.Count)
                .Where(s => (c.PinnedSlot < 0 || s == c.PinnedSlot) && ScheduleRules.PlacementRule(problem, c, s, problem.TableFor(c) ?? 0) is null).ToArray())];
            Possible = [.. AllowedSlots.Select(a => a.Length > 0 && problem.Tables > 0)];
            _y = new List<(int, BoolVar)>[problem.Candidates.Count];
        }

        public IReadOnlyList<long> Units { get; }

        /// <summary>
        /// The better of CP-SAT's bound on the objective and the one the b-matching gives in choose-and-place
        /// (value at most the bound, plus the keep-it-published bonus of 1 unit per published meeting):
        /// early in a large search CP-SAT's own bound is far looser, which would report a gap no schedule could close.
        /// </summary>
        public double Tighter(double cpSatBound, long matchingBound) =>
            _p.Mode == ScheduleMode.PlaceOnly || _relaxed ? cpSatBound : Math.Min(cpSatBound, matchingBound + (PublishedWeight() * _p.Candidates.Count(c => c.PublishedSlot >= 0)));

        /// <summary>The greedy schedule given to CP-SAT as its first solution (after <see cref="Build"/>).</summary>
        public List<(int Candidate, int Slot)> Hinted { get; private set; } = [];

        /// <summary>(meeting, slot) Booleans the model needs.</summary>
        public long Size => AllowedSlots.Sum(a => (long)a.Length);

        public IReadOnlyList<int[]> AllowedSlots { get; }

        public IReadOnlyList<bool> Possible { get; }

        /// <summary>Required (or pinned) meetings that no slot can take on their own, each with the rule that stops it.</summary>
        public List<UnplacedMeeting> Impossible()
        {
            var list = new List<UnplacedMeeting>();
            for (var i = 0; i < _p.Candidates.Count; i++)
            {
                if (MustPlace(_p, i) && !Possible[i])
                {
                    list.Add(new UnplacedMeeting(i, AloneReason(_p.Candidates[i])));
                }
            }

            return list;
        }

        /// <param name="noBreaks">Forbid every break (the presolve check of whether place-only can have none).</param>
        /// <param name="first">The schedule CP-SAT starts from (its meetings outside this model are dropped).</param>
        /// <param name="parity">Add the per-slot parity constraints (for presolve and tree search; CP-SAT's local search keeps even sums badly).</param>
        public void Build(bool hardRequired, HashSet<int> leaveOut, IReadOnlyList<(int Candidate, int Slot)> first, bool noBreaks = false, bool parity = false)
        {
            // A relaxed run weighs required meetings far above value, so the b-matching no longer bounds its objective.
            _relaxed = !hardRequired;
            var slots = _p.Slots.Count;
            var perSlot = new List<BoolVar>[slots];
            var byParticipantSlot = new Dictionary<(int, int), List<BoolVar>>();
            var byParticipant = new List<BoolVar>[_p.Participants.Count];
            var meetingsOf = Enumerable.Range(0, _p.Participants.Count).Select(_ => new List<int>()).ToArray();
            var objective = LinearExpr.NewBuilder();
            for (var s = 0; s < slots; s++)
            {
                perSlot[s] = [];
            }

            for (var i = 0; i < byParticipant.Length; i++)
            {
                byParticipant[i] = [];
            }

            var hostTableUse = new Dictionary<(int Table, int Slot), List<BoolVar>>();

            // The greedy schedule, given to CP-SAT as a complete first solution (every variable hinted, so it needs no repair).
            var hint = first.Where(g => !leaveOut.Contains(g.Candidate) && AllowedSlots[g.Candidate].Contains(g.Slot)).ToHashSet();
            Hinted = [.. hint.OrderBy(h => h.Candidate)];
            var busyHint = new HashSet<(int, int)>();
            var countHint = new int[_p.Participants.Count];
            foreach (var (c, s) in hint)
            {
                busyHint.Add((_p.Candidates[c].A, s));
                busyHint.Add((_p.Candidates[c].B, s));
                countHint[_p.Candidates[c].A]++;
                countHint[_p.Candidates[c].B]++;
            }

            var breaksHint = new int[_p.Participants.Count];
            for (var c = 0; c < _p.Candidates.Count; c++)
            {
                var m = _p.Candidates[c];
                _y[c] = [];
                if (leaveOut.Contains(c) || !Possible[c])
                {
                    continue;
                }

                meetingsOf[m.A].Add(c);
                meetingsOf[m.B].Add(c);
                foreach (var s in AllowedSlots[c])
                {
                    var v = _model.NewBoolVar($"y{c}_{s}");
                    _model.AddHint(v, hint.Contains((c, s)));
                    _y[c].Add((s, v));
                    perSlot[s].Add(v);
                    Add(byParticipantSlot, (m.A, s), v);
                    Add(byParticipantSlot, (m.B, s), v);
                    byParticipant[m.A].Add(v);
                    byParticipant[m.B].Add(v);
                    if (_p.TableFor(m) is { } table)
                    {
                        Add(hostTableUse, (table, s), v);
                    }

                    if (!_minimizeBreaksOnly)
                    {
                        objective.AddTerm(v, Units[c]);
                    }

                    if (s == m.PublishedSlot)
                    {
                        // Keeping a published meeting where it is weighs as much as a break: participants hold agendas,
                        // so a move must save more than one break to happen (value still comes first).
                        objective.AddTerm(v, PublishedWeight());
                    }
                }

                var held = LinearExpr.Sum(_y[c].Select(x => x.Var));
                if (MustPlace(_p, c) && (hardRequired || m.PinnedSlot >= 0))
                {
                    _model.Add(held == 1);
                }
                else if (MustPlace(_p, c))
                {
                    // Relaxed run: a required meeting outweighs every other meeting together.
                    _model.Add(held <= 1);
                    foreach (var (_, v) in _y[c])
                    {
                        objective.AddTerm(v, RequiredWeight());
                    }
                }
                else
                {
                    _model.Add(held <= 1);
                }
            }

            for (var s = 0; s < slots; s++)
            {
                if (perSlot[s].Count > _p.Tables)
                {
                    _model.Add(LinearExpr.Sum(perSlot[s]) <= _p.Tables);
                }
            }

            foreach (var (_, uses) in hostTableUse)
            {
                if (uses.Count > 1)
                {
                    _model.Add(LinearExpr.Sum(uses) <= 1);
                }
            }

            for (var i = 0; i < _p.Participants.Count; i++)
            {
                var max = _p.Participants[i].MaxMeetings;
                if (max > 0 && byParticipant[i].Count > max)
                {
                    _model.Add(LinearExpr.Sum(byParticipant[i]) <= max);
                }
            }

            // Busy per participant and slot (at most one meeting), and breaks where a meeting is followed by idle time before the next.
            var busyBySlot = Enumerable.Range(0, slots).Select(_ => new List<BoolVar>()).ToArray();
            var maxBreaks = _p.FairnessBound is null ? null : _model.NewIntVar(0, slots, "maxBreaks");
            var minBreaks = _p.FairnessBound is null ? null : _model.NewIntVar(0, slots, "minBreaks");
            for (var i = 0; i < _p.Participants.Count; i++)
            {
                if (byParticipant[i].Count == 0)
                {
                    continue;
                }

                var busyOfI = new List<BoolVar>();
                var breaksOfI = LinearExpr.NewBuilder();
                var hasBreaks = false;
                var usedAny = new List<BoolVar>();
                foreach (var session in _sessions)
                {
                    // The participant's free slots of the session in order: its busy Boolean, or null where no meeting can use it.
                    var busy = new List<BoolVar?>();
                    var busyNow = new List<bool>();
                    foreach (var s in session.Where(_p.Participants[i].IsFree))
                    {
                        busyNow.Add(busyHint.Contains((i, s)));
                        if (byParticipantSlot.TryGetValue((i, s), out var here))
                        {
                            var b = _model.NewBoolVar($"b{i}_{s}");
                            _model.AddHint(b, busyNow[^1]);
                            _model.Add(LinearExpr.Sum(here) == b);
                            busy.Add(b);
                            busyBySlot[s].Add(b);
                        }
                        else
                        {
                            busy.Add(null);
                        }
                    }

                    busyOfI.AddRange(busy.OfType<BoolVar>());
                    if (busy.All(b => b is null))
                    {
                        continue;
                    }

                    // Two monotone chains: after[k] = busy somewhere at or before k, before[k] = busy somewhere at or after k.
                    // A slot inside both and not busy is idle between meetings; a break starts where a meeting is followed by
                    // such a slot. Meetings at k1 < k2 set after[] from k1 on and before[] up to k2, so forbidding idle slots
                    // fills everything between them at once (far stronger than counting where runs start).
                    var n = busy.Count;
                    var after = new BoolVar[n];
                    var before = new BoolVar[n];
                    var afterHint = new bool[n];
                    var beforeHint = new bool[n];
                    for (var k = 0; k < n; k++)
                    {
                        afterHint[k] = busyNow[k] || (k > 0 && afterHint[k - 1]);
                        beforeHint[n - 1 - k] = busyNow[n - 1 - k] || (k > 0 && beforeHint[n - k]);
                    }

                    for (var k = 0; k < n; k++)
                    {
                        after[k] = _model.NewBoolVar("");
                        before[k] = _model.NewBoolVar("");
                        _model.AddHint(after[k], afterHint[k]);
                        _model.AddHint(before[k], beforeHint[k]);
                    }

                    for (var k = 0; k < n; k++)
                    {
                        Chain(after[k], k > 0 ? after[k - 1] : null, busy[k]);
                        Chain(before[k], k < n - 1 ? before[k + 1] : null, busy[k]);
                    }

                    var used = after[n - 1];
                    usedAny.Add(used);
                    var sessionHint = 0;
                    for (var k = 0; k < n; k++)
                    {
                        if (noBreaks)
                        {
                            _model.AddBoolOr(busy[k] is { } bk ? [after[k].Not(), before[k].Not(), bk] : [after[k].Not(), before[k].Not()]);
                            continue;
                        }

                        if (k == 0 || busy[k - 1] is not { } previous)
                        {
                            continue;
                        }

                        // A break starts at k: a meeting at k - 1, none at k, and one later.
                        var breakStart = _model.NewBoolVar("");
                        var hinted = busyNow[k - 1] && !busyNow[k] && beforeHint[k];
                        sessionHint += hinted ? 1 : 0;
                        _model.AddHint(breakStart, hinted);
                        _model.AddImplication(breakStart, previous);
                        _model.AddImplication(breakStart, before[k]);
                        if (busy[k] is { } now)
                        {
                            _model.AddImplication(breakStart, now.Not());
                            _model.AddBoolOr([previous.Not(), now, before[k].Not(), breakStart]);
                        }
                        else
                        {
                            _model.AddBoolOr([previous.Not(), before[k].Not(), breakStart]);
                        }

                        breaksOfI.Add(breakStart);
                        _breakVars.Add(breakStart);
                        hasBreaks = true;
                    }

                    breaksHint[i] += sessionHint;
                }

                // Implied: a participant whose meetings must all be placed is busy in exactly as many slots as it has
                // meetings. Presolve then fixes every free slot busy for one with no spare slot, which the sums above
                // only reach by search.
                if (hardRequired && meetingsOf[i].All(c => MustPlace(_p, c)))
                {
                    _model.Add(LinearExpr.Sum(busyOfI) == meetingsOf[i].Count);
                }

                if (maxBreaks is not null && minBreaks is not null)
                {
                    var total = _model.NewIntVar(0, slots, $"breaks{i}");
                    _model.AddHint(total, breaksHint[i]);
                    _model.Add(total == (hasBreaks ? breaksOfI : LinearExpr.Constant(0)));
                    _model.Add(maxBreaks >= total);
                    if (_p.Mode == ScheduleMode.PlaceOnly)
                    {
                        _model.Add(minBreaks <= total);
                    }
                    else
                    {
                        var has = _model.NewBoolVar("");
                        _model.AddHint(has, countHint[i] > 0);
                        _model.AddBoolOr(usedAny).OnlyEnforceIf(has);
                        foreach (var u in usedAny)
                        {
                            _model.AddImplication(u, has);
                        }

                        _model.Add(minBreaks <= total).OnlyEnforceIf(has);
                    }
                }

                var min = _p.Participants[i].MinMeetings;
                if (_p.EnsureMinimum && min > 0 && _p.Mode != ScheduleMode.PlaceOnly)
                {
                    var shortBy = _model.NewIntVar(0, min, $"short{i}");
                    _model.AddHint(shortBy, Math.Max(0, min - countHint[i]));
                    _model.Add(shortBy >= min - LinearExpr.Sum(byParticipant[i]));
                    objective.AddTerm(shortBy, -ShortfallWeight());
                }
            }

            if (parity)
            {
                // Implied: the participants busy in a slot are twice its meetings, an even number. With the counts above,
                // a saturated event (everyone busy in nearly every free slot) is often proven to need breaks in presolve,
                // which tree search alone does not find.
                for (var s = 0; s < slots; s++)
                {
                    if (busyBySlot[s].Count == 0)
                    {
                        continue;
                    }

                    var inSlot = _model.NewIntVar(0, perSlot[s].Count, $"m{s}");
                    _model.AddHint(inSlot, hint.Count(h => h.Slot == s));
                    _model.Add(LinearExpr.Sum(perSlot[s]) == inSlot);
                    _model.Add(LinearExpr.Sum(busyBySlot[s]) == 2 * inSlot);
                }
            }

            if (maxBreaks is not null && minBreaks is not null)
            {
                _model.Add(maxBreaks - minBreaks <= _p.FairnessBound!.Value);
                var withMeetings = Enumerable.Range(0, breaksHint.Length).Where(i => countHint[i] > 0).Select(i => breaksHint[i]).ToList();
                _model.AddHint(maxBreaks, withMeetings.Count == 0 ? 0 : withMeetings.Max());
                _model.AddHint(minBreaks, withMeetings.Count == 0 ? 0 : withMeetings.Min());
            }

            var breakWeight = _minimizeBreaksOnly ? ValueScale : BreakWeight;
            foreach (var b in _breakVars)
            {
                objective.AddTerm(b, -breakWeight);
            }

            _model.Maximize(objective);
        }

        /// <summary>Whether the problem has a schedule at all (every required meeting placed).</summary>
        public bool BuildAndCheck(int workers, Stopwatch clock, IReadOnlyList<(int Candidate, int Slot)> start)
        {
            Build(hardRequired: true, [], start);
            return Run(workers, 0, null, clock, CancellationToken.None).Status is CpSolverStatus.Optimal or CpSolverStatus.Feasible;
        }

        /// <param name="share">The part of the problem's time limit this run may use (its deterministic-time limit, so the
        /// same input stops at the same point), within what is left of the wall-clock limit.</param>
        public (CpSolverStatus Status, List<(int Candidate, int Slot)> Chosen, double Objective, double Bound) Run(
            int workers, long matchingBound, IProgress<ScheduleProgress>? progress, Stopwatch clock, CancellationToken cancellationToken, double share = 1,
            bool presolveOnly = false)
        {
            var invariant = System.Globalization.CultureInfo.InvariantCulture;
            var solver = new CpSolver
            {
                StringParameters = string.Join(", ",
                    $"num_workers:{workers}",
                    $"random_seed:{_p.Seed}",
                    // Deterministic across runs whatever the number of workers: the workers' searches interleave in fixed batches.
                    "interleave_search:true",
                    $"max_deterministic_time:{Math.Max(0.05, _p.TimeLimit.TotalSeconds * share).ToString(invariant)}",
                    $"max_time_in_seconds:{Math.Max(0.05, (_p.TimeLimit - clock.Elapsed).TotalSeconds).ToString(invariant)}",
                    $"stop_after_presolve:{(presolveOnly ? "true" : "false")}",
                    // The solver's own Ctrl-C handler (on by default) is set to the default action when a solve ends, which
                    // kills the process on its next SIGINT: the server's orderly shutdown would be gone after any schedule run.
                    // A solve is stopped through the cancellation token instead.
                    "catch_sigint_signal:false"),
            };
            var callback = new Progress(this, matchingBound, progress, clock);
            using var stop = cancellationToken.Register(solver.StopSearch);
            var status = solver.Solve(_model, callback);
            if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
            {
                // Nothing found in time: the schedule it started from stands (the one already reported as progress).
                return (status, status == CpSolverStatus.Infeasible ? [] : [.. Hinted], double.NaN, double.NaN);
            }

            var chosen = new List<(int, int)>();
            for (var c = 0; c < _y.Length; c++)
            {
                foreach (var (s, v) in _y[c] ?? [])
                {
                    if (solver.BooleanValue(v))
                    {
                        chosen.Add((c, s));
                    }
                }
            }

            return (status, chosen, solver.ObjectiveValue, Tighter(solver.BestObjectiveBound, matchingBound));
        }

        /// <summary>The meetings already known to be impossible, and every other one that had to be placed but is not in the schedule, with why.</summary>
        public List<UnplacedMeeting> WithConflicts(List<UnplacedMeeting> impossible, List<(int Candidate, int Slot)> chosen)
        {
            var placed = chosen.Select(m => m.Candidate).ToHashSet();
            return
            [
                .. impossible,
                .. Enumerable.Range(0, _p.Candidates.Count)
                    .Where(i => MustPlace(_p, i) && !placed.Contains(i) && impossible.All(u => u.Candidate != i))
                    .Select(i => new UnplacedMeeting(i, ConflictReason(i, chosen))),
            ];
        }

        private string ConflictReason(int candidate, IReadOnlyList<(int Candidate, int Slot)> chosen)
        {
            var c = _p.Candidates[candidate];
            foreach (var who in new[] { c.A, c.B })
            {
                var p = _p.Participants[who];
                var must = Enumerable.Range(0, _p.Candidates.Count).Count(i => _p.Candidates[i].Involves(who) && MustPlace(_p, i));
                var free = Enumerable.Range(0, _p.Slots.Count).Count(p.IsFree);
                if (must > free)
                {
                    return $"{p.Id} has {must} meetings to place and {free} free slots";
                }

                if (p.MaxMeetings > 0 && must > p.MaxMeetings)
                {
                    return $"{p.Id} has {must} meetings to place and a maximum of {p.MaxMeetings}";
                }
            }

            var full = AllowedSlots[candidate].Where(s => chosen.Count(m => m.Slot == s) >= _p.Tables).ToList();
            return full.Count == AllowedSlots[candidate].Length
                ? "every table is taken in the slots both are free"
                : $"{_p.Participants[c.A].Id} and {_p.Participants[c.B].Id} have no common free slot left by their other required or pinned meetings";
        }

        public List<Shortfall> Shortfalls(IReadOnlyList<PlacedMeeting> meetings)
        {
            var list = new List<Shortfall>();
            var count = new int[_p.Participants.Count];
            var busy = new HashSet<(int, int)>();
            var perSlot = new int[_p.Slots.Count];
            foreach (var m in meetings)
            {
                var c = _p.Candidates[m.Candidate];
                count[c.A]++;
                count[c.B]++;
                busy.Add((c.A, m.Slot));
                busy.Add((c.B, m.Slot));
                perSlot[m.Slot]++;
            }

            for (var i = 0; i < _p.Participants.Count; i++)
            {
                var p = _p.Participants[i];
                if (count[i] >= p.MinMeetings)
                {
                    continue;
                }

                var free = Enumerable.Range(0, _p.Slots.Count).Where(p.IsFree).ToList();
                var counterparts = Enumerable.Range(0, _p.Candidates.Count).Count(c => Possible[c] && _p.Candidates[c].Involves(i));
                var (cause, reason) =
                    free.Count < p.MinMeetings ? (ShortfallCause.Availability, $"free in {free.Count} slots, wants {p.MinMeetings} meetings")
                    : counterparts < p.MinMeetings ? (ShortfallCause.Counterparts,
                        $"only {counterparts} possible counterpart{(counterparts == 1 ? "" : "s")} for the {p.MinMeetings} meetings it wants; blocked pairs and counterparts without a common free slot are left out")
                    : free.Where(s => !busy.Contains((i, s))).All(s => perSlot[s] >= _p.Tables) ? (ShortfallCause.Tables,
                        "every table is taken in the slots it is free")
                    : (ShortfallCause.LowValue, "its counterparts' time went to meetings of higher value");
                list.Add(new Shortfall(i, count[i], p.MinMeetings, cause, reason));
            }

            return list;
        }

        private string AloneReason(CandidateMeeting c)
        {
            var (a, b) = (_p.Participants[c.A], _p.Participants[c.B]);
            if (_p.Tables == 0)
            {
                return "the event has no tables";
            }

            if (c.PinnedSlot >= 0 && ScheduleRules.PlacementRule(_p, c, c.PinnedSlot, _p.TableFor(c) ?? 0) is { } pinned)
            {
                return $"pinned at {_p.Slots[c.PinnedSlot].Label}, where {pinned}";
            }

            if (a.FixedTable >= 0 && b.FixedTable >= 0 && a.FixedTable != b.FixedTable)
            {
                return $"both host at their own tables ({a.Id} at {a.FixedTable}, {b.Id} at {b.FixedTable})";
            }

            var common = Enumerable.Range(0, _p.Slots.Count).Where(s => a.IsFree(s) && b.IsFree(s)).ToList();
            return common.Count == 0
                ? $"{a.Id} and {b.Id} have no free slot in common"
                : $"{a.Id} and {b.Id} are free together only in {(c.Restriction == SlotRestriction.Morning ? "afternoon" : "morning")} sessions, and the meeting is for {(c.Restriction == SlotRestriction.Morning ? "a morning" : "an afternoon")} one";
        }


        /// <summary>x = previous ∨ busy: one link of a monotone chain (previous null at the chain's end, busy null where no meeting can be).</summary>
        private void Chain(BoolVar x, BoolVar? previous, BoolVar? busy)
        {
            var reasons = new List<ILiteral> { x.Not() };
            foreach (var y in new[] { previous, busy })
            {
                if (y is not null)
                {
                    _model.AddImplication(y, x);
                    reasons.Add(y);
                }
            }

            _model.AddBoolOr(reasons);
        }

        private long PublishedWeight() => _minimizeBreaksOnly ? ValueScale : BreakWeight;

        private long RequiredWeight() => (Units.Sum() + 1) * 2;

        private long ShortfallWeight() => (Units.Count == 0 ? 1 : Units.Max()) * 4;

        private static void Add<TKey>(Dictionary<TKey, List<BoolVar>> map, TKey key, BoolVar v) where TKey : notnull
        {
            if (!map.TryGetValue(key, out var list))
            {
                map[key] = list = [];
            }

            list.Add(v);
        }

        /// <summary>Reports each better schedule: its value, the objective and CP-SAT's bound.</summary>
        private sealed class Progress(Model owner, long matchingBound, IProgress<ScheduleProgress>? sink, Stopwatch clock) : CpSolverSolutionCallback
        {
            public override void OnSolutionCallback()
            {
                if (sink is null)
                {
                    return;
                }

                long value = 0;
                var meetings = 0;
                for (var c = 0; c < owner._y.Length; c++)
                {
                    foreach (var (_, v) in owner._y[c] ?? [])
                    {
                        if (BooleanValue(v))
                        {
                            value += owner.Units[c];
                            meetings++;
                        }
                    }
                }

                long breaks = 0;
                foreach (var b in owner._breakVars)
                {
                    breaks += Value(b);
                }

                var objective = ObjectiveValue();
                var bound = owner.Tighter(BestObjectiveBound(), matchingBound);
                sink.Report(new ScheduleProgress(clock.Elapsed, value / (double)ValueScale, objective / ValueScale, bound / ValueScale,
                    matchingBound / (double)ValueScale, RelativeGap(objective, bound), (int)breaks, meetings));
            }
        }
    }
}
