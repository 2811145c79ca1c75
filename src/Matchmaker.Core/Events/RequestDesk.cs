using Matchmaker.Feedback;
using Matchmaker.Profiles;
using Matchmaker.Store;

namespace Matchmaker.Events;

/// <summary>
/// Meeting requests and blocks between an event's participants. Any participant may ask any other;
/// the other accepts or declines with a reason, or the request expires at the event's deadline. A
/// request answered by one the other way round is mutual: both are accepted. Either side may block a
/// pair, which declines requests between them and cancels their meetings not yet confirmed. Requests
/// and declines between a buyer and an exporter reach the ranker as feedback with the event id as source.
/// </summary>
public sealed class RequestDesk(ChangeFeed changes, EventCatalog events, EventRosters rosters, EventBoards boards, EventMatches matches, TimeProvider? clock = null)
{
    public const int MaxTextLength = 1000;

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>Asks for a meeting; returns the stored request (accepted at once when the other side had asked too).</summary>
    /// <exception cref="RecordNotFoundException">No such event or participant.</exception>
    /// <exception cref="ValidationException"/>
    /// <exception cref="RuleViolationException">The event is closed or past its deadline, the pair is blocked, or already asked.</exception>
    public Change<MeetingRequest> Request(MeetingRequest request)
    {
        var e = EventOf(request.EventId);
        var (from, to) = rosters.Of(e.Id).Pair(e, request.FromId, request.ToId, "from_id", "to_id");
        var check = new FieldChecker("");
        check.Text("message", request.Message, MaxTextLength);
        if (!Enum.IsDefined(request.Priority))
        {
            check.Add("priority", "is must-meet or would-like");
        }

        var inquiry = request.InquiryId.Trim();
        var buyer = from.Role == ParticipantRole.Buyer ? from : to.Role == ParticipantRole.Buyer ? to : null;
        if (inquiry.Length > 0 && (buyer is null || !buyer.InquiryIds.Contains(inquiry)))
        {
            check.Add("inquiry_id", buyer is null ? "only a request between a buyer and an exporter is about an inquiry"
                : $"{inquiry} is not one of the inquiries buyer {buyer.Id} brought to the event ({string.Join(", ", buyer.InquiryIds)})");
        }

        check.ThrowIfAny();
        var now = _clock.GetUtcNow();
        if (EventSlots.RequestsCloseAt(e) is { } close && now > close)
        {
            throw new RuleViolationException($"event {e.Id}", Rule.Of("requests_closed", $"requests closed at {close:yyyy-MM-dd HH:mm zzz}"));
        }

        if (inquiry.Length == 0 && buyer is not null && (from.Role == ParticipantRole.Exporter || to.Role == ParticipantRole.Exporter))
        {
            inquiry = matches.BestInquiry(buyer, buyer == from ? to : from);
        }

        var written = changes.WriteMany<MeetingRequest>(table =>
        {
            var board = boards.Of(e.Id);
            if (board.Block(from.Id, to.Id) is { } block)
            {
                throw new RuleViolationException($"pair {from.Id}–{to.Id}", Rule.Of("blocked", $"{block.By} blocked this pair ({Describe(block.Reason)})"));
            }

            var open = board.Requests.Values.Where(r => r.Joins(from.Id, to.Id) && r.StatusAt(e, now) is RequestStatus.Pending or RequestStatus.Accepted).ToList();
            if (open.FirstOrDefault(r => r.FromId == from.Id) is { } same)
            {
                throw new RuleViolationException($"request {same.Id}", Rule.Of("already_asked", $"{from.Id} already asked {to.Id} ({same.Id}, {Name(same.StatusAt(e, now))})"));
            }

            var stored = new MeetingRequest
            {
                EventId = e.Id,
                Id = EventCatalog.RandomId("R-", 8),
                FromId = from.Id,
                ToId = to.Id,
                Priority = request.Priority,
                Message = request.Message.Trim(),
                InquiryId = inquiry,
                Period = request.Period,
            };

            // The other side asked first and it was accepted: the meeting is wanted already, a second request adds nothing.
            if (open.FirstOrDefault(r => r.FromId == to.Id && r.StatusAt(e, now) == RequestStatus.Accepted) is { } accepted)
            {
                throw new RuleViolationException($"request {accepted.Id}", Rule.Of("already_agreed", $"{to.Id} asked {from.Id} already and it was accepted ({accepted.Id}): both want this meeting"));
            }

            // The other side asked first: both now want the meeting.
            var theirs = open.FirstOrDefault(r => r.FromId == to.Id && r.Status == RequestStatus.Pending);
            if (theirs is not null)
            {
                return
                [
                    table.Upsert(stored with { Status = RequestStatus.Accepted, RespondedAt = now }, expectedVersion: 0),
                    table.Update(theirs.Key, theirs.Version, r => r with { Status = RequestStatus.Accepted, RespondedAt = now }),
                ];
            }

            return [table.Upsert(stored, expectedVersion: 0)];
        });
        matches.Record(e.Id, from, to, inquiry, FeedbackKind.MeetingRequested);
        return written[0];
    }

