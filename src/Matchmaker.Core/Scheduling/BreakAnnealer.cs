using System.Diagnostics;
using System.Numerics;

namespace Matchmaker.Scheduling;

/// <summary>
/// Simulated annealing on where meetings sit, for a schedule without breaks (place-only) or with as few as it
/// finds. Its move is a Kempe chain: take a meeting in slot s and send it to slot t; the meetings at t of its two
/// participants come back to s, theirs at s go to t, and so on until the chain closes. The whole chain swapping
/// keeps everyone in at most one meeting per slot, so every schedule it visits keeps the hard rules (availability,
/// sessions, tables per slot, host tables, pins). A meeting left out by the first schedule is put in by the same
/// move, the meetings in its way left out instead, each left-out meeting weighing far more than a break.
/// Breaks are counted on a bit mask per participant over its free slots (unavailable slots skipped, as
/// <see cref="ScheduleRules.Breaks"/> counts them), so one move costs a few hundred nanoseconds.
/// The same input gives the same result: a seeded random order and a move budget, not a clock (the clock only
/// cuts a run short on a slower machine).
/// </summary>
public sealed class BreakAnnealer
{
    /// <summary>One break, in the annealer's units: as much as a published meeting moved away from its slot (as in CP-SAT's objective).</summary>
    private const int BreakWeight = 100;

    /// <summary>A meeting moved away from its slot in the current, unpublished schedule: a tie-break.</summary>
    private const int CurrentWeight = 1;

    /// <summary>What a meeting left out weighs against one break.</summary>
    private const int LeftOutWeight = 64 * BreakWeight;

    private readonly ScheduleProblem _p;
    private readonly int _slots;
    private readonly int[] _a;
    private readonly int[] _b;
    private readonly int[][] _allowed;
    private readonly ulong[] _allowedMask;
    private readonly int[] _table;
    private readonly int[] _home;
    private readonly int[] _homeWeight;
    private readonly int[] _bit;
    private readonly ulong[][] _sessionMasks;

    private readonly int[] _at;
    private readonly int[] _slotOf;
    private readonly int[] _perSlot;
    private readonly ulong[] _mask;
    private readonly int[] _breaks;
    private readonly Dictionary<(int Table, int Slot), int> _hostUse = [];

    // Scratch for one move.
    private readonly List<int> _chain = [];
    private readonly List<int> _people = [];
    private readonly int[] _seenMeeting;
    private readonly int[] _seenPerson;
    private readonly ulong[] _newMask;
    private int _stamp;

    private int _leftOut;
    private int _totalBreaks;

    /// <summary>The weight of meetings away from their published or current slot.</summary>
    private int _away;

    private BreakAnnealer(ScheduleProblem problem)
    {
        _p = problem;
        _slots = problem.Slots.Count;
        var n = problem.Participants.Count;
        var m = problem.Candidates.Count;
        _a = [.. problem.Candidates.Select(c => c.A)];
        _b = [.. problem.Candidates.Select(c => c.B)];
        _table = [.. problem.Candidates.Select(c => problem.TableFor(c) ?? -1)];
        _home = [.. problem.Candidates.Select(c => c.PublishedSlot >= 0 ? c.PublishedSlot : c.CurrentSlot)];
        _homeWeight = [.. problem.Candidates.Select(c => c.PublishedSlot >= 0 ? BreakWeight : c.CurrentSlot >= 0 ? CurrentWeight : 0)];
        _allowed = [.. problem.Candidates.Select(c => Enumerable.Range(0, _slots)
            .Where(s => (c.PinnedSlot < 0 || s == c.PinnedSlot) && ScheduleRules.PlacementRule(problem, c, s, problem.TableFor(c) ?? 0) is null).ToArray())];
        _allowedMask = [.. _allowed.Select(a => a.Aggregate(0UL, (x, s) => x | (1UL << s)))];

        // Each participant's free slots, session by session, on consecutive bits with one always-empty bit between
        // sessions, so that runs of meetings never join across sessions.
        var sessions = ScheduleRules.Sessions(problem);
        _bit = new int[n * _slots];
        _sessionMasks = new ulong[n][];
        for (var p = 0; p < n; p++)
        {
            var next = 0;
            _sessionMasks[p] = new ulong[sessions.Count];
            for (var k = 0; k < sessions.Count; k++)
            {
                foreach (var s in sessions[k])
                {
                    if (problem.Participants[p].IsFree(s))
                    {
                        _sessionMasks[p][k] |= 1UL << next;
                        _bit[(p * _slots) + s] = next++;
                    }
                    else
                    {
                        _bit[(p * _slots) + s] = -1;
                    }
                }

                next++;
            }
        }

        _at = new int[n * _slots];
        Array.Fill(_at, -1);
        _slotOf = new int[m];
        Array.Fill(_slotOf, -1);
        _perSlot = new int[_slots];
        _mask = new ulong[n];
        _breaks = new int[n];
        _seenMeeting = new int[m];
        _seenPerson = new int[n];
        _newMask = new ulong[n];
    }

