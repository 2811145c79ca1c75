using Matchmaker.Feedback;
using Matchmaker.Profiles;
using Matchmaker.Scheduling;
using Matchmaker.Store;

namespace Matchmaker.Events;

/// <summary>
/// A meeting's life after the schedule: staff add, move, pin, confirm, decline or cancel it, and the
/// two sides report what happened. A meeting placed by hand is checked against the same rules as the
/// solver's (<see cref="ScheduleRules.PlacementRule"/>) and against the other meetings, under the
/// feed's write lock, and the first rule that blocks it is named. Every change takes an expected
/// version, so of two staff changing one meeting, one gets a version conflict.
/// </summary>
public sealed class MeetingDesk(ChangeFeed changes, EventCatalog events, EventRosters rosters, EventBoards boards, EventMatches matches, TimeProvider? clock = null)
{
    public const int MaxTextLength = 1000;

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>Where a meeting goes: a slot's local date and start, and a table; null date: not placed yet.</summary>
    public sealed record Placement(DateOnly? Date, TimeOnly? Start, string TableId);

    /// <summary>Adds a meeting between two participants; with a placement it is checked and placed, without one the next schedule run must place it.</summary>
    public Change<Meeting> Add(string eventId, string a, string b, Placement placement, SessionPeriod? period, bool pinned)
    {
        var e = EventOf(eventId);
        var (pa, pb) = rosters.Of(e.Id).Pair(e, a, b, "a", "b");
        var inquiry = pa.Role == ParticipantRole.Buyer && pb.Role == ParticipantRole.Exporter ? matches.BestInquiry(pa, pb)
            : pb.Role == ParticipantRole.Buyer && pa.Role == ParticipantRole.Exporter ? matches.BestInquiry(pb, pa) : "";
        return changes.Write<Meeting>(table =>
        {
            var board = boards.Of(e.Id);
            if (board.LiveMeeting(pa.Id, pb.Id) is { } live)
            {
                throw new RuleViolationException($"meeting {live.Id}", Rule.Of("meets_twice", $"{pa.Id} and {pb.Id} already have meeting {live.Id}: no pair meets twice"));
            }

            if (board.Block(pa.Id, pb.Id) is { } block)
            {
                throw new RuleViolationException($"pair {pa.Id}–{pb.Id}", Rule.Of("blocked", $"{block.By} blocked this pair ({RequestDesk.Describe(block.Reason)})"));
            }

            var meeting = new Meeting
            {
                EventId = e.Id, Id = EventCatalog.RandomId("M-", 8), A = pa.Id, B = pb.Id, Origin = MeetingOrigin.Staff, Period = period,
                Pinned = pinned && placement.Date is not null, InquiryId = inquiry,
            };
            return table.Upsert(placement.Date is null ? meeting : Place(e, board, meeting, placement), expectedVersion: 0);
        });
    }

    /// <summary>Moves a meeting to another slot or table, if every rule allows it there.</summary>
    public Change<Meeting> Move(string eventId, string meetingId, Placement placement, long? expectedVersion) =>
        Change(eventId, meetingId, expectedVersion, (e, board, m) =>
        {
            if (!m.Live || m.Status is MeetingStatus.Held or MeetingStatus.NoShow)
            {
                throw new RuleViolationException($"meeting {m.Id}", Rule.Of("does_not_move", $"a {Name(m.Status)} meeting does not move"));
            }

            var moved = Place(e, board, m, placement);
            return moved with { MovedFrom = m.Placed ? m.Place : m.MovedFrom };
        });

    public Change<Meeting> Pin(string eventId, string meetingId, bool pinned, long? expectedVersion) =>
        Change(eventId, meetingId, expectedVersion, (_, _, m) => pinned && !m.Placed
            ? throw new RuleViolationException($"meeting {m.Id}", Rule.Of("pin_without_slot", $"a meeting without a slot cannot be pinned; move it to a slot first"))
            : pinned && !m.Live
                ? throw new RuleViolationException($"meeting {m.Id}", Rule.Of("cannot_pin", $"a {Name(m.Status)} meeting cannot be pinned"))
                : m with { Pinned = pinned });

