using System.Globalization;
using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Matchmaker.V1;

namespace Matchmaker.Cli.Commands;

/// <summary>`matchmaker event …`: 1:1 meeting events for staff, from creating one to its KPIs.</summary>
internal static class EventCommand
{
    /// <param name="command">The event command (create, list, …).</param>
    /// <param name="a">Its arguments (System.CommandLine checked their shape).</param>
    public static async Task<int> RunAsync(string command, Arguments a)
    {
        using var channel = Server.Connect(a);
        var client = new EventService.EventServiceClient(channel);
        return command switch
        {
            "create" => await CreateAsync(client, a),
            "list" => await ListAsync(client, a),
            "show" => await ShowAsync(client, a),
            "status" => await StatusAsync(client, a),
            "import" => await ImportAsync(client, a),
            "participants" => await ParticipantsAsync(client, a),
            "remove" => await RemoveAsync(client, a),
            "request" => await RequestAsync(client, a),
            "respond" => await RespondAsync(client, a),
            "requests" => await RequestsAsync(client, a),
            "block" => await BlockAsync(client, a),
            "suggest" => await SuggestAsync(client, a),
            "schedule" => await ScheduleAsync(client, a),
            "meetings" => await MeetingsAsync(client, a),
            "add-meeting" => await AddMeetingAsync(client, a),
            "move" => await MoveAsync(client, a),
            "pin" or "unpin" or "confirm" => await ChangeAsync(client, a, command),
            "cancel" => await CancelAsync(client, a),
            "outcome" => await OutcomeAsync(client, a),
            "agenda" => await AgendaAsync(client, a),
            "grid" => await GridAsync(client, a),
            "csv" => await CsvAsync(client, a),
            "kpis" => await KpisAsync(client, a),
            _ => throw new UsageException($"unknown event command '{command}' (matchmaker event --help lists them)"),
        };
    }

    private static async Task<int> CreateAsync(EventService.EventServiceClient client, Arguments a)
    {
        var path = Positional(a, 1, "event create FILE.json")[0];
        var e = Read(path, V1.Event.Parser);
        a.EnsureAllRead();
        var created = await client.CreateEventAsync(new CreateEventRequest { Event = e });
        Console.WriteLine($"created event {created.Event.Id} \"{created.Event.Name}\" ({created.Event.Days.Count} days, {created.Event.Tables.Count} tables, {Name(created.Event.Status)})");
        // A file without an id makes a new event each time: one created from the same file before is worth a line.
        var twins = (await client.ListEventsAsync(new ListEventsRequest())).Events
            .Where(x => x.Id != created.Event.Id && x.Name == created.Event.Name && x.Days.Select(d => d.Date).SequenceEqual(created.Event.Days.Select(d => d.Date)))
            .Select(x => x.Id).ToList();
        if (twins.Count > 0)
        {
            Console.Error.WriteLine($"note: {string.Join(", ", twins)} {(twins.Count == 1 ? "has" : "have")} the same name and days (created from the same file before?); " +
                $"an id in the file makes create refuse a second one; matchmaker event status {created.Event.Id} closed retires this one");
        }

        return 0;
    }

    private static async Task<int> ListAsync(EventService.EventServiceClient client, Arguments a)
    {
        Positional(a, 0, "event list");
        a.EnsureAllRead();
        var list = await client.ListEventsAsync(new ListEventsRequest());
        if (list.Events.Count == 0)
        {
            Console.WriteLine("no events (create one with: matchmaker event create FILE.json)");
        }

        foreach (var e in list.Events)
        {
            var days = e.Days.Count == 0 ? "no days" : e.Days.Count == 1 ? e.Days[0].Date : $"{e.Days[0].Date} … {e.Days[^1].Date}";
            var last = e.LastSchedule is null ? "not scheduled" : $"scheduled: {e.LastSchedule.Meetings} meetings, value {e.LastSchedule.Value:0.0} of bound {e.LastSchedule.Bound:0.0}";
            Console.WriteLine($"{e.Id,-16} {Name(e.Status),-18} {days,-25} {e.Tables.Count,3} tables  {last}  {e.Name}");
        }

        return 0;
    }