    /// <summary>Whether the problem fits the annealer's bit masks (at most 64 slots, sessions included).</summary>
    public static bool Fits(ScheduleProblem problem) =>
        problem.Slots.Count + ScheduleRules.Sessions(problem).Count <= 64;

    /// <summary>
    /// Anneals <paramref name="start"/> (meetings of <paramref name="place"/> it leaves out are put in as it goes).
    /// Stops at a schedule with every meeting of <paramref name="place"/> in and no break, after
    /// <paramref name="moves"/> moves, after two rounds of cooling without a better schedule, at
    /// <paramref name="wallLimit"/>, or when cancelled.
    /// </summary>
    /// <returns>
    /// The best schedule seen (fewest left out, then fewest breaks and published meetings moved, each weighing as much,
    /// then fewest meetings moved from the current schedule), its breaks, how many it left out, and how many published
    /// meetings it moved.
    /// </returns>
    public static (List<(int Candidate, int Slot)> Schedule, int Breaks, int LeftOut, int PublishedMoved) Run(ScheduleProblem problem, IReadOnlyList<(int Candidate, int Slot)> start,
        IReadOnlyCollection<int> place, long moves, TimeSpan wallLimit, CancellationToken cancellationToken = default)
    {
        if (!Fits(problem))
        {
            throw new ArgumentException("the annealer takes at most 64 slots and sessions together", nameof(problem));
        }

        var search = new BreakAnnealer(problem);
        return search.Anneal(start, place, moves, wallLimit, cancellationToken);
    }

    private (List<(int, int)>, int, int, int) Anneal(IReadOnlyList<(int Candidate, int Slot)> start, IReadOnlyCollection<int> place, long moves, TimeSpan wallLimit,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var toPlace = place.Where(c => _allowed[c].Length > 0).Distinct().Order().ToArray();
        var inPlay = new bool[_p.Candidates.Count];
        foreach (var c in toPlace)
        {
            inPlay[c] = true;
        }

        foreach (var (c, s) in start)
        {
            if (inPlay[c] && _slotOf[c] < 0 && (_allowedMask[c] & (1UL << s)) != 0 && _at[(_a[c] * _slots) + s] < 0 && _at[(_b[c] * _slots) + s] < 0
                && _perSlot[s] < _p.Tables && (_table[c] < 0 || _hostUse.GetValueOrDefault((_table[c], s)) == 0))
            {
                Put(c, s);
            }
        }

        for (var i = 0; i < _mask.Length; i++)
        {
            _breaks[i] = BreaksOf(i, _mask[i]);
            _totalBreaks += _breaks[i];
        }

        _leftOut = toPlace.Count(c => _slotOf[c] < 0);
        _away = toPlace.Where(c => _slotOf[c] >= 0).Sum(c => AwayAt(c, _slotOf[c]));
        var best = Snapshot(toPlace);
        var (bestLeftOut, bestCost, bestBreaks) = (_leftOut, Cost(), _totalBreaks);
        var random = new Random(_p.Seed);

        // Temperature falls geometrically from T0 to T1 over each round of moves, then rises again: a few rounds
        // shake the schedule out of a local minimum without forgetting the best one.
        const double T0 = 1.5 * BreakWeight;
        const double T1 = 0.05 * BreakWeight;
        var round = Math.Clamp(moves / 4, 20_000, 2_000_000);
        long lastBest = 0;
        for (long move = 0; move < moves && toPlace.Length > 0; move++)
        {
            // Done at nothing left out and no break; given up after two rounds without a better schedule.
            if ((bestLeftOut == 0 && bestCost == 0) || move - lastBest > 2 * round
                || ((move & 1023) == 0 && (clock.Elapsed > wallLimit || cancellationToken.IsCancellationRequested)))
            {
                break;
            }

            var temperature = T0 * Math.Pow(T1 / T0, (move % round) / (double)round);
            var c = toPlace[random.Next(toPlace.Length)];
            if (_slotOf[c] >= 0 && _breaks[_a[c]] == 0 && _breaks[_b[c]] == 0 && random.Next(4) != 0)
            {
                // A meeting whose two participants have no break is drawn again three times in four, so moves go more
                // often where the breaks are.
                c = toPlace[random.Next(toPlace.Length)];
            }

            var allowed = _allowed[c];
            var t = allowed[random.Next(allowed.Length)];
            if (t == _slotOf[c])
            {
                continue;
            }

            var delta = _slotOf[c] < 0 ? TryInsert(c, t) : TryChain(c, t);
            if (delta is not { } d)
            {
                continue;
            }

            if (d <= 0 || random.NextDouble() < Math.Exp(-d / temperature))
            {
                if (_slotOf[c] < 0)
                {
                    ApplyInsert(c, t);
                }
                else
                {
                    ApplyChain(_slotOf[c], t);
                }

                if (_leftOut < bestLeftOut || (_leftOut == bestLeftOut && Cost() < bestCost))
                {
                    (bestLeftOut, bestCost, bestBreaks) = (_leftOut, Cost(), _totalBreaks);
                    best = Snapshot(toPlace);
                    lastBest = move;
                }
            }
        }

        return (best, bestBreaks, bestLeftOut, best.Count(m => _p.Candidates[m.Item1].PublishedSlot >= 0 && _p.Candidates[m.Item1].PublishedSlot != m.Item2));
    }

