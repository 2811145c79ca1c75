using Bunit;
using Matchmaker.Events;
using Matchmaker.Web.Components;

namespace Matchmaker.Tests.Console;

public sealed class OutcomeTableTests : ConsoleComponentTest
{
    [Fact]
    public void Enter_saves_a_row_as_each_sides_report_and_a_refusal_stays_on_its_row()
    {
        var saved = new List<OutcomeEntry>();
        var table = Render<OutcomeTable>(p => p
            .Add(x => x.Meetings, [Meeting("M-1"), Meeting("M-2")])
            .Add(x => x.Names, new Dictionary<string, string> { ["B-1"] = "Buyer One", ["E-1"] = "Exporter One" })
            .Add(x => x.OnSave, e =>
            {
                saved.Add(e);
                return e.Meeting.Id == "M-2" ? "a no-show cannot have a contract" : null;
            }));

        var row = table.Find("tr[data-meeting='M-1']");
        row.QuerySelector("select.held")!.Change("held");
        // Typed values count at once (as they are typed), so Enter in the last field saves them all.
        table.Find("tr[data-meeting='M-1'] input.rating-a").Input("5");
        table.Find("tr[data-meeting='M-1'] input.rating-b").Input("4");
        table.Find("tr[data-meeting='M-1'] input.contract").Change(true);
        table.Find("tr[data-meeting='M-1'] input.value").Input("45000");
        table.Find("tr[data-meeting='M-1']").KeyDown("Enter");

        var entry = Assert.Single(saved);
        var outcomes = entry.Outcomes();
        Assert.Equal(2, outcomes.Count);
        Assert.Equal(("B-1", true, 5, true, 45_000.0), (outcomes[0].ReportedBy, outcomes[0].Held, outcomes[0].Rating, outcomes[0].ContractSigned, outcomes[0].ContractValueUsd));
        Assert.Equal(("E-1", true, 4, false), (outcomes[1].ReportedBy, outcomes[1].Held, outcomes[1].Rating, outcomes[1].ContractSigned));
        Assert.Contains("saved", table.Find("tr[data-meeting='M-1']").ClassList);

        table.Find("tr[data-meeting='M-2'] button.save").Click();
        Assert.Contains("refused", table.Find("tr[data-meeting='M-2']").ClassList);
        Assert.Equal("a no-show cannot have a contract", table.Find("tr[data-meeting='M-2'] .row-message").TextContent);
    }

    [Fact]
    public void A_row_starts_from_what_was_reported_and_a_value_without_a_contract_is_not_sent()
    {
        var reported = Meeting("M-1") with
        {
            Outcomes = [new MeetingOutcome { ReportedBy = "B-1", Held = false, Rating = 2, Note = "did not come" }],
        };
        var saved = new List<OutcomeEntry>();
        var table = Render<OutcomeTable>(p => p.Add(x => x.Meetings, [reported]).Add(x => x.OnSave, e =>
        {
            saved.Add(e);
            return null;
        }));

        Assert.Equal("no-show", ((AngleSharp.Html.Dom.IHtmlSelectElement)table.Find("select.held")).Value);
        Assert.Equal("2", table.Find("input.rating-a").GetAttribute("value"));
        Assert.Equal("did not come", table.Find("input.note").GetAttribute("value"));
        Assert.True(table.Find("input.value").HasAttribute("disabled"));

        table.Find("button.save").Click();
        var only = Assert.Single(Assert.Single(saved).Outcomes());
        Assert.Equal((false, 2, false, 0.0), (only.Held, only.Rating, only.ContractSigned, only.ContractValueUsd));
    }

    private static Meeting Meeting(string id) => new()
    {
        EventId = "F", Id = id, A = "B-1", B = "E-1", Date = new DateOnly(2026, 5, 14), Start = new TimeOnly(10, 0), TableId = "T1", Status = MeetingStatus.Proposed, SlotMinutes = 20,
    };
}