    private static async Task<int> ShowAsync(EventService.EventServiceClient client, Arguments a)
    {
        var id = Positional(a, 1, "event show EVENT_ID")[0];
        a.EnsureAllRead();
        Console.WriteLine(JsonFormatter.Default.Format(await client.GetEventAsync(new GetEventRequest { Id = id })));
        return 0;
    }

    private static async Task<int> StatusAsync(EventService.EventServiceClient client, Arguments a)
    {
        var p = Positional(a, 2, "event status EVENT_ID draft|open|scheduled|published|closed");
        var status = Pick(p[1].ToLowerInvariant(), "the status", V1.EventStatus.Unspecified,
            ("draft", V1.EventStatus.Draft), ("open", V1.EventStatus.OpenForRequests), ("scheduled", V1.EventStatus.Scheduled),
            ("published", V1.EventStatus.Published), ("closed", V1.EventStatus.Closed));
        a.EnsureAllRead();
        var e = await client.GetEventAsync(new GetEventRequest { Id = p[0] });
        var version = e.Version;
        e.Status = status;
        var updated = await client.UpdateEventAsync(new UpdateEventRequest { Event = e, ExpectedVersion = version });
        Console.WriteLine($"event {updated.Event.Id} is {Name(updated.Event.Status)}");
        return 0;
    }

    private static async Task<int> ImportAsync(EventService.EventServiceClient client, Arguments a)
    {
        var p = Positional(a, 2, "event import EVENT_ID FILE.jsonl|FILE.csv");
        if (!File.Exists(p[1]))
        {
            throw new UsageException(Text.NotAFile(p[1]));
        }

        a.EnsureAllRead();
        _ = await client.GetEventAsync(new GetEventRequest { Id = p[0] });
        if (p[1].EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            // The registration export the console also reads: a header naming its columns, a participant per line.
            List<Events.ParticipantFile.Line> lines;
            try
            {
                lines = [.. Events.ParticipantFile.Read(p[0], await File.ReadAllTextAsync(p[1]), csv: true)];
            }
            catch (Matchmaker.Profiles.ValidationException e)
            {
                throw new UsageException($"{p[1]}: {e.Violations[0].Field}: {e.Violations[0].Reason}");
            }

            return await ImportCommand.ImportRecordsAsync(p[1], "participants", client.ImportParticipants(), lines.Select(l => ((long)l.Number, (Func<V1.Participant>)(() =>
            {
                try
                {
                    return Matchmaker.Mapping.ParticipantMapping.ToProto(l.Read());
                }
                catch (Matchmaker.Profiles.ValidationException e)
                {
                    throw new ImportCommand.LineRefused($"{(l.Id.Length > 0 ? $"({l.Id}) " : "")}{e.Violations[0].Field}: {e.Violations[0].Reason}");
                }
            }))));
        }

        return await ImportCommand.ImportAsync(p[1], "participants", client.ImportParticipants(), V1.Participant.Parser, m =>
        {
            if (m.EventId.Length == 0)
            {
                m.EventId = p[0];
            }
        });
    }

