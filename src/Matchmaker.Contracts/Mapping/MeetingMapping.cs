using Google.Protobuf.WellKnownTypes;
using Matchmaker.Events;
using Matchmaker.Profiles;
using Matchmaker.Scheduling;

namespace Matchmaker.Mapping;

/// <summary>Requests, blocks, meetings, outcomes and schedule runs, proto ⇄ domain.</summary>
public static class MeetingMapping
{
    public static MeetingRequest ToDomain(this V1.MeetingRequest r) => new()
    {
        EventId = r.EventId.Trim(),
        Id = "",
        FromId = r.FromId,
        ToId = r.ToId,
        Priority = r.Priority == V1.RequestPriority.Unspecified ? RequestPriority.WouldLike : (RequestPriority)(int)r.Priority,
        Message = r.Message,
        InquiryId = r.InquiryId,
        Period = Period(r.Period),
    };

    public static V1.MeetingRequest ToProto(this MeetingRequest r, RequestStatus status) => new()
    {
        EventId = r.EventId,
        Id = r.Id,
        Version = r.Version,
        FromId = r.FromId,
        ToId = r.ToId,
        Priority = (V1.RequestPriority)(int)r.Priority,
        Status = (V1.RequestStatus)(int)status,
        Reason = r.Reason,
        Message = r.Message,
        InquiryId = r.InquiryId,
        Period = r.Period is { } p ? (V1.SessionPeriod)(int)p : V1.SessionPeriod.Unspecified,
        RespondedAt = r.RespondedAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
        CreatedAt = r.CreatedAt == default ? null : Timestamp.FromDateTimeOffset(r.CreatedAt),
        UpdatedAt = r.UpdatedAt == default ? null : Timestamp.FromDateTimeOffset(r.UpdatedAt),
    };

    public static V1.PairBlock ToProto(this PairBlock b) => new()
    {
        EventId = b.EventId, A = b.A, B = b.B, By = b.By, Reason = (V1.BlockReason)(int)b.Reason, Note = b.Note, Version = b.Version,
    };

    /// <param name="e">The meeting's event: table names and the slot's instant in its zone.</param>
    /// <param name="names">Participant id → the name shown on agendas.</param>
    public static V1.Meeting ToProto(this Meeting m, Event e, IReadOnlyDictionary<string, string> names)
    {
        var p = new V1.Meeting
        {
            EventId = m.EventId,
            Id = m.Id,
            Version = m.Version,
            A = m.A,
            B = m.B,
            Date = m.Date is { } d ? LocalTimes.Format(d) : "",
            Start = m.Start is { } s ? LocalTimes.Format(s) : "",
            SlotMinutes = m.SlotMinutes,
            TableId = m.TableId,
            Status = (V1.MeetingStatus)(int)m.Status,
            Pinned = m.Pinned,
            Origin = (V1.MeetingOrigin)(int)m.Origin,
            Reason = m.Reason,
            Period = m.Period is { } period ? (V1.SessionPeriod)(int)period : V1.SessionPeriod.Unspecified,
            Value = m.Value,
            InquiryId = m.InquiryId,
            MovedFrom = m.MovedFrom,
            Sequence = m.Sequence,
            AName = names.GetValueOrDefault(m.A, m.A),
            BName = names.GetValueOrDefault(m.B, m.B),
            TableName = e.Tables.FirstOrDefault(t => t.Id == m.TableId)?.Name ?? "",
            StartsAt = m.Placed ? Timestamp.FromDateTimeOffset(EventSlots.Instant(e, m.Date!.Value.ToDateTime(m.Start!.Value))) : null,
            CreatedAt = m.CreatedAt == default ? null : Timestamp.FromDateTimeOffset(m.CreatedAt),
            UpdatedAt = m.UpdatedAt == default ? null : Timestamp.FromDateTimeOffset(m.UpdatedAt),
        };
        p.Outcomes.AddRange(m.Outcomes.Select(o => o.ToProto()));
        return p;
    }