    private int Cost() => (_totalBreaks * BreakWeight) + _away;

    /// <summary>What meeting <paramref name="c"/> in slot <paramref name="s"/> weighs for being away from its published or current slot.</summary>
    private int AwayAt(int c, int s) => _home[c] >= 0 && s != _home[c] ? _homeWeight[c] : 0;

    private List<(int, int)> Snapshot(int[] toPlace) => [.. toPlace.Where(c => _slotOf[c] >= 0).Select(c => (c, _slotOf[c]))];

    private int BreaksOf(int p, ulong mask)
    {
        if (mask == 0)
        {
            return 0;
        }

        var runs = BitOperations.PopCount(mask & ~(mask << 1));
        foreach (var session in _sessionMasks[p])
        {
            runs -= (mask & session) != 0 ? 1 : 0;
        }

        return runs;
    }

    private void Put(int c, int s)
    {
        _slotOf[c] = s;
        _at[(_a[c] * _slots) + s] = c;
        _at[(_b[c] * _slots) + s] = c;
        _mask[_a[c]] |= 1UL << _bit[(_a[c] * _slots) + s];
        _mask[_b[c]] |= 1UL << _bit[(_b[c] * _slots) + s];
        _perSlot[s]++;
        if (_table[c] >= 0)
        {
            _hostUse[(_table[c], s)] = _hostUse.GetValueOrDefault((_table[c], s)) + 1;
        }
    }

    private void Take(int c)
    {
        var s = _slotOf[c];
        _slotOf[c] = -1;
        _at[(_a[c] * _slots) + s] = -1;
        _at[(_b[c] * _slots) + s] = -1;
        _mask[_a[c]] &= ~(1UL << _bit[(_a[c] * _slots) + s]);
        _mask[_b[c]] &= ~(1UL << _bit[(_b[c] * _slots) + s]);
        _perSlot[s]--;
        if (_table[c] >= 0)
        {
            _hostUse[(_table[c], s)]--;
        }
    }

    /// <summary>
    /// The Kempe chain of meeting <paramref name="c"/> between its slot and <paramref name="t"/> into <see cref="_chain"/>
    /// (and its participants into <see cref="_people"/>); the change in breaks if it swaps, or null when it may not.
    /// </summary>
    private int? TryChain(int c, int t)
    {
        var s = _slotOf[c];
        _stamp++;
        _chain.Clear();
        _people.Clear();
        Visit(_a[c]);
        Visit(_b[c]);
        var (fromS, fromT) = (0, 0);
        for (var i = 0; i < _people.Count; i++)
        {
            var p = _people[i];
            foreach (var x in (ReadOnlySpan<int>)[s, t])
            {
                var q = _at[(p * _slots) + x];
                if (q < 0 || _seenMeeting[q] == _stamp)
                {
                    continue;
                }

                // The meeting goes to the other slot: it must be allowed there.
                var to = x == s ? t : s;
                if ((_allowedMask[q] & (1UL << to)) == 0)
                {
                    return null;
                }

                _seenMeeting[q] = _stamp;
                _chain.Add(q);
                (fromS, fromT) = x == s ? (fromS + 1, fromT) : (fromS, fromT + 1);
                Visit(_a[q]);
                Visit(_b[q]);
            }
        }

        if (_perSlot[s] - fromS + fromT > _p.Tables || _perSlot[t] - fromT + fromS > _p.Tables || !HostTablesAfterSwap(s, t))
        {
            return null;
        }

        var delta = 0;
        foreach (var p in _people)
        {
            var (bs, bt) = (_bit[(p * _slots) + s], _bit[(p * _slots) + t]);
            var (inS, inT) = (_at[(p * _slots) + s] >= 0, _at[(p * _slots) + t] >= 0);
            var mask = _mask[p];
            if (inS != inT)
            {
                // Busy in one of the two slots: the chain moves that meeting to the other (both are free for it).
                mask ^= (1UL << bs) | (1UL << bt);
            }

            _newMask[p] = mask;
            delta += (BreaksOf(p, mask) - _breaks[p]) * BreakWeight;
        }

        foreach (var q in _chain)
        {
            delta += AwayAt(q, _slotOf[q] == s ? t : s) - AwayAt(q, _slotOf[q]);
        }

        return delta;
    }