    private static async Task<int> ParticipantsAsync(EventService.EventServiceClient client, Arguments a)
    {
        var id = Positional(a, 1, "event participants EVENT_ID [--role buyer|exporter|consultant]")[0];
        var role = Pick(a.One("role"), "--role", V1.ParticipantRole.Unspecified,
            ("buyer", V1.ParticipantRole.Buyer), ("exporter", V1.ParticipantRole.Exporter), ("consultant", V1.ParticipantRole.Consultant));
        a.EnsureAllRead();
        var list = await client.ListParticipantsAsync(new ListParticipantsRequest { EventId = id, Role = role });
        foreach (var p in list.Participants)
        {
            var what = p.Role == V1.ParticipantRole.Buyer ? $"inquiries {string.Join(", ", p.InquiryIds)}" : p.Organization;
            Console.WriteLine($"{p.Id,-14} {Name(p.Role),-10} {p.Name,-40} wants {p.MinMeetings}–{(p.MaxMeetings == 0 ? "any" : p.MaxMeetings.ToString(CultureInfo.InvariantCulture))} meetings  {what}");
        }

        Console.WriteLine($"{list.Participants.Count} {Text.Counted(list.Participants.Count, "participants")}");
        return 0;
    }

    private static async Task<int> RemoveAsync(EventService.EventServiceClient client, Arguments a)
    {
        var p = Positional(a, 2, "event remove EVENT_ID PARTICIPANT_ID [--reason TEXT]");
        var reason = a.One("reason") ?? "";
        a.EnsureAllRead();
        var removed = await client.RemoveParticipantAsync(new RemoveParticipantRequest { EventId = p[0], ParticipantId = p[1], Reason = reason });
        Console.WriteLine($"removed {p[1]}; {removed.CancelledMeetings} of its meetings cancelled");
        return 0;
    }

    private static async Task<int> RequestAsync(EventService.EventServiceClient client, Arguments a)
    {
        var p = Positional(a, 3, "event request EVENT_ID FROM_ID TO_ID [--must] [--message TEXT] [--inquiry ID]");
        var request = new MeetingRequest
        {
            EventId = p[0], FromId = p[1], ToId = p[2], Priority = a.Switch("must") ? RequestPriority.MustMeet : RequestPriority.WouldLike,
            Message = a.One("message") ?? "", InquiryId = a.One("inquiry") ?? "",
        };
        a.EnsureAllRead();
        var r = await client.RequestMeetingAsync(new RequestMeetingRequest { Request = request });
        Console.WriteLine($"request {r.Request.Id}: {p[1]} → {p[2]}, {Name(r.Request.Status)}{(r.Mutual ? " (both asked: accepted)" : "")}");
        return 0;
    }

    private static async Task<int> RespondAsync(EventService.EventServiceClient client, Arguments a)
    {
        var p = Positional(a, 3, "event respond EVENT_ID REQUEST_ID accept|decline [--reason TEXT]");
        if (p[2] is not ("accept" or "decline"))
        {
            throw new UsageException($"respond with accept or decline, not '{p[2]}'");
        }

        var reason = a.One("reason") ?? "";
        if (p[2] == "decline" && reason.Trim().Length == 0)
        {
            throw new UsageException("a decline needs --reason TEXT (the other side reads it)");
        }

        a.EnsureAllRead();
        var r = await client.RespondToRequestAsync(new RespondToRequestRequest { EventId = p[0], RequestId = p[1], Accept = p[2] == "accept", Reason = reason });
        Console.WriteLine($"request {r.Request.Id}: {Name(r.Request.Status)}");
        return 0;
    }

    private static async Task<int> RequestsAsync(EventService.EventServiceClient client, Arguments a)
    {
        var id = Positional(a, 1, "event requests EVENT_ID [--participant ID] [--status pending|accepted|declined|expired]")[0];
        var status = Pick(a.One("status"), "--status", V1.RequestStatus.Unspecified,
            ("pending", V1.RequestStatus.Pending), ("accepted", V1.RequestStatus.Accepted), ("declined", V1.RequestStatus.Declined),
            ("expired", V1.RequestStatus.Expired));
        var request = new ListRequestsRequest { EventId = id, ParticipantId = a.One("participant") ?? "", Status = status };
        a.EnsureAllRead();
        var list = await client.ListRequestsAsync(request);
        foreach (var r in list.Requests)
        {
            Console.WriteLine($"{r.Id,-11} {r.FromId,-12} → {r.ToId,-12} {Name(r.Priority),-10} {Name(r.Status),-9} {r.Reason}");
        }

        Console.WriteLine($"{list.Requests.Count} {Text.Counted(list.Requests.Count, "requests")}");
        return 0;
    }

