using Grpc.Core;
using Matchmaker.Feedback;
using Matchmaker.Tests.Support;
using Matchmaker.V1;
using Microsoft.Extensions.DependencyInjection;
using FeedbackKind = Matchmaker.Feedback.FeedbackKind;

namespace Matchmaker.Tests.Events;

/// <summary>Requests, blocks, suggestions, the schedule and meetings of an event, through the gRPC API on a real store.</summary>
public sealed class MeetingTests : IDisposable
{
    private const string Fair = "KHV-1";
    private readonly InProcessService _service = FairSetup.Service();

    private EventService.EventServiceClient Events => _service.Events;

    [Fact]
    public async Task Requests_reach_the_ranker_and_a_request_answered_the_other_way_round_is_mutual()
    {
        await Setup();
        var asked = await Request("B-1", "EXP-1", RequestPriority.MustMeet);
        Assert.Equal(RequestStatus.Pending, asked.Request.Status);
        Assert.Equal("Q-1", asked.Request.InquiryId);
        var events = Ledger().PairEvents("Q-1", "EXP-1");
        Assert.Equal(FeedbackKind.MeetingRequested, Assert.Single(events).Kind);
        Assert.Equal(Fair, events[0].Source);

        var back = await Request("EXP-1", "B-1");
        Assert.True(back.Mutual);
        var list = await Events.ListRequestsAsync(new ListRequestsRequest { EventId = Fair, ParticipantId = "B-1" });
        Assert.All(list.Requests, r => Assert.Equal(RequestStatus.Accepted, r.Status));
        Assert.Equal(2, list.Requests.Count);

        // Two exporters partnering: a request like any other, but nothing for the buyer–exporter ranker.
        var partners = await Request("EXP-2", "EXP-3");
        Assert.Equal("", partners.Request.InquiryId);

        var again = await Assert.ThrowsAsync<RpcException>(() => Request("B-1", "EXP-1"));
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);
        Assert.Contains("B-1 already asked EXP-1", again.Status.Detail, StringComparison.Ordinal);

