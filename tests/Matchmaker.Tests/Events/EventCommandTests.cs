using Matchmaker.Tests.Support;

namespace Matchmaker.Tests.Events;

/// <summary>The `matchmaker event` verbs against a real server process, the way the README walks through an event.</summary>
public sealed class EventCommandTests : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task Staff_run_a_demo_fair_from_the_command_line_end_to_end()
    {
        var demo = Path.Combine(_data.Path, "demo");
        var (exit, stdout, _) = await Cli.RunAsync("demo-data", "--out", demo, "--exporters", "400", "--inquiries", "120");
        Assert.Equal(0, exit);
        Assert.Contains("wrote a demo event to", stdout, StringComparison.Ordinal);

        using var server = new ServerProcess(Path.Combine(_data.Path, "server"));
        await server.StartAsync();
        await Ok("import", "exporters", Path.Combine(demo, "exporters.jsonl"), "--server", server.Url);
        await Ok("import", "inquiries", Path.Combine(demo, "inquiries.jsonl"), "--server", server.Url);

        var created = await Ok("event", "create", Path.Combine(demo, "event.json"), "--server", server.Url);
        var id = created.Split(' ')[2];
        Assert.StartsWith("EVT-", id, StringComparison.Ordinal);
        var imported = await Ok("event", "import", id, Path.Combine(demo, "participants.jsonl"), "--server", server.Url);
        Assert.Contains("0 failed", imported, StringComparison.Ordinal);

        // A registration system's CSV, as the console reads it: the good line added, the bad one named by its line.
        var csv = Path.Combine(_data.Path, "registrations.csv");
        await File.WriteAllTextAsync(csv, "role,id,name,max_meetings\nconsultant,C-9,Export adviser,6\nconsultant,C-10,Customs broker,x\n");
        var (partly, added, refusedLine) = await Cli.RunAsync("event", "import", id, csv, "--server", server.Url);
        Assert.Equal(1, partly);
        Assert.Contains("line 3: (C-10) max_meetings: 'x' is not a whole number", refusedLine, StringComparison.Ordinal);
        Assert.Contains("imported 1 participant of 2 records", added, StringComparison.Ordinal);
        Assert.Contains("C-9", await Ok("event", "participants", id, "--role", "consultant", "--server", server.Url), StringComparison.Ordinal);
        await File.WriteAllTextAsync(csv, "role,email\nconsultant,a@b.c\n");
        var (badHeader, _, header) = await Cli.RunAsync("event", "import", id, csv, "--server", server.Url);
        Assert.Equal(2, badHeader);
        Assert.Contains("header: unknown column 'email'", header, StringComparison.Ordinal);

        var participants = await Ok("event", "participants", id, "--role", "buyer", "--server", server.Url);
        var buyer = participants.Split('\n')[0].Split(' ')[0];
        var suggestions = await Ok("event", "suggest", id, buyer, "--top", "2", "--server", server.Url);
        var exporter = suggestions.Split('\n')[1].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        Assert.Contains("hs_match", suggestions, StringComparison.Ordinal);
        var request = await Ok("event", "request", id, buyer, exporter, "--must", "--server", server.Url);
        Assert.Contains("pending", request, StringComparison.Ordinal);

        var (code, schedule, progress) = await Cli.RunAsync("event", "schedule", id, "--time-limit", "3", "--server", server.Url);
        Assert.True(code is 0 or 1, progress);
        Assert.Matches(@"^(optimal|feasible): \d+ meetings, value [\d.]+ of bound [\d.]+", schedule);
        Assert.Contains("saved:", schedule, StringComparison.Ordinal);
        Assert.Contains("value", progress, StringComparison.Ordinal);

        var ics = Path.Combine(_data.Path, "agenda.ics");
        var agenda = await Ok("event", "agenda", id, buyer, "--ics", ics, "--server", server.Url);
        Assert.Contains(exporter, (await Ok("event", "meetings", id, "--participant", buyer, "--server", server.Url)), StringComparison.Ordinal);
        Assert.Contains("BEGIN:VCALENDAR", await File.ReadAllTextAsync(ics), StringComparison.Ordinal);
        var meeting = agenda.Split('\n')[1].Split(' ')[0];
        await Ok("event", "outcome", id, meeting, "--held", "--rating", "4", "--contract", "25000", "--server", server.Url);

        var kpis = await Ok("event", "kpis", id, "--csv", Path.Combine(_data.Path, "kpis.csv"), "--server", server.Url);
        Assert.Contains("contracts 1 worth 25,000 USD", kpis, StringComparison.Ordinal);
        Assert.Contains("1 held", kpis, StringComparison.Ordinal);

        // Over a period: the months across events, the contract in the month it was reported (this one) or, reported ahead of
        // the fair as here, in its meeting's month.
        var (back, ahead) = (DateTime.UtcNow.AddDays(-120).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            DateTime.UtcNow.AddDays(90).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        var monthsCsv = Path.Combine(_data.Path, "months.csv");
        var period = await Ok("event", "kpis", "--from", back, "--to", ahead, "--months-csv", monthsCsv, "--server", server.Url);
        Assert.Contains("by month", period, StringComparison.Ordinal);
        var thisMonth = DateTime.UtcNow.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var meetingMonth = System.Text.RegularExpressions.Regex.Match(agenda.Split('\n')[1], @"\b(\d{4}-\d{2})-\d{2}\b").Groups[1].Value;
        var contractMonth = string.CompareOrdinal(thisMonth, meetingMonth) < 0 ? meetingMonth : thisMonth;
        Assert.Contains(await File.ReadAllLinesAsync(monthsCsv), l => l.StartsWith(contractMonth + ",", StringComparison.Ordinal) && l.EndsWith(",1,25000", StringComparison.Ordinal));

        // Demand gaps from the terminal; a mistyped region is refused, not read as "no supply anywhere".
        var gaps = await Ok("demand-gaps", "--from", back, "--to", ahead, "--top", "3", "--server", server.Url);
        Assert.Contains("120 inquiries asking for", gaps, StringComparison.Ordinal);
        Assert.Contains("(1 buyer: ", gaps, StringComparison.Ordinal); // counted in the singular when there is one
        Assert.DoesNotContain("(1 buyers", gaps, StringComparison.Ordinal);
        var (refused, _, region) = await Cli.RunAsync("demand-gaps", "--from", back, "--to", ahead, "--region", "XX-NOPE", "--server", server.Url);
        Assert.Equal(4, refused);
        Assert.Contains("exporter_regions[0]", region, StringComparison.Ordinal);
        Assert.DoesNotContain("matching the inquiries", region, StringComparison.Ordinal); // refused at once: no work announced
        var (badDate, _, dateError) = await Cli.RunAsync("demand-gaps", "--from", "2026-13-01", "--to", ahead, "--server", server.Url);
        Assert.Equal(2, badDate); // the terminal's own usage error, before any request
        Assert.Contains("--from must be a date like 2026-12-03, not '2026-13-01'", dateError, StringComparison.Ordinal);
        var (badMove, _, moveError) = await Cli.RunAsync("event", "move", id, meeting, "2026-02-30", "10:10", "T01", "--server", server.Url);
        Assert.Equal(2, badMove);
        Assert.Contains("DATE must be a date like 2026-12-03, not '2026-02-30'", moveError, StringComparison.Ordinal);
        var (badStart, _, startError) = await Cli.RunAsync("event", "move", id, meeting, "2026-12-03", "10.10", "T01", "--server", server.Url);
        Assert.Equal(2, badStart);
        Assert.Contains("START must be a time like 09:30, not '10.10'", startError, StringComparison.Ordinal);
        var (badAdd, _, addError) = await Cli.RunAsync("event", "add-meeting", id, "A", "B", "2026/12/27", "10:10", "T01", "--server", server.Url);
        Assert.Equal(2, badAdd);
        Assert.Contains("DATE must be a date like 2026-12-03, not '2026/12/27'", addError, StringComparison.Ordinal);
        var (badKpiDate, _, kpiDateError) = await Cli.RunAsync("event", "kpis", "--from", back, "--to", "31.12.2026", "--server", server.Url);
        Assert.Equal(2, badKpiDate);
        Assert.Contains("--to must be a date like 2026-12-03, not '31.12.2026'", kpiDateError, StringComparison.Ordinal);
        var (both, _, bothError) = await Cli.RunAsync("event", "kpis", id, "--from", back, "--to", ahead, "--server", server.Url);
        Assert.Equal(2, both);
        Assert.Contains("an event id or a period (--from and --to), not both", bothError, StringComparison.Ordinal);
        var (down, _, unreachable) = await Cli.RunAsync("demand-gaps", "--from", back, "--to", ahead, "--server", "http://127.0.0.1:1");
        Assert.Equal(3, down);
        Assert.Contains("unreachable", unreachable, StringComparison.Ordinal);
        Assert.DoesNotContain("matching the inquiries", unreachable, StringComparison.Ordinal);
        var grid = Path.Combine(_data.Path, "grid.html");
        await Ok("event", "grid", id, "--out", grid, "--server", server.Url);
        Assert.StartsWith("<!DOCTYPE html>", await File.ReadAllTextAsync(grid), StringComparison.Ordinal);
        var (noReason, _, noReasonError) = await Cli.RunAsync("event", "respond", id, "R-ANY", "decline", "--server", server.Url);
        Assert.Equal(2, noReason);
        Assert.Contains("a decline needs --reason TEXT", noReasonError, StringComparison.Ordinal);
        var nothingAsked = await Ok("demand-gaps", "--from", "2020-01-01", "--to", "2020-12-31", "--server", server.Url);
        Assert.Contains("no inquiries were created in this period", nothingAsked, StringComparison.Ordinal);
        var (toFolder, _, folderError) = await Cli.RunAsync("event", "csv", id, "--out", _data.Path, "--server", server.Url);
        Assert.Equal(2, toFolder);
        Assert.Contains("a folder where a file is wanted", folderError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", folderError, StringComparison.Ordinal);

        var (nothing, _, empty) = await Cli.RunAsync("event", "outcome", id, meeting, "--server", server.Url);
        Assert.Equal(2, nothing);
        Assert.Contains("nothing to record", empty, StringComparison.Ordinal);
        var (unknown, _, notFound) = await Cli.RunAsync("event", "meetings", id, "--participant", "NOPE", "--server", server.Url);
        Assert.Equal(5, unknown);
        Assert.Contains("NOPE", notFound, StringComparison.Ordinal);

        var (typo, _, error) = await Cli.RunAsync("event", "shedule", id, "--server", server.Url);
        Assert.Equal(2, typo);
        Assert.Contains("did you mean 'schedule' (not 'shedule')?", error, StringComparison.Ordinal);
        var (blocked, _, why) = await Cli.RunAsync("event", "cancel", id, meeting, "--reason", "too late", "--server", server.Url);
        Assert.Equal(4, blocked);
        Assert.Contains("a held meeting cannot be cancelled", why, StringComparison.Ordinal);

        // The same file again makes a second event (it names no id): said, with the first one's id.
        var (again, secondOut, note) = await Cli.RunAsync("event", "create", Path.Combine(demo, "event.json"), "--server", server.Url);
        Assert.Equal(0, again);
        Assert.Contains($"note: {id} has the same name and days", note, StringComparison.Ordinal);
        Assert.DoesNotContain(id, secondOut, StringComparison.Ordinal);
    }

    public void Dispose() => _data.Dispose();

    private static async Task<string> Ok(params string[] args)
    {
        var (exit, stdout, stderr) = await Cli.RunAsync(args);
        Assert.True(exit == 0, $"matchmaker {string.Join(' ', args)} exited {exit}: {stderr}");
        return stdout;
    }
}