    private static async Task<int> BlockAsync(EventService.EventServiceClient client, Arguments a)
    {
        var p = Positional(a, 3, "event block EVENT_ID BY_ID OTHER_ID [--met-before] [--note TEXT]");
        var request = new BlockPairRequest
        {
            EventId = p[0], By = p[1], OtherId = p[2], Reason = a.Switch("met-before") ? BlockReason.MetBefore : BlockReason.NoThanks, Note = a.One("note") ?? "",
        };
        a.EnsureAllRead();
        await client.BlockPairAsync(request);
        Console.WriteLine($"{p[1]} blocked {p[2]}: the schedule will not hold this pair");
        return 0;
    }

    private static async Task<int> SuggestAsync(EventService.EventServiceClient client, Arguments a)
    {
        var p = Positional(a, 2, "event suggest EVENT_ID PARTICIPANT_ID [--top N]");
        var top = a.Int("top", 10, 1, 100);
        a.EnsureAllRead();
        var list = await client.SuggestMeetingsAsync(new SuggestMeetingsRequest { EventId = p[0], ParticipantId = p[1], TopK = top });
        Console.WriteLine($"counterparts at {p[0]} for {p[1]}, best first");
        var rank = 0;
        foreach (var s in list.Suggestions)
        {
            var state = s.MeetingId.Length > 0 ? $"  [meeting {s.MeetingId}]" : s.RequestStatus != V1.RequestStatus.Unspecified ? $"  [request {Name(s.RequestStatus)}]" : "";
            Console.WriteLine($"{++rank,3}. {s.Counterpart.Id,-12} {s.Score:0.000}  {s.Counterpart.Name}{state}");
            foreach (var r in s.Reasons)
            {
                Console.WriteLine($"       {r.Contribution,6:+0.000;-0.000} {r.Feature,-23} {r.Text}");
            }
        }

        return 0;
    }