    public Change<Meeting> Confirm(string eventId, string meetingId, long? expectedVersion) =>
        Change(eventId, meetingId, expectedVersion, (_, _, m) => m.Status != MeetingStatus.Proposed || !m.Placed
            ? throw new RuleViolationException($"meeting {m.Id}", m.Placed ? Rule.Of("confirm_proposed", $"only a proposed meeting is confirmed; this one is {Name(m.Status)}") : Rule.Of("no_slot_yet", $"the meeting has no slot yet"))
            : m.Becomes(MeetingStatus.Confirmed, ""));

    /// <summary>One side declines a proposed or confirmed meeting, with a reason (between a buyer and an exporter, the ranker learns it).</summary>
    public Change<Meeting> Decline(string eventId, string meetingId, string by, string reason, long? expectedVersion)
    {
        Reason(reason);
        var written = Change(eventId, meetingId, expectedVersion, (_, _, m) =>
            m.Status is not (MeetingStatus.Proposed or MeetingStatus.Confirmed)
                ? throw new RuleViolationException($"meeting {m.Id}", Rule.Of("cannot_decline", $"a {Name(m.Status)} meeting cannot be declined"))
                : by.Trim().Length > 0 && !m.Involves(by.Trim())
                    ? throw ValidationException.Of("by", $"{by.Trim()} is not in meeting {m.Id} ({m.A}, {m.B})")
                    : m.Becomes(MeetingStatus.Declined, reason.Trim()));
        Teach(written.Record, FeedbackKind.Declined);
        return written;
    }

    public Change<Meeting> Cancel(string eventId, string meetingId, string reason, long? expectedVersion)
    {
        Reason(reason);
        return Change(eventId, meetingId, expectedVersion, (_, _, m) => m.Status is MeetingStatus.Held or MeetingStatus.NoShow or MeetingStatus.Cancelled
            ? throw new RuleViolationException($"meeting {m.Id}", Rule.Of("cannot_cancel", $"a {Name(m.Status)} meeting cannot be cancelled"))
            : m.Becomes(MeetingStatus.Cancelled, reason.Trim()));
    }

