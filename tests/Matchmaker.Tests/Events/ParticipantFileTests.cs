using Google.Protobuf;
using Matchmaker.Events;
using Matchmaker.Profiles;
using Matchmaker.Tests.Support;
using Matchmaker.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Matchmaker.Tests.Events;

/// <summary>
/// The console's participant import and event form on a real store: CSV and JSON Lines (the command
/// line's own format) read line by line, each refused line named by its number and field.
/// </summary>
public sealed class ParticipantFileTests : IDisposable
{
    private const string Fair = "KHV-IMPORT";
    private readonly InProcessService _service = FairSetup.Service();

    public void Dispose() => _service.Dispose();

    private async Task<(Matchmaker.Serving.ImportResult Result, List<int> Lines)> ImportAsync(string text, bool csv)
    {
        await FairSetup.CreateAsync(_service, Fair, "Asia/Vladivostok", "2026-12-03");
        await _service.Events.RemoveParticipantAsync(new V1.RemoveParticipantRequest { EventId = Fair, ParticipantId = "EXP-1" });
        var import = new ParticipantImport(_service.Services.GetRequiredService<ParticipantCatalog>());
        var lines = new List<int>();
        foreach (var line in ParticipantFile.Read(Fair, text, csv))
        {
            lines.Add(line.Number);
            import.Add(line.Id, line.Read);
        }

        return (import.Complete(), lines);
    }

    [Fact]
    public async Task A_csv_file_adds_its_good_lines_and_names_each_bad_one_by_line_and_field()
    {
        var (result, lines) = await ImportAsync(
            """
            role,id,exporter_id,buyer_id,inquiry_ids,name,organization,languages,min_meetings,max_meetings
            exporter,,EXP-1,,,,,ru;en,2,8
            exporter,,EXP-404,,,,,,,

            consultant,C-2,,,,"Lawyer, trade",Export centre,ru,,10
            buyer,,,B-1,Q-1;Q-2,,,,4,x
            visitor,V-1,,,,Someone,,,,
            """.Replace("\r\n", "\n", StringComparison.Ordinal), csv: true);

        Assert.Equal((5, 2, 3), (result.Received, result.Imported, result.Failed));
        var errors = result.Errors.Select(e => (lines[(int)e.Index], e.Id, e.Field)).ToList();
        Assert.Equal([(3, "EXP-404", "exporter_id"), (6, "B-1", "max_meetings"), (7, "V-1", "role")], errors);
        var catalog = _service.Services.GetRequiredService<ParticipantCatalog>();
        var exporter = catalog.Get(Fair, "EXP-1")!;
        Assert.Equal((2, 8), (exporter.MinMeetings, exporter.MaxMeetings));
        Assert.Equal(["ru", "en"], exporter.Languages);
        Assert.Equal("Lawyer, trade", catalog.Get(Fair, "C-2")!.Name);
    }

    [Fact]
    public async Task Json_lines_as_the_command_line_imports_them_are_read_in_either_field_spelling()
    {
        var formatter = new JsonFormatter(JsonFormatter.Settings.Default);
        var exporter = formatter.Format(new V1.Participant { EventId = Fair, Role = V1.ParticipantRole.Exporter, ExporterId = "EXP-1", MaxMeetings = 5 });
        var (result, lines) = await ImportAsync(string.Join('\n',
            exporter,
            """{"role": "consultant", "id": "C-2", "name": "Adviser", "unavailable": [{"date": "2026-12-03", "from": "09:00", "to": "12:00"}]}""",
            """{"role": "PARTICIPANT_ROLE_CONSULTANT", "id": "C-3", "name": "Late", "max_meetings": 3, "unavailable": [{"date": "2026-12-03", "from": "9am", "to": "12:00"}]}""",
            "not json",
            """{"id": "C-4", "name": "Nobody"}""",
            """{"role": "consultant", "id": "C-5", "name": "Typo", "maxMeeting": 3}""",
            formatter.Format(Samples.Exporter("EXP-9"))), csv: false);

        Assert.Contains("\"exporterId\": \"EXP-1\"", exporter, StringComparison.Ordinal);
        Assert.Equal((7, 2, 5), (result.Received, result.Imported, result.Failed));
        Assert.Equal([(3, "unavailable[0].from"), (4, "line"), (5, "role"), (6, "maxMeeting"), (7, "country")],
            result.Errors.Select(e => (lines[(int)e.Index], e.Field)));
        Assert.Equal("is not a field of a participant", result.Errors[3].Reason);
        Assert.Contains("(it reads as an exporter profile: ", result.Errors[4].Reason, StringComparison.Ordinal);
        var catalog = _service.Services.GetRequiredService<ParticipantCatalog>();
        Assert.Equal(5, catalog.Get(Fair, "EXP-1")!.MaxMeetings);
        Assert.Equal(new LocalTimeRange(new DateOnly(2026, 12, 3), new TimeOnly(9, 0), new TimeOnly(12, 0)), Assert.Single(catalog.Get(Fair, "C-2")!.Unavailable));

        // The same line again: stored as it is, counted so, and the log's position said though nothing was added.
        var again = new ParticipantImport(catalog);
        foreach (var line in ParticipantFile.Read(Fair, exporter, csv: false))
        {
            again.Add(line.Id, line.Read);
        }

        var repeated = again.Complete();
        Assert.Equal((1L, 1L, 1L, catalog.LastSequence), (repeated.Received, repeated.Imported, repeated.Unchanged, repeated.LastSequence));
    }

    [Fact]
    public void A_csv_header_with_an_unknown_column_is_refused_before_any_line()
    {
        var e = Assert.Throws<ValidationException>(() => ParticipantFile.Read(Fair, "role,email\nexporter,a@b.c\n", csv: true).ToList());
        Assert.Equal("header", e.Violations[0].Field);
        Assert.Contains("'email'", e.Violations[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_event_form_round_trips_an_event_and_names_a_bad_break_by_its_row()
    {
        await FairSetup.CreateAsync(_service, Fair, "Asia/Vladivostok", "2026-12-03", "2026-12-04");
        var stored = _service.Services.GetRequiredService<EventCatalog>().Require(Fair) with
        {
            RequestDeadline = new DateTimeOffset(2026, 12, 1, 18, 0, 0, TimeSpan.FromHours(10)),
        };

        var form = EventForm.Of(stored);
        Assert.Equal((4, "6"), (form.Sessions.Count, form.Sessions[1].Breaks));   // 2 days × 2 sessions; break slot 5 from 0 is slot 6
        Assert.Equal((new DateOnly(2026, 12, 1), new TimeOnly(18, 0)), (form.DeadlineDate, form.DeadlineTime));
        var again = form.ToEvent(stored);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(stored), System.Text.Json.JsonSerializer.Serialize(again));

        form.Sessions[2].Breaks = "3, lunch";
        var e = Assert.Throws<ValidationException>(() => form.ToEvent(stored));
        Assert.Equal("sessions[2].breaks", Assert.Single(e.Violations).Field);

        // Slots as the form numbers them, from 1, in the form's words too (the API counts from 0).
        form.Sessions[2].Slots = 9;
        form.Sessions[2].Breaks = "15, 5, 5";
        e = Assert.Throws<ValidationException>(() => form.ToEvent(stored));
        Assert.Equal(["sessions[2].breaks: slot 15 is not one of the session's slots 1–9", "sessions[2].breaks: slot 5 is given twice"],
            e.Violations.Select(v => $"{v.Field}: {v.Reason}"));
    }
}