    private static async Task<int> ScheduleAsync(EventService.EventServiceClient client, Arguments a)
    {
        var id = Positional(a, 1, "event schedule EVENT_ID [--place-only] [--time-limit SECONDS] [--fairness D] [--ensure-minimum] [--top-per-buyer N] [--dry-run]")[0];
        var request = new GenerateScheduleRequest
        {
            EventId = id,
            Mode = a.Switch("place-only") ? ScheduleMode.PlaceOnly : ScheduleMode.ChooseAndPlace,
            TimeLimitSeconds = a.Int("time-limit", 10, 1, 600),
            EnsureMinimum = a.Switch("ensure-minimum"),
            TopPerBuyer = a.Int("top-per-buyer", 15, 1, 200),
            DryRun = a.Switch("dry-run"),
        };
        if (a.One("fairness") is not null)
        {
            request.FairnessBound = a.Int("fairness", 2, 0, 100);
        }

        a.EnsureAllRead();
        using var call = client.GenerateSchedule(request);
        var started = false;
        var shown = "";
        await foreach (var u in call.ResponseStream.ReadAllAsync())
        {
            // Said once the server has the event (an unknown id answers NotFound before any update).
            if (!started)
            {
                Console.Error.WriteLine($"scheduling {id} (at most {request.TimeLimitSeconds} s)…");
                started = true;
            }

            if (u.UpdateCase == GenerateScheduleUpdate.UpdateOneofCase.Progress)
            {
                var p = u.Progress;
                var line = request.Mode == ScheduleMode.PlaceOnly
                    ? $"{p.Meetings,5} meetings placed  {p.Breaks} {Text.Counted(p.Breaks, "breaks")}, at least {Math.Max(0, -p.ObjectiveBound):0} needed"
                    : $"{p.Meetings,5} meetings  value {p.Value,9:0.000} of bound {p.Bound:0.000}  gap {p.Gap:P1}  breaks {p.Breaks}";
                // The solver also reports steps this line does not show (its inner objective): a line only when it changes.
                if (line != shown)
                {
                    Console.Error.WriteLine($"  {p.ElapsedSeconds,6:0.0} s  {line}");
                    shown = line;
                }

                continue;
            }

            var r = u.Result;
            var s = r.Summary;
            Console.WriteLine(request.Mode == ScheduleMode.PlaceOnly
                ? $"{Name(s.Status)}: {s.Meetings} meetings placed, {s.Breaks} {Text.Counted(s.Breaks, "breaks")} (most for one participant {s.MaxBreaks}; at least {Math.Max(0, -r.ObjectiveBound):0} needed), "
                    + $"{r.TableChanges} table changes, {s.Seconds:0.0} s"
                : $"{Name(s.Status)}: {s.Meetings} meetings, value {s.Value:0.000} of bound {s.Bound:0.000} ({(s.Bound > 0 ? s.Value / s.Bound : 0):P1}), "
                    + $"solver gap {s.Gap:P2}, {s.Breaks} {Text.Counted(s.Breaks, "breaks")} (most for one participant {s.MaxBreaks}), {r.TableChanges} table changes, {s.Seconds:0.0} s");
            var changes = $"{r.Added} added, {r.Moved} moved, {r.Dropped} dropped" + (r.PublishedChanged > 0 ? $" ({r.PublishedChanged} of them published)" : "");
            Console.WriteLine(r.Saved ? $"saved: {changes}" : $"dry run, nothing saved; it would have: {changes}");
            if (r.Note.Length > 0)
            {
                Console.WriteLine(r.Note);
            }

            foreach (var x in r.Unplaced)
            {
                Console.WriteLine($"not placed: {x.A}–{x.B}: {x.Rule}");
            }

            foreach (var x in r.Shortfalls)
            {
                Console.WriteLine($"below minimum: {x.ParticipantId} has {x.Meetings} of {x.Wanted} wanted ({x.Cause}: {x.Reason})");
            }

            return r.Unplaced.Count > 0 || s.Status is ScheduleStatus.Infeasible or ScheduleStatus.Unknown ? 1 : 0;
        }

        throw new IOException("the server ended the schedule stream without a result");
    }

    private static async Task<int> MeetingsAsync(EventService.EventServiceClient client, Arguments a)
    {
        var id = Positional(a, 1, "event meetings EVENT_ID [--participant ID] [--all]")[0];
        var request = new GetScheduleRequest { EventId = id, ParticipantId = a.One("participant") ?? "", IncludeInactive = a.Switch("all") };
        a.EnsureAllRead();
        var schedule = await client.GetScheduleAsync(request);
        foreach (var m in schedule.Meetings)
        {
            Print(m);
        }

        Console.WriteLine($"{schedule.Meetings.Count} meetings");
        return 0;
    }

    private static async Task<int> AddMeetingAsync(EventService.EventServiceClient client, Arguments a)
    {
        if (a.Positional.Count is not (3 or 6))
        {
            throw new UsageException("usage: matchmaker event add-meeting EVENT_ID A_ID B_ID [DATE START TABLE] [--pin]");
        }

        var p = a.Positional;
        var request = new AddMeetingRequest { EventId = p[0], A = p[1], B = p[2], Pinned = a.Switch("pin") };
        if (p.Count == 6)
        {
            (request.Date, request.Start, request.TableId) = (Arguments.DateText(p[3], "DATE"), Arguments.TimeText(p[4], "START"), p[5]);
        }

        a.EnsureAllRead();
        Print((await client.AddMeetingAsync(request)).Meeting);
        return 0;
    }

