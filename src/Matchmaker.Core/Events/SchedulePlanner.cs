using System.Collections.Concurrent;
using Matchmaker.Profiles;
using Matchmaker.Scheduling;
using Matchmaker.Store;

namespace Matchmaker.Events;

/// <summary>How a schedule run is asked for.</summary>
public sealed record ScheduleRequest
{
    public ScheduleMode Mode { get; init; } = ScheduleMode.ChooseAndPlace;

    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>No two participants' break counts differ by more than this; null: no bound.</summary>
    public int? FairnessBound { get; init; }

    /// <summary>Give everyone its wanted minimum of meetings where that is feasible.</summary>
    public bool EnsureMinimum { get; init; }

    /// <summary>Each buyer's best exporters the schedule may choose from (requested pairs come on top).</summary>
    public int TopPerBuyer { get; init; } = 15;

    /// <summary>Solve and report without saving the meetings.</summary>
    public bool DryRun { get; init; }

    public const int MaxTimeLimitSeconds = 600;
}

/// <summary>What a schedule run did: the solver's report, and the meetings as saved (or as they would be, on a dry run).</summary>
public sealed record ScheduleRun(
    ScheduleResult Result,
    ScheduleSummary Summary,
    IReadOnlyList<Meeting> Meetings,
    IReadOnlyList<(string A, string B, string Rule)> Unplaced,
    IReadOnlyList<(Participant Participant, Shortfall Shortfall)> Shortfalls,
    int Added,
    int Moved,
    int Dropped);

/// <summary>
/// A schedule solved but not saved (<see cref="SchedulePlanner.Preview"/>): its run, as it would be saved, and what
/// saving it needs: the event, participants (<paramref name="Roster"/>) and meetings it was built for, and the solver's result.
/// </summary>
public sealed record SchedulePreview(Event Event, EventRosters.Roster Roster, SchedulePlanner.Built Built, ScheduleResult Result, ScheduleRun Run);