        // Asked and accepted one way: a request the other way round adds nothing, and says why (it stayed pending before).
        var accepted = await Request("B-2", "EXP-2");
        await Events.RespondToRequestAsync(new RespondToRequestRequest { EventId = Fair, RequestId = accepted.Request.Id, Accept = true });
        var back2 = await Assert.ThrowsAsync<RpcException>(() => Request("EXP-2", "B-2"));
        Assert.Equal(StatusCode.FailedPrecondition, back2.StatusCode);
        Assert.Contains($"B-2 asked EXP-2 already and it was accepted ({accepted.Request.Id})", back2.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_decline_needs_a_reason_and_reaches_the_ranker()
    {
        await Setup();
        var asked = await Request("B-1", "EXP-2");
        var noReason = await Assert.ThrowsAsync<RpcException>(() => Events.RespondToRequestAsync(new RespondToRequestRequest
        {
            EventId = Fair, RequestId = asked.Request.Id, Accept = false,
        }).ResponseAsync);
        RpcAssert.Violation(noReason, "reason", "needs a reason");

        var declined = await Events.RespondToRequestAsync(new RespondToRequestRequest
        {
            EventId = Fair, RequestId = asked.Request.Id, Accept = false, Reason = "we do not ship to Korea this year", ExpectedVersion = asked.Request.Version,
        });
        Assert.Equal(RequestStatus.Declined, declined.Request.Status);
        Assert.Equal([FeedbackKind.MeetingRequested, FeedbackKind.Declined], Ledger().PairEvents("Q-1", "EXP-2").Select(e => e.Kind));

        var twice = await Assert.ThrowsAsync<RpcException>(() => Events.RespondToRequestAsync(new RespondToRequestRequest
        {
            EventId = Fair, RequestId = asked.Request.Id, Accept = true,
        }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, twice.StatusCode);
        Assert.Contains("declined, not pending", twice.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_blocked_pair_cannot_be_requested_or_scheduled()
    {
        await Setup();
        var pending = await Request("B-1", "EXP-3");
        await Events.BlockPairAsync(new BlockPairRequest { EventId = Fair, By = "EXP-3", OtherId = "B-1", Reason = BlockReason.MetBefore });
        var requests = await Events.ListRequestsAsync(new ListRequestsRequest { EventId = Fair, ParticipantId = "EXP-3" });
        var declined = Assert.Single(requests.Requests, r => r.Id == pending.Request.Id);
        Assert.Equal(RequestStatus.Declined, declined.Status);
        Assert.Contains("met before", declined.Reason, StringComparison.Ordinal);

        var error = await Assert.ThrowsAsync<RpcException>(() => Request("B-1", "EXP-3"));
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("EXP-3 blocked this pair (met before)", error.Status.Detail, StringComparison.Ordinal);

        var schedule = await Generate();
        Assert.DoesNotContain(schedule.Meetings, m => (m.A, m.B) is ("B-1", "EXP-3") or ("EXP-3", "B-1"));
    }

    [Fact]
    public async Task Suggestions_rank_the_events_own_exporters_with_the_engines_reasons()
    {
        await Setup();
        await _service.Profiles.UpsertExporterAsync(new UpsertExporterRequest { Exporter = Samples.Exporter("EXP-9") });
        var suggestions = (await Events.SuggestMeetingsAsync(new SuggestMeetingsRequest { EventId = Fair, ParticipantId = "B-1" })).Suggestions;

        // EXP-9 fits as well as EXP-1 but is not at the fair; EXP-3 sells timber to a fish buyer.
        Assert.Equal(["EXP-1", "EXP-2", "EXP-3"], suggestions.Select(s => s.Counterpart.Id).Order(StringComparer.Ordinal));
        Assert.Equal("EXP-3", suggestions[^1].Counterpart.Id);
        Assert.All(suggestions.Take(2), s => Assert.NotEmpty(s.Reasons));
        Assert.All(suggestions, s => Assert.Equal("Q-1", s.InquiryId));

        var forExporter = (await Events.SuggestMeetingsAsync(new SuggestMeetingsRequest { EventId = Fair, ParticipantId = "EXP-1" })).Suggestions;
        Assert.Equal(["B-1", "B-2"], forExporter.Select(s => s.Counterpart.Id).Order(StringComparer.Ordinal));

        var consultant = await Assert.ThrowsAsync<RpcException>(() => Events.SuggestMeetingsAsync(new SuggestMeetingsRequest { EventId = Fair, ParticipantId = "C-1" }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, consultant.StatusCode);
    }

    [Fact]
    public async Task A_schedule_streams_its_progress_and_saves_meetings_that_keep_every_rule()
    {
        await Setup();
        var accepted = await Request("B-2", "EXP-3", RequestPriority.MustMeet);
        await Events.RespondToRequestAsync(new RespondToRequestRequest { EventId = Fair, RequestId = accepted.Request.Id, Accept = true });
        var consultant = await Events.AddMeetingAsync(new AddMeetingRequest { EventId = Fair, A = "C-1", B = "EXP-2" });
        Assert.Equal("", consultant.Meeting.Date);

        var updates = await GenerateUpdates(new GenerateScheduleRequest { EventId = Fair, TimeLimitSeconds = 5 });
        Assert.True(updates.Count >= 2, "progress, then the result");
        Assert.All(updates.SkipLast(1), u => Assert.Equal(GenerateScheduleUpdate.UpdateOneofCase.Progress, u.UpdateCase));
        var result = updates[^1].Result;
        Assert.True(result.Saved);
        Assert.Equal(ScheduleStatus.Optimal, result.Summary.Status);
        Assert.True(result.Summary.Value <= result.Summary.Bound + 1e-9);
        Assert.Empty(result.Unplaced);

        var schedule = await Events.GetScheduleAsync(new GetScheduleRequest { EventId = Fair });
        Assert.Equal(result.Meetings.Select(m => m.Id).Order(StringComparer.Ordinal), schedule.Meetings.Select(m => m.Id).Order(StringComparer.Ordinal));
        Assert.Contains(schedule.Meetings, m => m.A is "B-2" or "EXP-3" && m.B is "B-2" or "EXP-3");
        Assert.Contains(schedule.Meetings, m => m.Id == consultant.Meeting.Id && m.Date.Length > 0);
        foreach (var slot in schedule.Meetings.GroupBy(m => (m.Date, m.Start)))
        {
            var people = slot.SelectMany(m => new[] { m.A, m.B }).ToList();
            Assert.Equal(people.Count, people.Distinct().Count());
            Assert.Equal(slot.Count(), slot.Select(m => m.TableId).Distinct().Count());
        }

        Assert.Equal(V1.EventStatus.Scheduled, schedule.Event.Status);
        Assert.Equal(result.Summary.Value, schedule.Event.LastSchedule.Value, 6);
        Assert.All(schedule.Meetings, m => Assert.NotNull(m.StartsAt));
    }

    [Fact]
    public async Task A_dry_run_reports_without_saving()
    {
        await Setup();
        var updates = await GenerateUpdates(new GenerateScheduleRequest { EventId = Fair, TimeLimitSeconds = 5, DryRun = true });
        Assert.False(updates[^1].Result.Saved);
        Assert.NotEmpty(updates[^1].Result.Meetings);
        Assert.Empty((await Events.GetScheduleAsync(new GetScheduleRequest { EventId = Fair })).Meetings);
        Assert.Equal(V1.EventStatus.OpenForRequests, (await Events.GetEventAsync(new GetEventRequest { Id = Fair })).Status);
    }

    [Fact]
    public async Task Moving_a_meeting_by_hand_names_the_rule_that_blocks_it_and_one_of_two_staff_gets_a_conflict()
    {
        await Setup();
        var schedule = await Generate();
        var meeting = schedule.Meetings.First(m => m.A == "B-1" || m.B == "B-1");
        var buyerElsewhere = schedule.Meetings.FirstOrDefault(m => m.Id != meeting.Id && (m.A == "B-1" || m.B == "B-1"));
        if (buyerElsewhere is not null)
        {
            var busy = await Assert.ThrowsAsync<RpcException>(() => Move(meeting, buyerElsewhere.Date, buyerElsewhere.Start, "T3"));
            Assert.Equal(StatusCode.FailedPrecondition, busy.StatusCode);
            Assert.Contains($"B-1 has meeting {buyerElsewhere.Id}", busy.Status.Detail, StringComparison.Ordinal);
        }

        var twice = await Assert.ThrowsAsync<RpcException>(() => Events.AddMeetingAsync(new AddMeetingRequest { EventId = Fair, A = meeting.B, B = meeting.A }).ResponseAsync);
        Assert.Contains($"already have meeting {meeting.Id}: no pair meets twice", twice.Status.Detail, StringComparison.Ordinal);

        var breakSlot = await Assert.ThrowsAsync<RpcException>(() => Move(meeting, "2026-12-03", "15:40", "T1"));
        Assert.Contains("2026-12-03 15:40 is a break", breakSlot.Status.Detail, StringComparison.Ordinal);
        var unavailable = await Assert.ThrowsAsync<RpcException>(() => Move(meeting, "2026-12-03", "16:00", "T1"));
        Assert.Contains("B-1 is unavailable", unavailable.Status.Detail, StringComparison.Ordinal);

        var free = FreeSlot(schedule, meeting);
        var moved = await Move(meeting, free.Date, free.Start, free.Table);
        Assert.Equal((free.Date, free.Start, free.Table), (moved.Meeting.Date, moved.Meeting.Start, moved.Meeting.TableId));
        Assert.Equal(meeting.Sequence + 1, moved.Meeting.Sequence);
        Assert.StartsWith(meeting.Date, moved.Meeting.MovedFrom, StringComparison.Ordinal);

        // A second member of staff, working from the same version, loses.
        var stale = await Assert.ThrowsAsync<RpcException>(() => Events.PinMeetingAsync(new PinMeetingRequest
        {
            EventId = Fair, MeetingId = meeting.Id, Pinned = true, ExpectedVersion = meeting.Version,
        }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, stale.StatusCode);
    }

    [Fact]
    public async Task Pinned_and_confirmed_meetings_stay_on_a_re_run_and_a_removed_participant_s_meetings_are_cancelled()
    {
        await Setup();
        var first = await Generate();
        var pinned = first.Meetings[0];
        var free = FreeSlot(first, pinned);
        var moved = (await Move(pinned, free.Date, free.Start, free.Table)).Meeting;
        await Events.PinMeetingAsync(new PinMeetingRequest { EventId = Fair, MeetingId = pinned.Id, Pinned = true });
        var confirmed = first.Meetings.First(m => m.Id != pinned.Id && m.A != pinned.A && m.B != pinned.B && m.A != pinned.B && m.B != pinned.A);
        await Events.ConfirmMeetingAsync(new MeetingChangeRequest { EventId = Fair, MeetingId = confirmed.Id });

        var second = await Generate();
        Assert.Contains(second.Meetings, m => m.Id == pinned.Id && (m.Date, m.Start, m.TableId) == (moved.Date, moved.Start, moved.TableId));
        Assert.Contains(second.Meetings, m => m.Id == confirmed.Id && (m.Date, m.Start, m.TableId) == (confirmed.Date, confirmed.Start, confirmed.TableId));

        var hers = second.Meetings.Count(m => m.A == "EXP-1" || m.B == "EXP-1");
        var removed = await Events.RemoveParticipantAsync(new RemoveParticipantRequest { EventId = Fair, ParticipantId = "EXP-1", Reason = "flight cancelled" });
        Assert.Equal(hers, removed.CancelledMeetings);
        var all = await Events.GetScheduleAsync(new GetScheduleRequest { EventId = Fair, ParticipantId = "EXP-1", IncludeInactive = true });
        Assert.All(all.Meetings, m => Assert.Equal((MeetingStatus.Cancelled, "EXP-1 withdrew: flight cancelled"), (m.Status, m.Reason)));
    }

    [Fact]
    public async Task A_re_run_keeps_the_saved_schedule_and_leaves_out_a_pair_staff_cancelled_until_it_is_requested_again()
    {
        await Setup();
        var first = await Generate();

        // Nothing changed: a re-run, place-only or not, moves nothing.
        foreach (var mode in new[] { ScheduleMode.ChooseAndPlace, ScheduleMode.PlaceOnly })
        {
            var again = (await GenerateUpdates(new GenerateScheduleRequest { EventId = Fair, TimeLimitSeconds = 5, Mode = mode, DryRun = true }))[^1].Result;
            Assert.Equal((0, 0, 0), (again.Added, again.Moved, again.Dropped));
        }

        // A saved place-only run counts every meeting as 1 to seat them: the event keeps its value (its meetings' values) and bound.
        var chosen = (await Events.GetEventAsync(new GetEventRequest { Id = Fair })).LastSchedule;
        await GenerateUpdates(new GenerateScheduleRequest { EventId = Fair, TimeLimitSeconds = 5, Mode = ScheduleMode.PlaceOnly });
        var seated = (await Events.GetEventAsync(new GetEventRequest { Id = Fair })).LastSchedule;
        Assert.Equal((ScheduleMode.PlaceOnly, chosen.Meetings, chosen.Bound), (seated.Mode, seated.Meetings, seated.Bound));
        Assert.Equal(chosen.Value, seated.Value, 6);

        var gone = first.Meetings.First(m => m.A.StartsWith('B') && m.B.StartsWith("EXP", StringComparison.Ordinal));
        await Events.CancelMeetingAsync(new CancelMeetingRequest { EventId = Fair, MeetingId = gone.Id, Reason = "buyer's flight delayed" });
        var second = await Generate();
        Assert.DoesNotContain(second.Meetings, m => m.Status != MeetingStatus.Cancelled && ((m.A == gone.A && m.B == gone.B) || (m.A == gone.B && m.B == gone.A)));

        await Request(gone.A, gone.B, RequestPriority.MustMeet);
        var third = await Generate();
        Assert.Contains(third.Meetings, m => m.Status != MeetingStatus.Cancelled && ((m.A == gone.A && m.B == gone.B) || (m.A == gone.B && m.B == gone.A)));
    }

    [Fact]
    public async Task Outcomes_become_ranker_labels_once_and_a_disagreement_stays_visible()
    {
        await Setup();
        var schedule = await Generate();
        var meeting = schedule.Meetings.First(m => (m.A, m.B) is ("B-1", "EXP-1") or ("EXP-1", "B-1"));
        var held = new MeetingOutcome { ReportedBy = "B-1", Held = true, Rating = 5, FollowUp = true };
        await Outcome(meeting.Id, held);
        await Outcome(meeting.Id, held);
        var other = await Outcome(meeting.Id, new MeetingOutcome { ReportedBy = "EXP-1", Held = false });
        Assert.Equal(2, other.Meeting.Outcomes.Count);
        Assert.Equal(MeetingStatus.Held, other.Meeting.Status);

        var contract = await Outcome(meeting.Id, new MeetingOutcome { ReportedBy = "EXP-1", ContractSigned = true, ContractValueUsd = 120_000 });
        await Outcome(meeting.Id, new MeetingOutcome { ReportedBy = "EXP-1", ContractSigned = true, ContractValueUsd = 120_000 });
        Assert.Equal(3, contract.Meeting.Outcomes.Count);

        var events = Ledger().PairEvents("Q-1", "EXP-1").Where(e => e.Source == Fair).ToList();
        Assert.Equal([FeedbackKind.MeetingHeld, FeedbackKind.FollowUp, FeedbackKind.ContractSigned], events.Select(e => e.Kind));
        Assert.Equal(120_000, events[^1].ValueUsd);
        Assert.Equal(4, FeedbackGains.Label(events));

        var bad = await Assert.ThrowsAsync<RpcException>(() => Outcome(meeting.Id, new MeetingOutcome { Rating = 9 }));
        RpcAssert.Violation(bad, "rating", "1–5");
    }

    [Fact]
    public async Task An_event_change_that_takes_away_a_hosts_table_or_a_meetings_slot_is_refused_with_what_depends_on_it()
    {
        await Setup();
        var consultant = await Events.GetParticipantAsync(new GetParticipantRequest { EventId = Fair, ParticipantId = "C-1" });
        consultant.FixedTableId = "T3";
        await Events.UpdateParticipantAsync(new UpdateParticipantRequest { Participant = consultant });
        var meeting = (await Events.AddMeetingAsync(new AddMeetingRequest { EventId = Fair, A = "B-1", B = "EXP-1", Date = "2026-12-03", Start = "09:20", TableId = "T2" })).Meeting;
        var e = await Events.GetEventAsync(new GetEventRequest { Id = Fair });

        var fewerTables = e.Clone();
        fewerTables.Tables.RemoveAt(2);
        var noTable = await Assert.ThrowsAsync<RpcException>(() => Events.UpdateEventAsync(new UpdateEventRequest { Event = fewerTables }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, noTable.StatusCode);
        Assert.Contains("C-1 hosts at table T3", noTable.Status.Detail, StringComparison.Ordinal);

        var shifted = e.Clone();
        shifted.Days[0].Sessions[0].Start = "09:10";
        var noSlot = await Assert.ThrowsAsync<RpcException>(() => Events.UpdateEventAsync(new UpdateEventRequest { Event = shifted }).ResponseAsync);
        Assert.Contains($"meeting {meeting.Id} is at 2026-12-03 09:20, which would no longer be a meeting slot", noSlot.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(e.Version, (await Events.GetEventAsync(new GetEventRequest { Id = Fair })).Version);

        await Events.CancelMeetingAsync(new CancelMeetingRequest { EventId = Fair, MeetingId = meeting.Id, Reason = "moved to the next day" });
        var updated = await Events.UpdateEventAsync(new UpdateEventRequest { Event = shifted });
        Assert.Equal("09:10", updated.Event.Days[0].Sessions[0].Start);
    }

    [Fact]
    public async Task A_closed_event_keeps_its_participants_requests_and_meetings_but_still_takes_outcomes()
    {
        await Setup();
        var asked = await Request("B-1", "EXP-2");
        var meeting = (await Events.AddMeetingAsync(new AddMeetingRequest { EventId = Fair, A = "B-1", B = "EXP-1", Date = "2026-12-03", Start = "09:20", TableId = "T2" })).Meeting;
        var e = await Events.GetEventAsync(new GetEventRequest { Id = Fair });
        e.Status = V1.EventStatus.Closed;
        await Events.UpdateEventAsync(new UpdateEventRequest { Event = e });

        Func<Task>[] changes =
        [
            () => Events.MoveMeetingAsync(new MoveMeetingRequest { EventId = Fair, MeetingId = meeting.Id, Date = "2026-12-03", Start = "09:40", TableId = "T2" }).ResponseAsync,
            () => Events.PinMeetingAsync(new PinMeetingRequest { EventId = Fair, MeetingId = meeting.Id, Pinned = true }).ResponseAsync,
            () => Events.ConfirmMeetingAsync(new MeetingChangeRequest { EventId = Fair, MeetingId = meeting.Id }).ResponseAsync,
            () => Events.CancelMeetingAsync(new CancelMeetingRequest { EventId = Fair, MeetingId = meeting.Id, Reason = "flight delayed" }).ResponseAsync,
            () => Events.RespondToRequestAsync(new RespondToRequestRequest { EventId = Fair, RequestId = asked.Request.Id, Accept = true }).ResponseAsync,
            () => Events.RemoveParticipantAsync(new RemoveParticipantRequest { EventId = Fair, ParticipantId = "EXP-3", Reason = "withdrew" }).ResponseAsync,
            () => Events.AddParticipantAsync(new AddParticipantRequest
            {
                Participant = new V1.Participant { EventId = Fair, Id = "C-2", Role = V1.ParticipantRole.Consultant, Name = "Customs broker" },
            }).ResponseAsync,
        ];
        foreach (var change in changes)
        {
            var refused = await Assert.ThrowsAsync<RpcException>(change);
            Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
            Assert.Contains("the event is closed", refused.Status.Detail, StringComparison.Ordinal);
        }

        var stored = (await Events.GetScheduleAsync(new GetScheduleRequest { EventId = Fair })).Meetings.Single(m => m.Id == meeting.Id);
        Assert.Equal(("09:20", false, meeting.Status), (stored.Start, stored.Pinned, stored.Status));
        Assert.Equal(RequestStatus.Pending, (await Events.ListRequestsAsync(new ListRequestsRequest { EventId = Fair })).Requests.Single(r => r.Id == asked.Request.Id).Status);

        // What happened at a meeting is still told after the event closed (a contract comes months later); a report that
        // contradicts itself is refused.
        var contradiction = await Assert.ThrowsAsync<RpcException>(() => Events.RecordOutcomeAsync(new RecordOutcomeRequest
        {
            EventId = Fair, MeetingId = meeting.Id, Outcome = new MeetingOutcome { Held = false, ContractSigned = true, ContractValueUsd = 5_000 },
        }).ResponseAsync);
        RpcAssert.Violation(contradiction, "held", "a no-show has no contract");
        var held = await Events.RecordOutcomeAsync(new RecordOutcomeRequest
        {
            EventId = Fair, MeetingId = meeting.Id, Outcome = new MeetingOutcome { Held = true, ContractSigned = true, ContractValueUsd = 5_000 },
        });
        Assert.Equal(MeetingStatus.Held, held.Meeting.Status);

        // Participants imported into the closed event: each line refused with the reason, the import itself answered.
        using var import = Events.ImportParticipants();
        await import.RequestStream.WriteAsync(new V1.Participant { EventId = Fair, Id = "C-3", Role = V1.ParticipantRole.Consultant, Name = "Adviser" });
        await import.RequestStream.WriteAsync(new V1.Participant { EventId = Fair, Id = "C-4", Role = V1.ParticipantRole.Consultant, Name = "Broker" });
        await import.RequestStream.CompleteAsync();
        var summary = await import.ResponseAsync;
        Assert.Equal((2L, 0L, 2L), (summary.Received, summary.Imported, summary.Failed));
        Assert.All(summary.Errors, e => Assert.Contains("the event is closed", e.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_schedule_run_called_off_saves_nothing_while_a_dry_run_still_answers()
    {
        await Setup();
        var planner = _service.Services.GetRequiredService<Matchmaker.Events.SchedulePlanner>();
        using var calledOff = new CancellationTokenSource();
        await calledOff.CancelAsync();

        Assert.ThrowsAny<OperationCanceledException>(() => planner.Generate(Fair, new Matchmaker.Events.ScheduleRequest(), cancellationToken: calledOff.Token));

        Assert.Null(_service.Services.GetRequiredService<Matchmaker.Events.EventCatalog>().Require(Fair).LastSchedule);
        Assert.Empty((await Events.GetScheduleAsync(new GetScheduleRequest { EventId = Fair })).Meetings);
        var dry = planner.Generate(Fair, new Matchmaker.Events.ScheduleRequest { DryRun = true }, cancellationToken: calledOff.Token);
        Assert.NotNull(dry.Result);
    }

    [Fact]
    public async Task A_re_run_on_a_published_event_keeps_meetings_in_their_slots_and_at_their_tables()
    {
        await Setup();
        var first = await Generate();
        var e = await Events.GetEventAsync(new GetEventRequest { Id = Fair });
        e.Status = V1.EventStatus.Published;
        await Events.UpdateEventAsync(new UpdateEventRequest { Event = e });

        foreach (var mode in new[] { ScheduleMode.PlaceOnly, ScheduleMode.ChooseAndPlace })
        {
            var again = (await GenerateUpdates(new GenerateScheduleRequest { EventId = Fair, TimeLimitSeconds = 5, Mode = mode }))[^1].Result;
            var before = first.Meetings.ToDictionary(m => m.Id);
            var kept = again.Meetings.Where(m => before.TryGetValue(m.Id, out var b) && (b.Date, b.Start) == (m.Date, m.Start)).ToList();
            Assert.True(again.Moved <= first.Summary.Breaks, $"{mode}: {again.Moved} published meetings moved to save at most {first.Summary.Breaks} breaks");
            Assert.All(kept, m => Assert.Equal(before[m.Id].TableId, m.TableId));
            if (mode == ScheduleMode.ChooseAndPlace)
            {
                // The meetings keep the values the ranker gives them, whatever a place-only run (which counts each as 1) did before.
                Assert.Equal(first.Summary.Value, again.Summary.Value, 6);
            }
        }
    }

    public void Dispose() => _service.Dispose();

    private FeedbackLedger Ledger() => _service.Services.GetRequiredService<FeedbackLedger>();

    private async Task<MeetingRequestResponse> Request(string from, string to, RequestPriority priority = RequestPriority.WouldLike) =>
        await Events.RequestMeetingAsync(new RequestMeetingRequest { Request = new MeetingRequest { EventId = Fair, FromId = from, ToId = to, Priority = priority } });

    private async Task<MeetingResponse> Move(Meeting m, string date, string start, string table) =>
        await Events.MoveMeetingAsync(new MoveMeetingRequest { EventId = Fair, MeetingId = m.Id, Date = date, Start = start, TableId = table, ExpectedVersion = m.Version });

    private async Task<MeetingResponse> Outcome(string meetingId, MeetingOutcome outcome) =>
        await Events.RecordOutcomeAsync(new RecordOutcomeRequest { EventId = Fair, MeetingId = meetingId, Outcome = outcome });

    private async Task<ScheduleResult> Generate() => (await GenerateUpdates(new GenerateScheduleRequest { EventId = Fair, TimeLimitSeconds = 5 }))[^1].Result;

    private async Task<List<GenerateScheduleUpdate>> GenerateUpdates(GenerateScheduleRequest request)
    {
        using var call = Events.GenerateSchedule(request);
        var updates = new List<GenerateScheduleUpdate>();
        await foreach (var u in call.ResponseStream.ReadAllAsync())
        {
            updates.Add(u);
        }

        return updates;
    }

    /// <summary>A morning slot where neither side of the meeting is busy and a table that is free.</summary>
    private static (string Date, string Start, string Table) FreeSlot(ScheduleResult schedule, Meeting m)
    {
        foreach (var start in Enumerable.Range(0, 12).Select(i => new TimeOnly(9, 0).AddMinutes(20 * i).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)))
        {
            var there = schedule.Meetings.Where(o => o.Id != m.Id && o.Date == "2026-12-03" && o.Start == start).ToList();
            if (there.Any(o => o.A == m.A || o.B == m.A || o.A == m.B || o.B == m.B) || (start == m.Start && m.Date == "2026-12-03"))
            {
                continue;
            }

            var table = new[] { "T1", "T2", "T3" }.First(t => there.All(o => o.TableId != t));
            return ("2026-12-03", start, table);
        }

        throw new InvalidOperationException("no free slot");
    }

    private Task Setup() => FairSetup.CreateAsync(_service, Fair, "Asia/Vladivostok", "2026-12-03");
}