    private static async Task<int> MoveAsync(EventService.EventServiceClient client, Arguments a)
    {
        var p = Positional(a, 5, "event move EVENT_ID MEETING_ID DATE START TABLE");
        a.EnsureAllRead();
        var (date, start) = (Arguments.DateText(p[2], "DATE"), Arguments.TimeText(p[3], "START"));
        Print((await client.MoveMeetingAsync(new MoveMeetingRequest { EventId = p[0], MeetingId = p[1], Date = date, Start = start, TableId = p[4] })).Meeting);
        return 0;
    }

    private static async Task<int> ChangeAsync(EventService.EventServiceClient client, Arguments a, string verb)
    {
        var p = Positional(a, 2, $"event {verb} EVENT_ID MEETING_ID");
        a.EnsureAllRead();
        var m = verb == "confirm"
            ? (await client.ConfirmMeetingAsync(new MeetingChangeRequest { EventId = p[0], MeetingId = p[1] })).Meeting
            : (await client.PinMeetingAsync(new PinMeetingRequest { EventId = p[0], MeetingId = p[1], Pinned = verb == "pin" })).Meeting;
        Print(m);
        return 0;
    }

    private static async Task<int> CancelAsync(EventService.EventServiceClient client, Arguments a)
    {
        var p = Positional(a, 2, "event cancel EVENT_ID MEETING_ID --reason TEXT");
        var reason = a.One("reason") ?? throw new UsageException("--reason is required: the participants read it");
        a.EnsureAllRead();
        Print((await client.CancelMeetingAsync(new CancelMeetingRequest { EventId = p[0], MeetingId = p[1], Reason = reason })).Meeting);
        return 0;
    }