    public static V1.MeetingOutcome ToProto(this MeetingOutcome o)
    {
        var p = new V1.MeetingOutcome
        {
            ReportedBy = o.ReportedBy,
            Rating = o.Rating,
            FollowUp = o.FollowUp,
            ContractSigned = o.ContractSigned,
            ContractValueUsd = o.ContractValueUsd,
            Note = o.Note,
            ReportedAt = o.ReportedAt == default ? null : Timestamp.FromDateTimeOffset(o.ReportedAt),
        };
        if (o.Held is { } held)
        {
            p.Held = held;
        }

        return p;
    }

    public static MeetingOutcome ToDomain(this V1.MeetingOutcome o) => new()
    {
        ReportedBy = o.ReportedBy,
        Held = o.HasHeld ? o.Held : null,
        Rating = o.Rating,
        FollowUp = o.FollowUp,
        ContractSigned = o.ContractSigned,
        ContractValueUsd = o.ContractValueUsd,
        Note = o.Note,
    };

    public static V1.ScheduleSummary ToProto(this ScheduleSummary s) => new()
    {
        At = Timestamp.FromDateTimeOffset(s.At),
        Mode = (V1.ScheduleMode)(int)s.Mode,
        Status = (V1.ScheduleStatus)(int)s.Status,
        Meetings = s.Meetings,
        Value = s.Value,
        Bound = s.Bound,
        Gap = s.Gap,
        Breaks = s.Breaks,
        MaxBreaks = s.MaxBreaks,
        Seconds = s.Seconds,
    };

    public static V1.ScheduleProgressUpdate ToProto(this ScheduleProgress p) => new()
    {
        ElapsedSeconds = p.Elapsed.TotalSeconds,
        Value = p.Value,
        Bound = p.MatchingBound,
        Objective = p.Objective,
        ObjectiveBound = p.ObjectiveBound,
        Gap = p.Gap,
        Breaks = p.Breaks,
        Meetings = p.Meetings,
    };

    /// <exception cref="ValidationException">A bad mode.</exception>
    public static ScheduleRequest ToDomain(this V1.GenerateScheduleRequest r) => new()
    {
        Mode = r.Mode == V1.ScheduleMode.Unspecified ? ScheduleMode.ChooseAndPlace : (ScheduleMode)(int)r.Mode,
        TimeLimit = r.TimeLimitSeconds == 0 ? TimeSpan.FromSeconds(10)
            : double.IsFinite(r.TimeLimitSeconds) && r.TimeLimitSeconds > 0 && r.TimeLimitSeconds <= ScheduleRequest.MaxTimeLimitSeconds
                ? TimeSpan.FromSeconds(r.TimeLimitSeconds)
                : throw ValidationException.Of("time_limit_seconds", $"must be more than 0 and at most {ScheduleRequest.MaxTimeLimitSeconds}"),
        FairnessBound = r.HasFairnessBound ? r.FairnessBound : null,
        EnsureMinimum = r.EnsureMinimum,
        TopPerBuyer = r.TopPerBuyer == 0 ? 15 : r.TopPerBuyer,
        DryRun = r.DryRun,
    };

    public static V1.ScheduleResult ToProto(this ScheduleRun run, Event e, IReadOnlyDictionary<string, string> names, bool saved)
    {
        var r = run.Result;
        var p = new V1.ScheduleResult
        {
            Summary = run.Summary.ToProto(),
            Objective = double.IsFinite(r.Objective) ? r.Objective : 0,
            ObjectiveBound = double.IsFinite(r.ObjectiveBound) ? r.ObjectiveBound : 0,
            TableChanges = r.TableChanges,
            PublishedChanged = r.PublishedChanged,
            Added = run.Added,
            Moved = run.Moved,
            Dropped = run.Dropped,
            Note = r.Note,
            Saved = saved,
        };
        p.Unplaced.AddRange(run.Unplaced.Select(u => new V1.UnplacedMeeting { A = u.A, B = u.B, Rule = u.Rule }));
        p.Shortfalls.AddRange(run.Shortfalls.Select(s => new V1.ParticipantShortfall
        {
            ParticipantId = s.Participant.Id,
            Meetings = s.Shortfall.Meetings,
            Wanted = s.Shortfall.Wanted,
            Cause = s.Shortfall.Cause switch
            {
                ShortfallCause.Availability => "availability",
                ShortfallCause.Counterparts => "counterparts",
                ShortfallCause.Tables => "tables",
                _ => "low_value",
            },
            Reason = s.Shortfall.Reason,
        }));
        p.Meetings.AddRange(run.Meetings.Select(m => m.ToProto(e, names)));
        return p;
    }

