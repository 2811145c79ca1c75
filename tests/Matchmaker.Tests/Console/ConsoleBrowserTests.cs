using System.Collections;
using System.Globalization;
using System.Resources;
using Matchmaker.Tests.Support;
using Matchmaker.V1;
using Matchmaker.Web;
using Microsoft.Playwright;

namespace Matchmaker.Tests.Console;

/// <summary>The staff console in Debian's chromium against the real server with its demo fair.</summary>
[Collection(nameof(ConsoleBrowserTests))]
public sealed class ConsoleBrowserTests(ConsoleServer console) : IClassFixture<ConsoleServer>
{
    private static readonly System.Text.RegularExpressions.Regex SignedIn = new("/console$");

    [BrowserFact]
    public async Task Staff_see_the_demo_fair_and_a_dragged_meeting_is_refused_where_its_exporter_is_away_and_saved_where_both_are_free()
    {
        var events = new EventService.EventServiceClient(console.Channel);

        // The whole grid of a day on screen: a drag cannot scroll.
        var page = await console.NewPageAsync(width: 2200, height: 2000);
        await console.SignInAsync(page, console.StaffKey);
        await Assertions.Expect(page).ToHaveURLAsync(SignedIn);
        await Assertions.Expect(page.Locator("#events")).ToContainTextAsync("DEMO-FAIR");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleServer.Screenshots, "events.png"), FullPage = true });

        // An event id that does not exist: said on each page of an event, with the id.
        foreach (var path in new[] { "", "/edit", "/participants", "/requests", "/outcomes" })
        {
            await page.GotoAsync(console.Origin + "/console/events/NOPE" + path);
            await Assertions.Expect(page.Locator("p.refused")).ToHaveTextAsync("There is no event NOPE.");
        }

        await page.GotoAsync(console.Origin + "/console");
        await page.ClickAsync("a[href='console/events/DEMO-FAIR']");
        await Assertions.Expect(page.Locator("#schedule")).ToHaveAttributeAsync("data-interactive", "true");

        // Generate from the console: progress while it solves, then what it would change, then saved.
        await page.FillAsync("#generate-seconds", "3");
        await page.ClickAsync("#generate-preview");
        await Assertions.Expect(page.Locator("#generate-progress li").First).ToContainTextAsync("of bound");
        await Assertions.Expect(page.Locator("#generate-diff")).ToContainTextAsync("added", new() { Timeout = 30_000 });
        Assert.Empty((await events.GetScheduleAsync(new GetScheduleRequest { EventId = "DEMO-FAIR" }, console.Headers())).Meetings);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleServer.Screenshots, "generate-preview.png") });
        await page.ClickAsync("#generate-save");
        await Assertions.Expect(page.Locator("#generate-saved")).ToContainTextAsync("Saved");
        await Assertions.Expect(page.Locator(".card").First).ToBeVisibleAsync();

        // A meeting of the first day, a free cell where neither side meets, and another.
        var schedule = await events.GetScheduleAsync(new GetScheduleRequest { EventId = "DEMO-FAIR" }, console.Headers());
        var day = schedule.Meetings.Where(m => m.Date.Length > 0).Min(m => m.Date)!;
        var meeting = schedule.Meetings.Where(m => m.Date == day && !m.Pinned && IsBuyerAndExporter(m)).OrderBy(m => m.Id, StringComparer.Ordinal).First();
        var free = FreeCells(schedule, day, meeting).ToList();
        Assert.True(free.Count >= 2, "the demo fair's first day has no two free cells for the meeting");
        var (away, awayTable) = free[0];
        var (open, openTable) = free.First(c => c.Start != away);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleServer.Screenshots, "schedule.png") });

        // The exporter (B side or A side, whichever) is away at the first free slot.
        var exporter = meeting.B.StartsWith("EXP", StringComparison.Ordinal) ? meeting.B : meeting.A;
        var end = TimeOnly.ParseExact(away, "HH:mm", CultureInfo.InvariantCulture).AddMinutes(meeting.SlotMinutes).ToString("HH:mm", CultureInfo.InvariantCulture);
        await events.SetAvailabilityAsync(new SetAvailabilityRequest
        {
            EventId = "DEMO-FAIR", ParticipantId = exporter, Unavailable = { new LocalTimeRange { Date = day, From = away, To = end } },
        }, console.Headers());

        var card = page.Locator($".card[data-meeting='{meeting.Id}']");
        await card.DragToAsync(page.Locator($"tr[data-slot='{away}'] td[data-table='{awayTable}']"));
        await Assertions.Expect(page.Locator("#move-result.refused")).ToContainTextAsync("unavailable");
        await Assertions.Expect(page.Locator($"tr[data-slot='{meeting.Start}'] td[data-table='{meeting.TableId}'] [data-meeting='{meeting.Id}']")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleServer.Screenshots, "move-refused.png") });

        await card.DragToAsync(page.Locator($"tr[data-slot='{open}'] td[data-table='{openTable}']"));
        await Assertions.Expect(page.Locator("#move-result.saved")).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator($"tr[data-slot='{open}'] td[data-table='{openTable}'] [data-meeting='{meeting.Id}']")).ToBeVisibleAsync();
        var stored = (await events.GetScheduleAsync(new GetScheduleRequest { EventId = "DEMO-FAIR" }, console.Headers())).Meetings.Single(m => m.Id == meeting.Id);
        Assert.Equal((day, open, openTable), (stored.Date, stored.Start, stored.TableId));

        // Another staff member moves it back over the API: the open grid shows it without a reload.
        await Assertions.Expect(page.Locator("#schedule")).ToHaveAttributeAsync("data-interactive", "true");
        await events.MoveMeetingAsync(new MoveMeetingRequest { EventId = "DEMO-FAIR", MeetingId = meeting.Id, Date = day, Start = meeting.Start, TableId = meeting.TableId },
            console.Headers());
        await Assertions.Expect(page.Locator($"tr[data-slot='{meeting.Start}'] td[data-table='{meeting.TableId}'] [data-meeting='{meeting.Id}']")).ToBeVisibleAsync();

        // The meeting's dialog: pin it where it is.
        await card.ClickAsync();
        await Assertions.Expect(page.Locator("#meeting-dialog")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#match-reasons li").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleServer.Screenshots, "meeting-dialog.png") });
        await page.ClickAsync("#pin-toggle");
        await Assertions.Expect(page.Locator("#move-result.saved")).ToContainTextAsync("Pinned");
        await Assertions.Expect(card).ToHaveAttributeAsync("draggable", "false");
        Assert.True((await events.GetScheduleAsync(new GetScheduleRequest { EventId = "DEMO-FAIR" }, console.Headers())).Meetings.Single(m => m.Id == meeting.Id).Pinned);

        // Published from the console.
        await page.GotoAsync(console.Origin + "/console/events/DEMO-FAIR");
        await Assertions.Expect(page.Locator("#schedule")).ToHaveAttributeAsync("data-interactive", "true");
        await page.ClickAsync("#publish");
        await Assertions.Expect(page.Locator("#move-result.saved")).ToContainTextAsync("Published");
        Assert.Equal(EventStatus.Published, (await events.GetEventAsync(new GetEventRequest { Id = "DEMO-FAIR" }, console.Headers())).Status);

        // The buyer's agenda in the console, and its .ics read back by an iCalendar parser: the pinned meeting at its local time.
        await page.GotoAsync(console.Origin + $"/console/events/DEMO-FAIR/participants/{meeting.A}");
        await Assertions.Expect(page.Locator($"#agenda-meetings tr[data-meeting='{meeting.Id}']")).ToBeVisibleAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#agenda-ics"));
        var calendar = Ical.Net.Calendar.Load(await File.ReadAllTextAsync(await download.PathAsync()))!;
        var entry = calendar.Events.Single(e => e.Uid!.StartsWith(meeting.Id, StringComparison.Ordinal));
        Assert.Equal((day, meeting.Start), (entry.DtStart!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), entry.DtStart.Value.ToString("HH:mm", CultureInfo.InvariantCulture)));
        Assert.Equal("Asia/Vladivostok", entry.DtStart.TzId);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleServer.Screenshots, "agenda.png") });

        // An outcome entered in the console's outcome table, and the KPI page shows it.
        await page.GotoAsync(console.Origin + "/console/kpis");
        var held = page.Locator("tr[data-event='DEMO-FAIR'] [data-kpi='held']");
        var value = page.Locator("tr[data-event='DEMO-FAIR'] [data-kpi='value']");
        await Assertions.Expect(held).ToHaveTextAsync("0");
        await page.GotoAsync(console.Origin + "/console/events/DEMO-FAIR/outcomes");
        await Assertions.Expect(page.Locator("#ready")).ToHaveAttributeAsync("data-ready", "true");
        var row = page.Locator($"#outcomes tr[data-meeting='{meeting.Id}']");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Outcomes");
        await row.Locator("select.held").SelectOptionAsync("held");
        await row.Locator("input.rating-a").FillAsync("5");
        await row.Locator("input.contract").CheckAsync();
        await row.Locator("input.value").FillAsync("45000");
        await row.Locator("input.value").PressAsync("Enter");
        await Assertions.Expect(row).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("saved"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleServer.Screenshots, "outcomes.png") });
        var recorded = (await events.GetScheduleAsync(new GetScheduleRequest { EventId = "DEMO-FAIR" }, console.Headers())).Meetings.Single(m => m.Id == meeting.Id);
        Assert.Equal((MeetingStatus.Held, 45_000.0), (recorded.Status, recorded.Outcomes.Single().ContractValueUsd));
        await page.GotoAsync(console.Origin + "/console/kpis");
        await Assertions.Expect(held).ToHaveTextAsync("1");
        await Assertions.Expect(value).ToHaveTextAsync("US$45,000");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleServer.Screenshots, "kpis.png"), FullPage = true });
        var csv = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#kpi-csv"));
        var lines = File.ReadAllLines(await csv.PathAsync());
        Assert.Contains(lines, l => l.StartsWith("DEMO-FAIR,", StringComparison.Ordinal) && l.Contains(",45000,", StringComparison.Ordinal));
        // The CSV's address with dates mistyped (a link edited by hand): each bad one named, as the API names them.
        var refused = await page.APIRequest.GetAsync(console.Origin + "/console/kpis.csv?from=2026-13-01&to=2026-02-30&by=week");
        Assert.Equal(400, refused.Status);
        Assert.Equal("from: '2026-13-01' is not a date like 2026-12-03; to: '2026-02-30' is not a date like 2026-12-03; "
            + "by: 'week' is not a grouping: leave it out (each event and the total) or say month", await refused.TextAsync());
        var backwards = await page.APIRequest.GetAsync(console.Origin + "/console/kpis.csv?from=2026-12-31&to=2026-01-01");
        Assert.Equal((400, "to: 2026-01-01 is before from (2026-12-31)"), (backwards.Status, await backwards.TextAsync()));

        // Over time: the held meeting counts in the fair's month; the contract in the month it was reported, but never before its
        // meeting (the demo fair is weeks ahead: entered now, the contract counts in the fair's month).
        var thisMonth = DateTime.UtcNow.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var contractMonth = string.CompareOrdinal(thisMonth, meeting.Date[..7]) < 0 ? meeting.Date[..7] : thisMonth;
        await Assertions.Expect(page.Locator($"#months tr[data-month='{contractMonth}'] [data-kpi='value']")).ToHaveTextAsync("US$45,000");
        await Assertions.Expect(page.Locator($"#months tr[data-month='{meeting.Date[..7]}'] [data-kpi='held']")).ToHaveTextAsync("1");
        var byMonth = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#kpi-months-csv"));
        Assert.Contains(File.ReadAllLines(await byMonth.PathAsync()), l => l.StartsWith(contractMonth + ",", StringComparison.Ordinal) && l.EndsWith(",1,45000", StringComparison.Ordinal));
    }

    [BrowserFact]
    public async Task Staff_answer_a_pending_request_and_request_for_a_buyer_from_the_engines_suggestions()
    {
        var events = new EventService.EventServiceClient(console.Channel);
        var pending = (await events.ListRequestsAsync(new ListRequestsRequest { EventId = "DEMO-FAIR" }, console.Headers())).Requests
            .Where(r => r.Status == RequestStatus.Pending).ToList();
        Assert.NotEmpty(pending);

        var page = await console.NewPageAsync();
        await console.SignInAsync(page, console.StaffKey);
        await Assertions.Expect(page).ToHaveURLAsync(SignedIn);
        await page.GotoAsync(console.Origin + "/console/events/DEMO-FAIR/requests");
        await Assertions.Expect(page.Locator("#ready")).ToHaveAttributeAsync("data-ready", "true");
        var row = page.Locator($"#requests tr[data-request='{pending[0].Id}']");
        await Assertions.Expect(row).ToBeVisibleAsync();
        await row.Locator("button.accept").ClickAsync();
        await Assertions.Expect(page.Locator("#request-result.saved")).ToContainTextAsync("Accepted");
        var answered = (await events.ListRequestsAsync(new ListRequestsRequest { EventId = "DEMO-FAIR" }, console.Headers())).Requests.Single(r => r.Id == pending[0].Id);
        Assert.Equal(RequestStatus.Accepted, answered.Status);

        // A buyer with fewer requests than the meetings it wants: the engine's counterparts with reasons, and a request on its behalf.
        var buyer = page.Locator("#few-requests button").First;
        var buyerId = await buyer.GetAttributeAsync("data-participant");
        await buyer.ClickAsync();
        await Assertions.Expect(page.Locator("#suggestions ul.reasons li").First).ToBeVisibleAsync();
        var first = page.Locator("#suggestions li[data-counterpart]:has(button.ask)").First;
        var counterpart = await first.GetAttributeAsync("data-counterpart");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleServer.Screenshots, "requests.png"), FullPage = true });
        await first.Locator("button.ask").ClickAsync();
        await Assertions.Expect(page.Locator("#request-result.saved")).ToContainTextAsync("Requested");
        var made = (await events.ListRequestsAsync(new ListRequestsRequest { EventId = "DEMO-FAIR", ParticipantId = buyerId! }, console.Headers())).Requests;
        Assert.Contains(made, r => r.FromId == buyerId && r.ToId == counterpart);
    }

    [BrowserFact]
    public async Task Staff_see_the_demand_gaps_the_api_reports_with_the_exporters_of_related_headings()
    {
        var from = DateTime.UtcNow.AddDays(-90).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var report = await new ReportService.ReportServiceClient(console.Channel).GetDemandGapsAsync(new GetDemandGapsRequest { From = from, To = to }, console.Headers());
        // The demo data has inquiries for products no demo exporter makes.
        Assert.NotEmpty(report.Gaps);

        var page = await console.NewPageAsync();
        await console.SignInAsync(page, console.StaffKey);
        await Assertions.Expect(page).ToHaveURLAsync(SignedIn);
        await page.GotoAsync($"{console.Origin}/console/gaps?from={from}&to={to}");
        await Assertions.Expect(page.Locator("#ready")).ToHaveAttributeAsync("data-ready", "true");
        await Assertions.Expect(page.Locator("#gaps-chart g[data-heading]")).ToHaveCountAsync(report.Gaps.Count);
        foreach (var gap in report.Gaps)
        {
            var row = page.Locator($"#gaps tr[data-heading='{gap.Heading}']");
            await Assertions.Expect(row.Locator("td[data-gap=inquiries]")).ToHaveTextAsync($"{gap.Inquiries} of {gap.InquiriesWanting}");
            await Assertions.Expect(row.Locator("td[data-gap=related] li")).ToHaveCountAsync(gap.Related.Count);
            foreach (var related in gap.Related)
            {
                await Assertions.Expect(row.Locator($"li[data-exporter='{related.ExporterId}']")).ToContainTextAsync(related.Heading);
            }
        }

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleServer.Screenshots, "gaps.png"), FullPage = true });

        // Exporters of another region: no supply there, so nobody to help either.
        await page.FillAsync("#gap-region", "RU-ZZZ");
        await page.PressAsync("#gap-region", "Tab");
        await Assertions.Expect(page.Locator("#gaps td[data-gap=related] li")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#gaps td[data-gap=makers]").First).ToHaveTextAsync("0");
    }

    [BrowserFact]
    public async Task Staff_create_and_edit_an_event_set_a_participants_availability_and_import_participants_with_errors_by_line()
    {
        var events = new EventService.EventServiceClient(console.Channel);
        var page = await console.NewPageAsync();
        await console.SignInAsync(page, console.StaffKey);
        await Assertions.Expect(page).ToHaveURLAsync(SignedIn);

        // A new event; a break slot that is not a number is refused with its row named, then saved.
        await page.ClickAsync("#new-event");
        await Assertions.Expect(page.Locator("#ready")).ToHaveAttributeAsync("data-ready", "true");
        await page.FillAsync("#event-id", "KHV-SPRING");
        await page.FillAsync("#event-name", "Spring export consultations");
        await page.SelectOptionAsync("#event-kind", "ExportConsultationMeeting");
        await page.FillAsync("#event-zone", "Asia/Vladivostok");
        await page.FillAsync("#sessions tr[data-row='0'] input.breaks", "lunch");
        await page.ClickAsync("#event-save");
        await Assertions.Expect(page.Locator("#event-errors")).ToContainTextAsync("sessions[0].breaks");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleServer.Screenshots, "event-new-refused.png"), FullPage = true });
        await page.FillAsync("#sessions tr[data-row='0'] input.breaks", "5");
        await page.ClickAsync("#event-save");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console/events/KHV-SPRING$"));
        var created = await events.GetEventAsync(new GetEventRequest { Id = "KHV-SPRING" }, console.Headers());
        Assert.Equal(("Spring export consultations", EventKind.ExportConsultationMeeting, "Asia/Vladivostok", 4), (created.Name, created.Kind, created.TimeZone, created.Tables.Count));
        Assert.Equal([4], created.Days[0].Sessions[0].BreakSlots);

        // Edited: open for requests, a fifth table.
        await page.ClickAsync("#edit-link");
        await Assertions.Expect(page.Locator("#ready")).ToHaveAttributeAsync("data-ready", "true");
        await page.SelectOptionAsync("#event-status", "OpenForRequests");
        await page.ClickAsync("#add-table");
        await page.ClickAsync("#event-save");
        await Assertions.Expect(page.Locator("#event-saved")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleServer.Screenshots, "event-edit.png"), FullPage = true });
        var edited = await events.GetEventAsync(new GetEventRequest { Id = "KHV-SPRING" }, console.Headers());
        Assert.Equal((V1.EventStatus.OpenForRequests, 5, created.Version + 1), (edited.Status, edited.Tables.Count, edited.Version));

        // A demo buyer away one morning.
        var buyer = (await events.ListParticipantsAsync(new ListParticipantsRequest { EventId = "DEMO-FAIR", Role = ParticipantRole.Buyer }, console.Headers())).Participants[1];
        var fair = await events.GetEventAsync(new GetEventRequest { Id = "DEMO-FAIR" }, console.Headers());
        await page.GotoAsync($"{console.Origin}/console/events/DEMO-FAIR/participants/{buyer.Id}");
        await Assertions.Expect(page.Locator("#ready")).ToHaveAttributeAsync("data-ready", "true");
        await page.SelectOptionAsync("#away-day", fair.Days[1].Date);
        await page.FillAsync("#away-from", "09:30");
        await page.FillAsync("#away-to", "11:00");
        await page.ClickAsync("#away-add");
        await Assertions.Expect(page.Locator("#participant-result.saved")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#unavailable li")).ToHaveCountAsync(buyer.Unavailable.Count + 1);
        var away = (await events.GetParticipantAsync(new GetParticipantRequest { EventId = "DEMO-FAIR", ParticipantId = buyer.Id }, console.Headers())).Unavailable;
        Assert.Contains(away, r => r.Date == fair.Days[1].Date && r.From == "09:30" && r.To == "11:00");

        // A registration system's CSV: one good line, one naming an exporter the store does not have.
        var exporter = (await events.ListParticipantsAsync(new ListParticipantsRequest { EventId = "DEMO-FAIR", Role = ParticipantRole.Exporter }, console.Headers())).Participants[0].ExporterId;
        await page.GotoAsync($"{console.Origin}/console/events/KHV-SPRING/participants");
        await Assertions.Expect(page.Locator("#ready")).ToHaveAttributeAsync("data-ready", "true");
        await page.SetInputFilesAsync("#import-file", new FilePayload
        {
            Name = "registrations.csv", MimeType = "text/csv",
            Buffer = System.Text.Encoding.UTF8.GetBytes($"role,exporter_id,min_meetings,max_meetings\nexporter,{exporter},2,6\nexporter,EXP-999999,2,6\n"),
        });
        await Assertions.Expect(page.Locator("#import-summary")).ToHaveTextAsync("2 lines read: 1 imported, 1 refused.");
        await Assertions.Expect(page.Locator("#import-errors tr[data-line='3']")).ToContainTextAsync("exporter_id");
        await Assertions.Expect(page.Locator($"#participants tr[data-participant='{exporter}']")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleServer.Screenshots, "participants-import.png"), FullPage = true });
    }

    /// <summary>
    /// The grid's first render for a 300-buyer, 1,000-exporter event with 2,000+ meetings, measured in the browser (the
    /// figures go to console-screenshots/first-render.txt and the README; tests never fail on speed), and a card's
    /// hover with the engine's reasons.
    /// </summary>
    [BrowserFact]
    public async Task A_300_buyer_1000_exporter_event_shows_its_grid_and_a_cards_hover_gives_the_engines_reasons()
    {
        var events = new EventService.EventServiceClient(console.Channel);
        var first = DateTime.UtcNow.AddDays(60).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var second = DateTime.UtcNow.AddDays(61).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var big = new V1.Event { Id = "BIG-FAIR", Name = "Large buyer-invitation fair", Kind = EventKind.BuyerInvitationFair, TimeZone = "Asia/Vladivostok", Status = V1.EventStatus.OpenForRequests };
        foreach (var day in new[] { first, second })
        {
            big.Days.Add(new EventDay
            {
                Date = day,
                Sessions =
                {
                    new EventSession { Period = SessionPeriod.Morning, Start = "09:30", SlotMinutes = 20, Slots = 9, BreakSlots = { 4 } },
                    new EventSession { Period = SessionPeriod.Afternoon, Start = "14:00", SlotMinutes = 20, Slots = 10, BreakSlots = { 5 } },
                },
            });
        }

        big.Tables.AddRange(Enumerable.Range(1, 70).Select(i => new EventTable { Id = $"T{i:00}", Name = $"Table {i}" }));
        await events.CreateEventAsync(new CreateEventRequest { Event = big }, console.Headers());

        // The demo's first 300 inquiries are 300 buyers' (their ids follow from their numbers); its 1,000 exporters.
        var inquiries = new Matchmaker.DemoData.DemoDataGenerator(42, DateTimeOffset.UtcNow).Inquiries(300).ToList();
        using (var import = events.ImportParticipants(console.Headers()))
        {
            foreach (var q in inquiries)
            {
                await import.RequestStream.WriteAsync(new Participant
                {
                    EventId = big.Id, Role = ParticipantRole.Buyer, BuyerId = q.BuyerId, InquiryIds = { q.Id }, MinMeetings = 4, MaxMeetings = 12,
                });
            }

            for (var i = 1; i <= 1_000; i++)
            {
                await import.RequestStream.WriteAsync(new Participant { EventId = big.Id, Role = ParticipantRole.Exporter, ExporterId = $"EXP-{i:D6}", MaxMeetings = 4 });
            }

            await import.RequestStream.CompleteAsync();
            var summary = await import;
            Assert.True(summary.Failed == 0, string.Join("; ", summary.Errors.Take(3).Select(e => $"{e.Id} {e.Field}: {e.Reason}")));
        }

        using (var run = events.GenerateSchedule(new GenerateScheduleRequest { EventId = big.Id, TimeLimitSeconds = 10 }, console.Headers()))
        {
            while (await run.ResponseStream.MoveNext(CancellationToken.None))
            {
            }
        }

        var schedule = await events.GetScheduleAsync(new GetScheduleRequest { EventId = big.Id }, console.Headers());
        Assert.True(schedule.Meetings.Count >= 2_000, $"{schedule.Meetings.Count} meetings");
        var onFirstDay = schedule.Meetings.Count(m => m.Date == first);

        var page = await console.NewPageAsync(width: 1600, height: 1000);
        await console.SignInAsync(page, console.StaffKey);
        await Assertions.Expect(page).ToHaveURLAsync(SignedIn);
        var figures = new List<string>();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            await page.GotoAsync($"{console.Origin}/console/events/{big.Id}");
            var loaded = watch.Elapsed.TotalMilliseconds;
            await Assertions.Expect(page.Locator("#schedule")).ToHaveAttributeAsync("data-interactive", "true", new() { Timeout = 30_000 });
            var interactive = await page.EvaluateAsync<double>("performance.now()");
            var paint = await page.EvaluateAsync<double>("(performance.getEntriesByName('first-contentful-paint')[0] || { startTime: -1 }).startTime");
            var dom = await page.EvaluateAsync<double>("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd");
            figures.Add(FormattableString.Invariant(
                $"attempt {attempt}: {onFirstDay} cards of {schedule.Meetings.Count} meetings; first contentful paint {paint:0} ms, DOM content loaded {dom:0} ms, load {loaded:0} ms, interactive {interactive:0} ms after navigation start"));
        }

        await Assertions.Expect(page.Locator(".card")).ToHaveCountAsync(onFirstDay);
        File.WriteAllLines(Path.Combine(ConsoleServer.Screenshots, "first-render.txt"), figures);
        System.Console.WriteLine(string.Join(Environment.NewLine, figures));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleServer.Screenshots, "large-grid.png") });

        // A buyer–exporter card's hover: both sides and why the engine matched them.
        var card = schedule.Meetings.First(m => m.Date == first && IsBuyerAndExporter(m));
        await page.HoverAsync($".card[data-meeting='{card.Id}']");
        await Assertions.Expect(page.Locator("#hover-card")).ToHaveAttributeAsync("data-meeting", card.Id);
        await Assertions.Expect(page.Locator("#hover-card ul.reasons li").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleServer.Screenshots, "card-hover.png") });
    }

    [BrowserFact]
    public async Task A_portal_key_is_refused_with_its_role_named_and_a_wrong_key_as_unknown()
    {
        var page = await console.NewPageAsync();
        await console.SignInAsync(page, console.PortalKey);
        await Assertions.Expect(page.Locator("p.refused")).ToContainTextAsync("A key with the role portal cannot open the console");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleServer.Screenshots, "signin-refused.png") });
        await page.GotoAsync(console.Origin + "/console");
        Assert.Contains("/console/signin", page.Url, StringComparison.Ordinal);

        await console.SignInAsync(page, "mmk_not-a-key");
        await Assertions.Expect(page.Locator("p.refused")).ToContainTextAsync("unknown or revoked");
    }

    [BrowserFact]
    public async Task Russian_and_Korean_pages_show_no_English_text()
    {
        var english = EnglishTexts();

        // The events' own names and their tables' are the agency's data, in whatever language it wrote them: not the console's text.
        var listed = (await new EventService.EventServiceClient(console.Channel).ListEventsAsync(new ListEventsRequest(), console.Headers())).Events;
        // (Charts shorten a long name to its first 31 letters.)
        var names = listed.Select(e => e.Name).Concat(listed.SelectMany(e => e.Tables.Select(t => t.Name))).Where(n => n.Length > 0)
            .SelectMany(n => new[] { n, n[..Math.Min(31, n.Length)] }).Distinct().OrderByDescending(n => n.Length).ToList();
        var buyer = (await new EventService.EventServiceClient(console.Channel).ListParticipantsAsync(
            new ListParticipantsRequest { EventId = "DEMO-FAIR", Role = ParticipantRole.Buyer }, console.Headers())).Participants[0].Id;
        foreach (var (link, language) in new[] { ("Русский", "ru"), ("한국어", "ko") })
        {
            var page = await console.NewPageAsync();
            await console.SignInAsync(page, console.StaffKey);
            await Assertions.Expect(page).ToHaveURLAsync(SignedIn);
            await page.ClickAsync($".languages a[lang='{language}']");
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
            Assert.Equal(link, await page.Locator($".languages a[lang='{language}']").InnerTextAsync());

            foreach (var path in new[] { "/console", "/console/events/DEMO-FAIR", "/console/kpis", $"/console/events/DEMO-FAIR/participants/{buyer}", "/console/events/DEMO-FAIR/outcomes",
                "/console/events/DEMO-FAIR/requests", "/console/gaps", "/console/events/new", "/console/events/DEMO-FAIR/edit" })
            {
                await page.GotoAsync(console.Origin + path);
                if (path == "/console/gaps")
                {
                    // The report is computed after the page opens.
                    await Assertions.Expect(page.Locator("#gaps")).ToBeVisibleAsync();
                }

                // Code (a file's column names) is the same in every language.
                var code = await page.Locator("code").AllInnerTextsAsync();
                var text = names.Concat(code).OrderByDescending(n => n.Length).Aggregate(await page.Locator("body").InnerTextAsync(), (t, name) => t.Replace(name, "", StringComparison.Ordinal));
                var titles = string.Join("\n", await page.Locator("[title]").EvaluateAllAsync<string[]>("els => els.map(e => e.title)"));
                var left = english.Where(e => text.Contains(e, StringComparison.Ordinal) || titles.Contains(e, StringComparison.Ordinal)).ToList();
                Assert.True(left.Count == 0, $"{language} {path} still shows: {string.Join(" | ", left)}");
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleServer.Screenshots, $"{language}{path.Replace('/', '-')}.png") });
            }
        }
    }

    /// <summary>Every English text of the console (the parts between placeholders, four letters or more).</summary>
    private static List<string> EnglishTexts()
    {
        var resources = new ResourceManager("Matchmaker.Web.Resources.ConsoleText", typeof(ConsoleText).Assembly);
        var set = resources.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: true)!;
        return
        [
            .. set.Cast<DictionaryEntry>()
                .SelectMany(e => System.Text.RegularExpressions.Regex.Split((string)e.Value!, @"\{\d+\}"))
                .Select(part => part.Trim(' ', ',', '.', ':', '(', ')'))
                .Where(part => part.Count(char.IsLetter) >= 4)
                .Distinct(),
        ];
    }

    // Neither side hosts at a table of its own (consultants do), so any free table will do.
    private static bool IsBuyerAndExporter(Meeting m) =>
        new[] { m.A, m.B }.Order(StringComparer.Ordinal).ToArray() is [var a, var b] && a.StartsWith("BUY", StringComparison.Ordinal) && b.StartsWith("EXP", StringComparison.Ordinal);

    private static IEnumerable<(string Start, string Table)> FreeCells(Schedule schedule, string day, Meeting meeting)
    {
        var live = schedule.Meetings.Where(m => m.Date == day).ToList();
        var starts = live.Select(m => m.Start).Distinct().Order(StringComparer.Ordinal);
        foreach (var start in starts)
        {
            var here = live.Where(m => m.Start == start).ToList();
            if (start == meeting.Start || here.Any(m => m.A == meeting.A || m.B == meeting.A || m.A == meeting.B || m.B == meeting.B))
            {
                continue;
            }

            if (schedule.Event.Tables.Select(t => t.Id).FirstOrDefault(t => here.All(m => m.TableId != t)) is { } table)
            {
                yield return (start, table);
            }
        }
    }
}