    private static async Task<int> OutcomeAsync(EventService.EventServiceClient client, Arguments a)
    {
        var p = Positional(a, 2, "event outcome EVENT_ID MEETING_ID [--by ID] [--held|--no-show] [--rating 1-5] [--follow-up] [--contract USD] [--note TEXT]");
        var outcome = new MeetingOutcome
        {
            ReportedBy = a.One("by") ?? "",
            Rating = a.Int("rating", 0, 0, 5),
            FollowUp = a.Switch("follow-up"),
            Note = a.One("note") ?? "",
        };
        if (a.Switch("held") && a.Switch("no-show"))
        {
            throw new UsageException("--held and --no-show contradict each other");
        }

        if (a.Switch("held") || a.Switch("no-show"))
        {
            outcome.Held = a.Switch("held");
        }

        if (a.One("contract") is { } usd)
        {
            outcome.ContractSigned = true;
            outcome.ContractValueUsd = double.TryParse(usd, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0 && double.IsFinite(value)
                ? value
                : throw new UsageException($"--contract is the contract's value in USD, not '{usd}'");
        }

        a.EnsureAllRead();
        if (!outcome.HasHeld && outcome.Rating == 0 && !outcome.FollowUp && !outcome.ContractSigned && outcome.Note.Length == 0)
        {
            throw new UsageException("nothing to record: give --held or --no-show, --rating, --follow-up, --contract USD or --note");
        }

        Print((await client.RecordOutcomeAsync(new RecordOutcomeRequest { EventId = p[0], MeetingId = p[1], Outcome = outcome })).Meeting);
        return 0;
    }

    private static async Task<int> AgendaAsync(EventService.EventServiceClient client, Arguments a)
    {
        if (a.Positional.Count is not (1 or 2))
        {
            throw new UsageException("usage: matchmaker event agenda EVENT_ID [PARTICIPANT_ID] [--ics FILE.ics]");
        }

        var ics = a.One("ics");
        a.EnsureAllRead();
        var agenda = await client.GetAgendaAsync(new GetAgendaRequest { EventId = a.Positional[0], ParticipantId = a.Positional.Count == 2 ? a.Positional[1] : "" });
        Console.WriteLine(agenda.Participant is null ? $"agenda of {a.Positional[0]}" : $"agenda of {agenda.Participant.Name} ({agenda.Participant.Id})");
        foreach (var m in agenda.Meetings)
        {
            Print(m);
        }

        if (ics is not null)
        {
            await File.WriteAllBytesAsync(ics, agenda.Ics.ToByteArray());
            Console.WriteLine($"wrote {ics} ({agenda.Meetings.Count} meetings; import it into a calendar, and again after a change: entries update in place)");
        }

        return 0;
    }

    private static async Task<int> GridAsync(EventService.EventServiceClient client, Arguments a)
    {
        var id = Positional(a, 1, "event grid EVENT_ID --out FILE.html")[0];
        var path = a.One("out") ?? throw new UsageException("--out FILE.html is required");
        a.EnsureAllRead();
        var grid = await client.GetScheduleGridAsync(new GetScheduleGridRequest { EventId = id });
        await File.WriteAllTextAsync(path, grid.Html, new UTF8Encoding(false));
        Console.WriteLine($"wrote {path}: open it in a browser, print it for the tables");
        return 0;
    }

    private static async Task<int> CsvAsync(EventService.EventServiceClient client, Arguments a)
    {
        var id = Positional(a, 1, "event csv EVENT_ID [--out FILE.csv]")[0];
        var path = a.One("out");
        a.EnsureAllRead();
        var csv = (await client.ExportMeetingsAsync(new ExportMeetingsRequest { EventId = id })).Csv;
        if (path is null)
        {
            Console.Write(csv);
            return 0;
        }

        await File.WriteAllTextAsync(path, csv, new UTF8Encoding(false));
        Console.WriteLine($"wrote {path} ({csv.Count(c => c == '\n') - 1} meetings)");
        return 0;
    }

    private static async Task<int> KpisAsync(EventService.EventServiceClient client, Arguments a)
    {
        var request = new GetEventKpisRequest { From = a.DateText("from") ?? "", To = a.DateText("to") ?? "" };
        if (a.Positional.Count == 1 && (request.From.Length > 0 || request.To.Length > 0))
        {
            throw new UsageException("an event id or a period (--from and --to), not both: an event's KPIs cover all of it, a period's every event with a day in it");
        }

        if (a.Positional.Count == 1)
        {
            request.EventId = a.Positional[0];
        }
        else if (a.Positional.Count > 1 || request.From.Length == 0 || request.To.Length == 0)
        {
            throw new UsageException("usage: matchmaker event kpis EVENT_ID | --from YYYY-MM-DD --to YYYY-MM-DD [--csv FILE.csv] [--months-csv FILE.csv]");
        }

        var csv = a.One("csv");
        var monthsCsv = a.One("months-csv");
        if (monthsCsv is not null && request.EventId.Length > 0)
        {
            throw new UsageException("--months-csv is for a period (--from and --to): months span every event");
        }

        a.EnsureAllRead();
        var report = await client.GetEventKpisAsync(request);
        if (report.Events.Count == 0)
        {
            Console.WriteLine($"no event has a day between {request.From} and {request.To}");
        }

        foreach (var k in report.Events.Count > 1 ? [.. report.Events, report.Total] : report.Events.ToList())
        {
            Console.WriteLine($"{k.EventId} {k.EventName}{(k.FirstDay.Length > 0 ? $" (from {k.FirstDay})" : "")}");
            Console.WriteLine($"  participants            {k.Participants} ({k.Exporters} exporters); with at least one meeting {k.ParticipantsWithMeetings} ({k.ShareWithMeetings:P0})");
            Console.WriteLine($"  requests                {k.RequestsSent} sent: {k.RequestsAccepted} accepted, {k.RequestsDeclined} declined, {k.RequestsExpired} expired, {k.RequestsPending} pending; acceptance {Acceptance(k.RequestsAccepted + k.RequestsDeclined + k.RequestsExpired, k.AcceptanceRate, "— (none answered yet)")}");
            Console.WriteLine($"  meetings                {k.MeetingsScheduled} scheduled, {k.MeetingsHeld} held, {k.NoShows} no-shows, {k.MeetingsCancelled} cancelled; {k.MeetingsPerExporter:0.0} per exporter");
            Console.WriteLine($"  after the meetings      follow-ups {k.FollowUps}, contracts {k.Contracts} worth {k.ContractValueUsd:N0} USD");
            Console.WriteLine($"  schedule                value {k.ScheduleValue:0.000} of bound {k.ScheduleBound:0.000} ({k.ValueOfBound:P1})");
        }

        if (report.Months.Count > 0)
        {
            // Over time, across every event: requests by the month sent, meetings by their month, contracts by the month reported.
            Console.WriteLine("by month                requests  accepted  acceptance  meetings  held  no-shows  contracts  value (USD)");
            foreach (var m in report.Months.Where(m => m.RequestsSent + m.MeetingsScheduled + m.Contracts > 0))
            {
                Console.WriteLine($"  {m.Month,-21} {m.RequestsSent,8}  {m.RequestsAccepted,8}  {Acceptance(m.RequestsAccepted + m.RequestsDeclined + m.RequestsExpired, m.AcceptanceRate, "—"),10}  {m.MeetingsScheduled,8}  {m.MeetingsHeld,4}  {m.NoShows,8}  {m.Contracts,9}  {m.ContractValueUsd,10:N0}");
            }
        }

        if (csv is not null)
        {
            await File.WriteAllTextAsync(csv, report.Csv, new UTF8Encoding(false));
            Console.WriteLine($"wrote {csv}");
        }

        if (monthsCsv is not null)
        {
            await File.WriteAllTextAsync(monthsCsv, report.MonthsCsv, new UTF8Encoding(false));
            Console.WriteLine($"wrote {monthsCsv}");
        }

        return 0;
    }

    private static void Print(Meeting m)
    {
        var table = m.TableName.Length > 0 && m.TableName != m.TableId ? $"{m.TableId} {m.TableName}" : m.TableId;
        var when = m.Date.Length > 0 ? $"{m.Date} {m.Start} {table,-13}" : "(not placed)                 ";
        var flags = (m.Pinned ? " pinned" : "") + (m.Reason.Length > 0 ? $" ({m.Reason})" : "");
        Console.WriteLine($"{m.Id,-11} {when} {Name(m.Status),-9} {m.AName} ({m.A}) — {m.BName} ({m.B}){flags}");
    }

    /// <summary>The value a word names; <paramref name="absent"/> when no word was given.</summary>
    /// <exception cref="UsageException">A word that names none of them, with the words that do.</exception>
    private static T Pick<T>(string? word, string what, T absent, params (string Word, T Value)[] choices)
    {
        if (word is null)
        {
            return absent;
        }

        foreach (var (w, value) in choices)
        {
            if (w == word)
            {
                return value;
            }
        }

        var words = choices.Select(c => c.Word).ToList();
        throw new UsageException($"{what} is {string.Join(", ", words[..^1])} or {words[^1]}, not '{word}'");
    }

    private static List<string> Positional(Arguments a, int count, string usage) =>
        a.Positional.Count == count ? a.Positional : throw new UsageException($"usage: matchmaker {usage}");

    private static T Read<T>(string path, MessageParser<T> parser)
        where T : IMessage<T> => JsonLines.ReadMessage(path, parser);

    /// <summary>The acceptance rate of the requests answered (or run out); <paramref name="none"/> while none is.</summary>
    private static string Acceptance(int answered, double rate, string none) => answered > 0 ? rate.ToString("P0", CultureInfo.InvariantCulture) : none;

    /// <summary>An enum value as people write it: EVENT_STATUS_OPEN_FOR_REQUESTS → "open for requests".</summary>
    private static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var text = value.ToString();
        var words = new StringBuilder();
        foreach (var c in text)
        {
            words.Append(char.IsUpper(c) && words.Length > 0 ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString());
        }

        return words.ToString();
    }
}