    /// <summary>Accepts or declines (with a reason) a pending request.</summary>
    /// <exception cref="RecordNotFoundException"/>
    /// <exception cref="ValidationException">A decline without a reason.</exception>
    /// <exception cref="RuleViolationException">The request was already answered or has expired.</exception>
    /// <exception cref="VersionConflictException"/>
    public Change<MeetingRequest> Respond(string eventId, string requestId, bool accept, string reason, long? expectedVersion)
    {
        var e = events.RequireOpen(eventId);
        if (!accept && reason.Trim().Length == 0)
        {
            throw ValidationException.Of("reason", "a decline needs a reason the other side can read");
        }

        var check = new FieldChecker("");
        check.Text("reason", reason, MaxTextLength);
        check.ThrowIfAny();
        var now = _clock.GetUtcNow();
        var current = boards.Of(e.Id).Requests.GetValueOrDefault(requestId) ?? throw new RecordNotFoundException("request", Participant.KeyOf(eventId, requestId));
        var written = changes.Write<MeetingRequest>(table => table.Update(current.Key, expectedVersion, r =>
        {
            var status = r.StatusAt(e, now);
            return status != RequestStatus.Pending
                ? throw new RuleViolationException($"request {r.Id}", Rule.Of("not_pending", $"the request is {Name(status)}, not pending"))
                : r with { Status = accept ? RequestStatus.Accepted : RequestStatus.Declined, Reason = accept ? "" : reason.Trim(), RespondedAt = now };
        }));
        if (!accept && rosters.Of(e.Id).ById.GetValueOrDefault(current.FromId) is { } from && rosters.Of(e.Id).ById.GetValueOrDefault(current.ToId) is { } to)
        {
            matches.Record(e.Id, from, to, current.InquiryId, FeedbackKind.Declined);
        }

        return written;
    }

    /// <summary>
    /// Blocks a pair: the schedule never holds it, requests between them still pending are declined
    /// and their meetings not yet confirmed or held are cancelled, with the block as the reason.
    /// </summary>
    public Change<PairBlock> Block(string eventId, string by, string other, BlockReason reason, string note)
    {
        var e = EventOf(eventId);
        var (a, b) = rosters.Of(e.Id).Pair(e, by, other, "by", "other_id");
        if (!Enum.IsDefined(reason))
        {
            throw ValidationException.Of("reason", "is no-thanks or met-before");
        }

        var check = new FieldChecker("");
        check.Text("note", note, MaxTextLength);
        check.ThrowIfAny();
        var now = _clock.GetUtcNow();
        var why = $"blocked by {a.Id}: {Describe(reason)}";
        var block = changes.Write<PairBlock>(table => table.Upsert(new PairBlock
        {
            EventId = e.Id,
            A = string.CompareOrdinal(a.Id, b.Id) <= 0 ? a.Id : b.Id,
            B = string.CompareOrdinal(a.Id, b.Id) <= 0 ? b.Id : a.Id,
            By = a.Id,
            Reason = reason,
            Note = note.Trim(),
        }, expectedVersion: null));
        var board = boards.Of(e.Id);
        var pending = board.Requests.Values.Where(r => r.Joins(a.Id, b.Id) && r.StatusAt(e, now) == RequestStatus.Pending).ToList();
        if (pending.Count > 0)
        {
            changes.WriteMany<MeetingRequest>(table =>
                [.. pending.Select(r => table.Update(r.Key, null, x => x with { Status = RequestStatus.Declined, Reason = why, RespondedAt = now }))]);
        }

        var meetings = board.Meetings.Values.Where(m => m.Joins(a.Id, b.Id) && m.Status == MeetingStatus.Proposed).ToList();
        if (meetings.Count > 0)
        {
            changes.WriteMany<Meeting>(table =>
                [.. meetings.Select(m => table.Update(m.Key, null, x => x.Becomes(MeetingStatus.Cancelled, why)))]);
        }

        return block;
    }

    /// <summary>The event's requests as staff see them now (expired ones marked), optionally one participant's (sent or received) or of one status.</summary>
    public IReadOnlyList<(MeetingRequest Request, RequestStatus Status)> List(string eventId, string participantId = "", RequestStatus? status = null)
    {
        var e = EventOf(eventId);
        var now = _clock.GetUtcNow();
        return [.. boards.Of(e.Id).Requests.Values
            .Where(r => participantId.Length == 0 || r.FromId == participantId || r.ToId == participantId)
            .Select(r => (r, r.StatusAt(e, now)))
            .Where(x => status is null || x.Item2 == status)
            .OrderBy(x => x.r.CreatedAt).ThenBy(x => x.r.Id, StringComparer.Ordinal)];
    }

    internal static string Describe(BlockReason reason) => reason == BlockReason.MetBefore ? "met before" : "no thanks";

    private Event EventOf(string eventId) => events.Require(eventId);

    private static Rule.Term Name(RequestStatus status) => new("Request_" + status, status.ToString().ToLowerInvariant());
}