    /// <summary>A slot's local date and start, as requests carry them.</summary>
    /// <exception cref="ValidationException">Either does not parse.</exception>
    public static (DateOnly Date, TimeOnly Start) Slot(string date, string start)
    {
        var violations = new List<FieldViolation>();
        var d = LocalTimes.Date(date, "date", violations);
        var t = LocalTimes.Time(start, "start", violations);
        return violations.Count == 0 ? (d, t) : throw new ValidationException(violations);
    }

    public static V1.EventKpis ToProto(this EventKpis k) => new()
    {
        EventId = k.EventId,
        EventName = k.EventName,
        FirstDay = k.FirstDay is { } d ? LocalTimes.Format(d) : "",
        Participants = k.Participants,
        ParticipantsWithMeetings = k.ParticipantsWithMeetings,
        ShareWithMeetings = k.ShareWithMeetings,
        Exporters = k.Exporters,
        RequestsSent = k.RequestsSent,
        RequestsAccepted = k.RequestsAccepted,
        RequestsDeclined = k.RequestsDeclined,
        RequestsExpired = k.RequestsExpired,
        RequestsPending = k.RequestsPending,
        AcceptanceRate = k.AcceptanceRate,
        MeetingsScheduled = k.MeetingsScheduled,
        MeetingsHeld = k.MeetingsHeld,
        NoShows = k.NoShows,
        MeetingsCancelled = k.MeetingsCancelled,
        MeetingsPerExporter = k.MeetingsPerExporter,
        FollowUps = k.FollowUps,
        Contracts = k.Contracts,
        ContractValueUsd = k.ContractValueUsd,
        ScheduleValue = k.ScheduleValue,
        ScheduleBound = k.ScheduleBound,
        ValueOfBound = k.ValueOfBound,
    };

    public static V1.MonthKpis ToProto(this MonthKpis m) => new()
    {
        Month = m.First.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
        RequestsSent = m.RequestsSent,
        RequestsAccepted = m.RequestsAccepted,
        RequestsDeclined = m.RequestsDeclined,
        RequestsExpired = m.RequestsExpired,
        AcceptanceRate = m.AcceptanceRate,
        MeetingsScheduled = m.MeetingsScheduled,
        MeetingsHeld = m.MeetingsHeld,
        NoShows = m.NoShows,
        NoShowRate = m.NoShowRate,
        Contracts = m.Contracts,
        ContractValueUsd = m.ContractValueUsd,
    };

    /// <summary>A date range's ends, as requests carry them.</summary>
    /// <exception cref="ValidationException">Either does not parse, or to is before from.</exception>
    public static (DateOnly From, DateOnly To) Range(string from, string to)
    {
        var violations = new List<FieldViolation>();
        var f = LocalTimes.Date(from, "from", violations);
        var t = LocalTimes.Date(to, "to", violations);
        if (violations.Count == 0 && t < f)
        {
            violations.Add(new FieldViolation("to", $"{LocalTimes.Format(t)} is before from ({LocalTimes.Format(f)})"));
        }

        return violations.Count == 0 ? (f, t) : throw new ValidationException(violations);
    }

    public static SessionPeriod? Period(V1.SessionPeriod p) => p == V1.SessionPeriod.Unspecified ? null : (SessionPeriod)(int)p;
}