    /// <summary>
    /// Records one side's (or staff's) report of a meeting: held or no-show, rating, follow-up, contract.
    /// The same report twice changes nothing; a later report (the contract months after) is added. The
    /// meeting's status follows the reports (held when anyone says held), and between a buyer and an
    /// exporter each new fact reaches the ranker once: held, no-show, follow-up, contract with its value.
    /// </summary>
    public Change<Meeting> RecordOutcome(string eventId, string meetingId, MeetingOutcome outcome, long? expectedVersion)
    {
        var check = new FieldChecker("");
        if (outcome.Rating is < 0 or > 5)
        {
            check.Add("rating", "is 1–5, or 0 for none");
        }

        if (!double.IsFinite(outcome.ContractValueUsd) || outcome.ContractValueUsd < 0)
        {
            check.Add("contract_value_usd", "must be a finite amount of at least 0");
        }

        if (outcome.ContractValueUsd > 0 && !outcome.ContractSigned)
        {
            check.Add("contract_value_usd", "is for a signed contract (set contract_signed)");
        }

        if (outcome.Held == false && (outcome.ContractSigned || outcome.FollowUp))
        {
            check.Add("held", $"a no-show has no {(outcome.ContractSigned ? "contract" : "follow-up")}: report the meeting held, or leave held out to add the {(outcome.ContractSigned ? "contract" : "follow-up")} alone");
        }

        check.Text("note", outcome.Note, MaxTextLength);
        check.ThrowIfAny();
        var now = _clock.GetUtcNow();
        var report = outcome with { ReportedBy = outcome.ReportedBy.Trim().Length == 0 ? "staff" : outcome.ReportedBy.Trim(), Note = outcome.Note.Trim() };
        var before = boards.Of(eventId).Meetings.GetValueOrDefault(meetingId);
        var written = Change(eventId, meetingId, expectedVersion, (_, _, m) =>
        {
            if (report.ReportedBy != "staff" && !m.Involves(report.ReportedBy))
            {
                throw ValidationException.Of("reported_by", $"{report.ReportedBy} is not in meeting {m.Id} ({m.A}, {m.B}); use a participant id or leave it empty for staff");
            }

            if (!m.Placed || m.Status is MeetingStatus.Declined or MeetingStatus.Cancelled)
            {
                throw new RuleViolationException($"meeting {m.Id}", m.Placed ? Rule.Of("no_outcome", $"a {Name(m.Status)} meeting has no outcome") : Rule.Of("never_placed", $"the meeting was never placed"));
            }

            if (m.Outcomes.Any(o => o with { ReportedAt = default } == report with { ReportedAt = default }))
            {
                return m;
            }

            var outcomes = m.Outcomes.Append(report with { ReportedAt = now }).ToList();
            var status = outcomes.Any(o => o.Held == true || o.FollowUp || o.ContractSigned) ? MeetingStatus.Held
                : outcomes.Any(o => o.Held == false) ? MeetingStatus.NoShow : m.Status;
            return m with { Outcomes = outcomes, Status = status, Sequence = m.Sequence + (status != m.Status ? 1 : 0) };
        }, whenClosed: true);
        if (before is null || written.Record.Outcomes.Count == before.Outcomes.Count)
        {
            return written;
        }

        var m = written.Record;
        var facts = new List<(FeedbackKind Kind, double Value)>();
        if (m.Status == MeetingStatus.Held)
        {
            facts.Add((FeedbackKind.MeetingHeld, 0));
        }

        if (m.Status == MeetingStatus.NoShow)
        {
            facts.Add((FeedbackKind.NoShow, 0));
        }

        if (m.Outcomes.Any(o => o.FollowUp))
        {
            facts.Add((FeedbackKind.FollowUp, 0));
        }

        if (m.Outcomes.Any(o => o.ContractSigned))
        {
            facts.Add((FeedbackKind.ContractSigned, m.Outcomes.Where(o => o.ContractSigned).Max(o => o.ContractValueUsd)));
        }

        var fresh = facts.Where(f => !m.FeedbackSent.Contains(f.Kind)).ToList();
        if (fresh.Count == 0)
        {
            return written;
        }

        foreach (var (kind, value) in fresh)
        {
            Teach(m, kind, value);
        }

        return changes.Write<Meeting>(table => table.Update(m.Key, null, x => x with { FeedbackSent = [.. x.FeedbackSent.Union(fresh.Select(f => f.Kind))] }));
    }