    private void Visit(int p)
    {
        if (_seenPerson[p] != _stamp)
        {
            _seenPerson[p] = _stamp;
            _people.Add(p);
        }
    }

    private bool HostTablesAfterSwap(int s, int t)
    {
        var hosted = false;
        foreach (var q in _chain)
        {
            hosted |= _table[q] >= 0;
        }

        if (!hosted)
        {
            return true;
        }

        foreach (var q in _chain)
        {
            if (_table[q] < 0)
            {
                continue;
            }

            var to = _slotOf[q] == s ? t : s;
            var use = _hostUse.GetValueOrDefault((_table[q], to));
            foreach (var r in _chain)
            {
                if (_table[r] == _table[q])
                {
                    use += _slotOf[r] == to ? -1 : 1;
                }
            }

            if (use > 1)
            {
                return false;
            }
        }

        return true;
    }

    private void ApplyChain(int s, int t)
    {
        foreach (var q in _chain)
        {
            var to = _slotOf[q] == s ? t : s;
            _away += AwayAt(q, to) - AwayAt(q, _slotOf[q]);
            Take(q);
            _slotOf[q] = to;
        }

        foreach (var q in _chain)
        {
            var to = _slotOf[q];
            _slotOf[q] = -1;
            Put(q, to);
        }

        foreach (var p in _people)
        {
            var now = BreaksOf(p, _mask[p]);
            _totalBreaks += now - _breaks[p];
            _breaks[p] = now;
        }
    }

    /// <summary>Putting left-out meeting <paramref name="c"/> in slot <paramref name="t"/>, leaving out the meetings there of its participants (and of its host table).</summary>
    private int? TryInsert(int c, int t)
    {
        _stamp++;
        _chain.Clear();
        _people.Clear();
        foreach (var p in (ReadOnlySpan<int>)[_a[c], _b[c]])
        {
            var q = _at[(p * _slots) + t];
            if (q >= 0 && _seenMeeting[q] != _stamp)
            {
                _seenMeeting[q] = _stamp;
                _chain.Add(q);
            }
        }

        if (_table[c] >= 0 && _hostUse.GetValueOrDefault((_table[c], t)) > 0)
        {
            for (var q = 0; q < _slotOf.Length; q++)
            {
                if (_slotOf[q] == t && _table[q] == _table[c] && _seenMeeting[q] != _stamp)
                {
                    _seenMeeting[q] = _stamp;
                    _chain.Add(q);
                }
            }
        }

        if (_perSlot[t] - _chain.Count + 1 > _p.Tables)
        {
            return null;
        }

        foreach (var q in _chain)
        {
            Visit(_a[q]);
            Visit(_b[q]);
        }

        Visit(_a[c]);
        Visit(_b[c]);
        foreach (var p in _people)
        {
            _newMask[p] = _mask[p];
        }

        foreach (var q in _chain)
        {
            _newMask[_a[q]] &= ~(1UL << _bit[(_a[q] * _slots) + t]);
            _newMask[_b[q]] &= ~(1UL << _bit[(_b[q] * _slots) + t]);
        }

        _newMask[_a[c]] |= 1UL << _bit[(_a[c] * _slots) + t];
        _newMask[_b[c]] |= 1UL << _bit[(_b[c] * _slots) + t];
        var delta = ((_chain.Count - 1) * LeftOutWeight) + AwayAt(c, t);
        foreach (var q in _chain)
        {
            delta -= AwayAt(q, t);
        }

        foreach (var p in _people)
        {
            delta += (BreaksOf(p, _newMask[p]) - _breaks[p]) * BreakWeight;
        }

        return delta;
    }

    private void ApplyInsert(int c, int t)
    {
        foreach (var q in _chain)
        {
            _away -= AwayAt(q, t);
            Take(q);
        }

        _away += AwayAt(c, t);
        Put(c, t);
        _leftOut += _chain.Count - 1;
        foreach (var p in _people)
        {
            var now = BreaksOf(p, _mask[p]);
            _totalBreaks += now - _breaks[p];
            _breaks[p] = now;
        }
    }
}