/// <summary>
/// Turns an event into a schedule problem and a solved schedule back into meetings. Candidates are
/// each buyer's best exporters by the active ranker (each buyer's scores mapped to values from 0.1 to
/// 1.0), raised by requests: ×1.5 would-like, ×2 must-meet, ×3 and required once accepted (a mutual
/// request is accepted at once). Blocked and declined pairs are left out; confirmed and pinned meetings
/// stay where they are, meetings staff added must be placed, and on a published event each meeting
/// prefers its published slot. A meeting keeps its id (the calendar UID) across runs; its sequence
/// rises when it moves.
/// </summary>
public sealed class SchedulePlanner(ChangeFeed changes, EventCatalog events, EventRosters rosters, EventBoards boards, EventMatches matches, IScheduleSolver solver,
    TimeProvider? clock = null)
{
    private readonly ConcurrentDictionary<string, byte> _running = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <exception cref="RecordNotFoundException">No such event.</exception>
    /// <exception cref="ValidationException">Bad options.</exception>
    /// <exception cref="RuleViolationException">The event has no slots or tables, is closed, or is being scheduled already.</exception>
    /// <exception cref="VersionConflictException">Staff changed a meeting while the solver ran; nothing was saved.</exception>
    public ScheduleRun Generate(string eventId, ScheduleRequest request, IProgress<ScheduleProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Run(eventId, request, progress, null, cancellationToken);

    private ScheduleRun Run(string eventId, ScheduleRequest request, IProgress<ScheduleProgress>? progress,
        Action<Event, Built, ScheduleResult, EventRosters.Roster>? solved, CancellationToken cancellationToken)
    {
        var check = new FieldChecker("");
        if (request.TimeLimit <= TimeSpan.Zero || request.TimeLimit > TimeSpan.FromSeconds(ScheduleRequest.MaxTimeLimitSeconds))
        {
            check.Add("time_limit_seconds", $"must be more than 0 and at most {ScheduleRequest.MaxTimeLimitSeconds}");
        }

        if (request.FairnessBound is < 0)
        {
            check.Add("fairness_bound", "must be 0 or more");
        }

        if (request.TopPerBuyer is < 1 or > 200)
        {
            check.Add("top_per_buyer", "must be 1–200");
        }

        if (!Enum.IsDefined(request.Mode))
        {
            check.Add("mode", "is choose-and-place or place-only");
        }

        check.ThrowIfAny();
        var e = events.RequireOpen(eventId);

        if (!_running.TryAdd(e.Id, 0))
        {
            throw new RuleViolationException($"event {e.Id}", Rule.Of("generating", $"a schedule is being generated for this event already"));
        }

        try
        {
            var roster = rosters.Of(e.Id);
            var built = Build(e, request);
            var result = solver.Solve(built.Problem, progress, cancellationToken);
            // A run called off (the caller went away, the server is stopping) saves nothing: its schedule is whatever the
            // solver had at that moment, not one anyone chose to keep. A dry run still returns what it found.
            if (!request.DryRun)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            solved?.Invoke(e, built, result, roster);
            return Save(e, built, result, request.DryRun);
        }
        finally
        {
            _running.TryRemove(e.Id, out _);
        }
    }

    /// <summary>
    /// Solves without saving and keeps what is needed to save that very schedule later (<see cref="Save(SchedulePreview)"/>):
    /// staff look at the diff before anyone's agenda changes.
    /// </summary>
    /// <inheritdoc cref="Generate(string, ScheduleRequest, IProgress{ScheduleProgress}?, CancellationToken)" path="/exception"/>
    public SchedulePreview Preview(string eventId, ScheduleRequest request, IProgress<ScheduleProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        (Event Event, Built Built, ScheduleResult Result, EventRosters.Roster Roster)? solved = null;
        var run = Run(eventId, request with { DryRun = true }, progress, (e, built, result, roster) => solved = (e, built, result, roster), cancellationToken);
        var (e, built, result, roster) = solved!.Value;
        return new SchedulePreview(e, roster, built, result, run);
    }

    /// <summary>Saves a previewed schedule, if nothing it depends on (the event, its participants, its meetings) changed since.</summary>
    /// <exception cref="RuleViolationException">Something changed since the preview: generate again.</exception>
    public ScheduleRun Save(SchedulePreview preview)
    {
        var e = events.Require(preview.Event.Id);
        if (e.Version != preview.Event.Version || !ReferenceEquals(boards.Of(e.Id), preview.Built.Board) || !ReferenceEquals(rosters.Of(e.Id), preview.Roster))
        {
            throw new RuleViolationException($"event {e.Id}", Rule.Of("preview_changed", $"the event, its participants or its meetings changed since this preview; generate it again"));
        }

        return Save(e, preview.Built, preview.Result, dryRun: false);
    }

    /// <summary>The event's problem and, per candidate, what the schedule needs to write it back.</summary>
    public sealed record Built(ScheduleProblem Problem, IReadOnlyList<Participant> People, IReadOnlyList<EventSlots.Slot> Slots,
        IReadOnlyList<Pair> Pairs, EventBoards.Board Board);

    public sealed record Pair(string A, string B, string InquiryId, Meeting? Existing);

    private Built Build(Event e, ScheduleRequest request)
    {
        var slots = EventSlots.Of(e);
        if (slots.Count == 0 || e.Tables.Count == 0)
        {
            throw new RuleViolationException($"event {e.Id}", Rule.Of("needs_days", $"the event needs days with sessions and at least one table before it can be scheduled"));
        }

        var people = rosters.Of(e.Id).ById.Values.ToList();
        var index = people.Select((p, i) => (p.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var tableIndex = e.Tables.Select((t, i) => (t.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var participants = people.Select(p => EventSlots.ForSchedule(p, e, slots)).ToList();
        var board = boards.Of(e.Id);
        var now = _clock.GetUtcNow();
        var candidates = new Dictionary<string, (CandidateMeeting Candidate, string InquiryId, Meeting? Existing)>(StringComparer.Ordinal);

        void Put(string a, string b, double value, string inquiry, Func<CandidateMeeting, CandidateMeeting>? change = null)
        {
            var key = PairBlock.PairOf(a, b);
            var (ia, ib) = string.CompareOrdinal(a, b) <= 0 ? (index[a], index[b]) : (index[b], index[a]);
            var current = candidates.TryGetValue(key, out var c) ? c : (new CandidateMeeting(key, ia, ib, value), inquiry, null);
            var candidate = current.Candidate with { Value = Math.Max(current.Candidate.Value, value) };
            candidates[key] = (change is null ? candidate : change(candidate), current.InquiryId.Length > 0 ? current.InquiryId : inquiry, current.Existing);
        }

        var live = board.Meetings.Values.Where(m => m.Live && index.ContainsKey(m.A) && index.ContainsKey(m.B)).ToList();
        var scores = request.Mode == ScheduleMode.ChooseAndPlace ? matches.Scores(e.Id) : new Dictionary<string, Dictionary<string, (double, string)>>();
        var values = new Dictionary<string, (double Value, string InquiryId)>(StringComparer.Ordinal);
        foreach (var (buyer, byExporter) in scores)
        {
            if (byExporter.Count == 0)
            {
                continue;
            }

            var (min, max) = (byExporter.Values.Min(x => x.Score), byExporter.Values.Max(x => x.Score));
            foreach (var (exporter, (score, inquiry)) in byExporter)
            {
                values[PairBlock.PairOf(buyer, exporter)] = (max > min ? 0.1 + (0.9 * (score - min) / (max - min)) : 1.0, inquiry);
            }

            foreach (var (exporter, (_, _)) in byExporter.OrderByDescending(x => x.Value.Score).ThenBy(x => x.Key, StringComparer.Ordinal).Take(request.TopPerBuyer))
            {
                var v = values[PairBlock.PairOf(buyer, exporter)];
                Put(buyer, exporter, v.Value, v.InquiryId);
            }
        }

        var requests = board.Requests.Values.Where(r => index.ContainsKey(r.FromId) && index.ContainsKey(r.ToId)).ToList();
        foreach (var r in requests)
        {
            var status = r.StatusAt(e, now);
            if (status is not (RequestStatus.Pending or RequestStatus.Accepted) || (request.Mode == ScheduleMode.PlaceOnly && status != RequestStatus.Accepted))
            {
                continue;
            }

            var baseValue = values.TryGetValue(PairBlock.PairOf(r.FromId, r.ToId), out var v) ? v.Value : 0.5;
            var factor = status == RequestStatus.Accepted ? 3.0 : r.Priority == RequestPriority.MustMeet ? 2.0 : 1.5;
            Put(r.FromId, r.ToId, request.Mode == ScheduleMode.PlaceOnly ? 1 : baseValue * factor, r.InquiryId, c => c with
            {
                Required = c.Required || status == RequestStatus.Accepted,
                Restriction = r.Period is not null ? EventSlots.Restriction(r.Period) : c.Restriction,
            });
        }

        foreach (var m in live)
        {
            var slot = m.Placed ? EventSlots.At(slots, m.Date!.Value, m.Start!.Value) : null;
            var fixedHere = slot is not null && (m.Pinned || m.Status is MeetingStatus.Confirmed or MeetingStatus.Held or MeetingStatus.NoShow);
            var key = PairBlock.PairOf(m.A, m.B);
            // Today's scores first: a place-only run stores no values of its own.
            var value = values.TryGetValue(key, out var v) ? v.Value : m.Value > 0 ? m.Value : 0.5;
            Put(m.A, m.B, request.Mode == ScheduleMode.PlaceOnly ? 1 : value, m.InquiryId, c => c with
            {
                Required = c.Required || m.Origin == MeetingOrigin.Staff || fixedHere,
                PinnedSlot = fixedHere ? slot!.Index : -1,
                PinnedTable = fixedHere && tableIndex.TryGetValue(m.TableId, out var t) ? t : -1,
                PublishedSlot = e.Status == EventStatus.Published && slot is not null ? slot.Index : -1,
                CurrentSlot = e.Status != EventStatus.Published && slot is not null ? slot.Index : -1,
                PreferredTable = slot is not null && tableIndex.TryGetValue(m.TableId, out var had) ? had : -1,
                Restriction = m.Period is not null ? EventSlots.Restriction(m.Period) : c.Restriction,
            });
            candidates[key] = candidates[key] with { Existing = m };
        }

        // Never a blocked or declined pair, nor one whose meeting staff cancelled (a run's own drops may come back),
        // unless staff fixed its meeting in place or it has a live meeting again.
        var livePairs = live.Select(m => PairBlock.PairOf(m.A, m.B)).ToHashSet(StringComparer.Ordinal);
        var declined = board.Meetings.Values.Where(m => m.Status == MeetingStatus.Declined
                || (m.Status == MeetingStatus.Cancelled && !m.Reason.StartsWith(DroppedReason, StringComparison.Ordinal) && !livePairs.Contains(PairBlock.PairOf(m.A, m.B))
                    && !requests.Any(r => r.CreatedAt > m.UpdatedAt && PairBlock.PairOf(r.FromId, r.ToId) == PairBlock.PairOf(m.A, m.B))))
            .Select(m => PairBlock.PairOf(m.A, m.B))
            .Concat(requests.Where(r => r.Status == RequestStatus.Declined).Select(r => PairBlock.PairOf(r.FromId, r.ToId)))
            .Concat(board.Blocks.Keys).ToHashSet(StringComparer.Ordinal);
        var kept = candidates.Where(kv => !declined.Contains(kv.Key) || kv.Value.Candidate.PinnedSlot >= 0)
            .OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Value).ToList();
        var problem = new ScheduleProblem
        {
            Slots = EventSlots.ForSchedule(slots),
            Tables = e.Tables.Count,
            Participants = participants,
            Candidates = [.. kept.Select(k => k.Candidate)],
            Mode = request.Mode,
            FairnessBound = request.FairnessBound,
            EnsureMinimum = request.EnsureMinimum,
            TimeLimit = request.TimeLimit,
        };
        var pairs = kept.Select(k => new Pair(people[k.Candidate.A].Id, people[k.Candidate.B].Id, k.InquiryId, k.Existing)).ToList();
        return new Built(problem, people, slots, pairs, board);
    }

    /// <summary>How the reason of a meeting a re-run dropped begins (a published event's are cancelled, not deleted).</summary>
    private const string DroppedReason = "dropped by the schedule run of ";

    private ScheduleRun Save(Event e, Built built, ScheduleResult result, bool dryRun)
    {
        var now = _clock.GetUtcNow();
        var placed = result.Meetings.ToDictionary(m => m.Candidate);
        var writes = new List<(Meeting Meeting, bool Delete, long? Expected)>();
        var (added, moved, dropped) = (0, 0, 0);
        for (var i = 0; i < built.Pairs.Count; i++)
        {
            var pair = built.Pairs[i];
            var existing = pair.Existing;
            if (placed.TryGetValue(i, out var at))
            {
                var slot = built.Slots[at.Slot];
                var table = e.Tables[at.Table].Id;
                // A place-only run has no values of its own (every meeting counts 1): the meeting keeps the one it had.
                var value = built.Problem.Mode == ScheduleMode.PlaceOnly ? existing?.Value ?? 0 : built.Problem.Candidates[i].Value;
                if (existing is null)
                {
                    added++;
                    writes.Add((new Meeting
                    {
                        EventId = e.Id, Id = EventCatalog.RandomId("M-", 8), A = pair.A, B = pair.B, Date = slot.Date, Start = slot.Start,
                        SlotMinutes = slot.Minutes, TableId = table, Value = value, InquiryId = pair.InquiryId,
                    }, false, 0));
                }
                else if (existing.Date != slot.Date || existing.Start != slot.Start || existing.TableId != table)
                {
                    moved += existing.Placed ? 1 : 0;
                    added += existing.Placed ? 0 : 1;
                    writes.Add((existing with
                    {
                        Date = slot.Date, Start = slot.Start, SlotMinutes = slot.Minutes, TableId = table, Value = value,
                        MovedFrom = existing.Placed ? existing.Place : existing.MovedFrom,
                        Sequence = existing.Sequence + 1,
                    }, false, existing.Version));
                }
            }
            else if (existing is not null)
            {
                // Not in the new schedule: a staff meeting waits unplaced (the run reports why); a scheduled one on published
                // agendas is cancelled so calendars drop it; an unpublished one simply goes.
                dropped += existing.Placed ? 1 : 0;
                writes.Add(existing.Origin == MeetingOrigin.Staff
                    ? (existing with { Date = null, Start = null, TableId = "", Sequence = existing.Sequence + (existing.Placed ? 1 : 0) }, false, existing.Version)
                    : e.Status == EventStatus.Published
                        ? (existing.Becomes(MeetingStatus.Cancelled, $"{DroppedReason}{now:yyyy-MM-dd HH:mm} UTC"), false, existing.Version)
                        : (existing, true, existing.Version));
            }
        }

        if (!dryRun && writes.Count > 0)
        {
            changes.WriteMany<Meeting>(table => [.. writes.Select(w => w.Delete ? table.Delete(w.Meeting.Key, w.Expected) : table.Upsert(w.Meeting, w.Expected))]);
        }

        // A place-only run counts every meeting as 1, so its own value and bound are meeting counts: the schedule's
        // value is its meetings' values, and the bound (and gap) stay those of the run that chose them.
        var summary = built.Problem.Mode == ScheduleMode.PlaceOnly
            ? new ScheduleSummary(now, built.Problem.Mode, result.Status, result.Meetings.Count,
                result.Meetings.Sum(m => built.Pairs[m.Candidate].Existing?.Value ?? 0), e.LastSchedule?.Bound ?? 0, e.LastSchedule?.Gap ?? 0,
                result.Breaks, result.MaxBreaks, result.SolveTime.TotalSeconds)
            : new ScheduleSummary(now, built.Problem.Mode, result.Status, result.Meetings.Count, result.Value, result.MatchingBound, result.Gap,
                result.Breaks, result.MaxBreaks, result.SolveTime.TotalSeconds);
        if (!dryRun)
        {
            changes.Write<Event>(table => table.Update(e.Id, null, x => x with
            {
                Status = x.Status is EventStatus.Draft or EventStatus.OpenForRequests ? EventStatus.Scheduled : x.Status,
                LastSchedule = summary,
            }));
        }

        var meetings = dryRun
            ? [.. built.Board.Meetings.Values.Where(m => writes.All(w => w.Meeting.Id != m.Id)).Concat(writes.Where(w => !w.Delete).Select(w => w.Meeting))]
            : boards.Of(e.Id).Meetings.Values.ToList();
        return new ScheduleRun(
            result,
            summary,
            [.. meetings.OrderBy(m => m.Date).ThenBy(m => m.Start).ThenBy(m => m.TableId, StringComparer.Ordinal).ThenBy(m => m.Id, StringComparer.Ordinal)],
            [.. result.Unplaced.Select(u => (built.Pairs[u.Candidate].A, built.Pairs[u.Candidate].B, u.Rule))],
            [.. result.Shortfalls.Select(s => (built.People[s.Participant], s))],
            added, moved, dropped);
    }

}