    /// <summary>The rule that stops a meeting at a placement, given the event's other meetings; null when nothing does.</summary>
    public static Rule? BlockingRule(Event e, EventBoards.Board board, IReadOnlyDictionary<string, Participant> roster, Meeting m, Placement to)
    {
        var slots = EventSlots.Of(e);
        if (to.Date is null || to.Start is null || EventSlots.At(slots, to.Date.Value, to.Start.Value) is not { } slot)
        {
            var day = e.Days.FirstOrDefault(d => d.Date == to.Date);
            var session = day?.Sessions.FirstOrDefault(s => to.Start >= s.Start && to.Start < s.End);
            var index = session is null ? -1 : (int)((to.Start!.Value - session.Start).TotalMinutes / session.SlotMinutes);
            var starts = string.Join(", ", slots.Where(s => s.Date == to.Date).Take(4).Select(s => $"{s.Start:HH\\:mm}"));
            return day is null ? Rule.Of("not_a_day", $"{to.Date:yyyy-MM-dd} is not a day of the event")
                : session is not null && session.BreakSlots.Contains(index) && session.Start.AddMinutes((double)index * session.SlotMinutes) == to.Start
                    ? Rule.Of("break_slot", $"{to.Date:yyyy-MM-dd} {to.Start:HH\\:mm} is a break: break slots hold no meeting")
                    : Rule.Of("no_slot", $"no meeting slot starts at {to.Date:yyyy-MM-dd} {to.Start:HH\\:mm} (slots start at {starts}, …)");
        }

        var table = e.Tables.Select((t, i) => (t.Id, i)).FirstOrDefault(t => t.Id == to.TableId);
        if (table.Id is null)
        {
            return Rule.Of("event_no_table", $"the event has no table {to.TableId}");
        }

        var people = new[] { roster[m.A], roster[m.B] };
        var problem = new ScheduleProblem
        {
            Slots = EventSlots.ForSchedule(slots),
            Tables = e.Tables.Count,
            Participants = [.. people.Select(p => EventSlots.ForSchedule(p, e, slots))],
            Candidates = [],
        };
        var candidate = new CandidateMeeting(m.Id, 0, 1, 1) { Restriction = EventSlots.Restriction(m.Period) };
        if (ScheduleRules.PlacementRule(problem, candidate, slot.Index, table.i) is { } rule)
        {
            return rule;
        }

        // A participant's own clash first (it is what staff must resolve), then the table's.
        var there = board.Meetings.Values.Where(o => o.Id != m.Id && o.Live && o.Date == slot.Date && o.Start == slot.Start).ToList();
        foreach (var p in people)
        {
            if (there.FirstOrDefault(o => o.Involves(p.Id)) is { } clash)
            {
                return Rule.Of("has_meeting", $"{p.Id} has meeting {clash.Id} at {slot.Label} (with {clash.Other(p.Id)})");
            }
        }

        return there.FirstOrDefault(o => o.TableId == to.TableId) is { } taken ? Rule.Of("table_holds", $"table {to.TableId} holds meeting {taken.Id} at {slot.Label}") : null;
    }

    private Meeting Place(Event e, EventBoards.Board board, Meeting m, Placement to)
    {
        var rule = BlockingRule(e, board, rosters.Of(e.Id).ById, m, to);
        if (rule is not null)
        {
            throw new RuleViolationException($"meeting {m.Id}", rule);
        }

        var slot = EventSlots.At(EventSlots.Of(e), to.Date!.Value, to.Start!.Value)!;
        var changed = m.Date != slot.Date || m.Start != slot.Start || m.TableId != to.TableId;
        return m with { Date = slot.Date, Start = slot.Start, SlotMinutes = slot.Minutes, TableId = to.TableId, Sequence = m.Sequence + (changed && m.Placed ? 1 : 0) };
    }

    /// <param name="whenClosed">The change is allowed on a closed event too (an outcome: a contract is known months later).</param>
    private Change<Meeting> Change(string eventId, string meetingId, long? expectedVersion, Func<Event, EventBoards.Board, Meeting, Meeting> change, bool whenClosed = false)
    {
        var e = whenClosed ? EventOf(eventId) : events.RequireOpen(eventId);
        var key = Participant.KeyOf(e.Id, meetingId.Trim());
        _ = boards.Of(e.Id).Meetings.GetValueOrDefault(meetingId.Trim()) ?? throw new RecordNotFoundException("meeting", key);
        return changes.Write<Meeting>(table => table.Update(key, expectedVersion, m => change(e, boards.Of(e.Id), m)));
    }

    private void Teach(Meeting m, FeedbackKind kind, double value = 0)
    {
        var roster = rosters.Of(m.EventId).ById;
        if (roster.GetValueOrDefault(m.A) is { } a && roster.GetValueOrDefault(m.B) is { } b)
        {
            matches.Record(m.EventId, a, b, m.InquiryId, kind, value);
        }
    }

    private static void Reason(string reason)
    {
        var check = new FieldChecker("");
        if (reason.Trim().Length == 0)
        {
            check.Add("reason", "is required: the participants read it");
        }

        check.Text("reason", reason, MaxTextLength);
        check.ThrowIfAny();
    }

    private static Rule.Term Name(MeetingStatus status) => new("Status_" + status, status == MeetingStatus.NoShow ? "no-show" : status.ToString().ToLowerInvariant());

    private Event EventOf(string eventId) => events.Require(eventId);
}
