using System.Globalization;
using Bunit;
using Matchmaker.Events;
using Matchmaker.Web.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Matchmaker.Tests.Console;

public sealed class ScheduleGridTests : ConsoleComponentTest
{
    private static readonly DateOnly Day = new(2026, 5, 14);

    private static readonly IReadOnlyList<EventSlots.Slot> Slots =
    [
        Slot(0, 0, new TimeOnly(10, 0)), Slot(1, 0, new TimeOnly(10, 20)), Slot(2, 1, new TimeOnly(14, 0)),
    ];

    private static readonly IReadOnlyList<EventTable> Tables = [new() { Id = "T1", Name = "Table 1" }, new() { Id = "T2" }];


    [Fact]
    public void Each_meeting_is_a_card_with_both_names_in_its_slot_and_table_and_a_row_per_slot()
    {
        var grid = RenderGrid([Meeting("M-1", "B-1", "E-1", new TimeOnly(10, 20), "T2"), Meeting("M-2", "B-2", "E-2", new TimeOnly(14, 0), "T1", pinned: true)]);

        Assert.Equal(["10:00", "10:20", "14:00"], grid.FindAll("tbody tr[data-slot]").Select(r => r.GetAttribute("data-slot")));
        Assert.Single(grid.FindAll("tr.session-break"));
        Assert.Equal(["Table 1", "T2"], grid.FindAll("thead th[data-table]").Select(th => th.TextContent));

        var card = grid.Find("tr[data-slot='10:20'] td[data-table='T2'] .card");
        Assert.Equal("M-1", card.GetAttribute("data-meeting"));
        Assert.Equal(["Buyer One", "Exporter One"], card.QuerySelectorAll("span.a, span.b").Select(s => s.TextContent));
        Assert.Equal("true", card.GetAttribute("draggable"));

        // A pinned meeting does not drag; cells without a meeting are free.
        var pinned = grid.Find("tr[data-slot='14:00'] td[data-table='T1'] .card");
        Assert.Equal("false", pinned.GetAttribute("draggable"));
        Assert.Equal(4, grid.FindAll("td.cell.free").Count);
    }

    [Fact]
    public void Dropping_a_card_on_another_cell_asks_for_that_move_and_dropping_it_where_it_is_asks_nothing()
    {
        var moves = new List<MoveRequest>();
        var grid = RenderGrid([Meeting("M-1", "B-1", "E-1", new TimeOnly(10, 0), "T1")], moves.Add);

        grid.Find("[data-meeting='M-1']").DragStart();
        grid.Find("tr[data-slot='10:00'] td[data-table='T1']").Drop();
        Assert.Empty(moves);

        grid.Find("[data-meeting='M-1']").DragStart();
        grid.Find("tr[data-slot='14:00'] td[data-table='T2']").Drop();
        var move = Assert.Single(moves);
        Assert.Equal(("M-1", new TimeOnly(14, 0), Day, "T2"), (move.Meeting.Id, move.Slot.Start, move.Slot.Date, move.TableId));

        // A drop with nothing dragged (from outside the grid) asks nothing either.
        grid.Find("tr[data-slot='10:20'] td[data-table='T2']").Drop();
        Assert.Single(moves);
    }

    [Fact]
    public void Hovering_a_card_shows_both_sides_its_inquiry_and_the_engines_reasons_and_leaving_hides_them()
    {
        var asked = new List<string>();
        var grid = RenderGrid([Meeting("M-1", "B-1", "E-1", new TimeOnly(10, 20), "T2"), Meeting("M-2", "B-2", "E-2", new TimeOnly(14, 0), "T1")],
            reasonsFor: m => { asked.Add(m.Id); return m.Id == "M-1" ? ["makes HS 030367 for the buyer's exact subheading", "holds HACCP"] : []; });
        Assert.Empty(grid.FindAll("#hover-card"));

        grid.Find("[data-meeting='M-1']").MouseEnter(new MouseEventArgs { ClientX = 100, ClientY = 50, Type = "mouseenter" });
        var hover = grid.Find("#hover-card");
        Assert.Equal("M-1", hover.GetAttribute("data-meeting"));
        Assert.Contains("Buyer One — Exporter One", hover.TextContent, StringComparison.Ordinal);
        Assert.Contains("for inquiry INQ-1", hover.TextContent, StringComparison.Ordinal);
        Assert.Equal(["makes HS 030367 for the buyer's exact subheading", "holds HACCP"], hover.QuerySelectorAll("ul.reasons li").Select(li => li.TextContent));
        Assert.Contains("left: 114px; top: 64px", hover.GetAttribute("style"), StringComparison.Ordinal);

        grid.Find("[data-meeting='M-1']").MouseLeave(new MouseEventArgs { Type = "mouseleave" });
        Assert.Empty(grid.FindAll("#hover-card"));
        grid.Find("[data-meeting='M-2']").MouseEnter(new MouseEventArgs { Type = "mouseenter" });
        Assert.Empty(grid.FindAll("#hover-card ul.reasons"));
        Assert.Equal(["M-1", "M-2"], asked);
    }

    [Fact]
    public void A_highlighted_participant_leaves_the_other_meetings_dimmed()
    {
        var grid = RenderGrid([Meeting("M-1", "B-1", "E-1", new TimeOnly(10, 0), "T1"), Meeting("M-2", "B-2", "E-2", new TimeOnly(10, 0), "T2")], highlight: "E-2");
        Assert.DoesNotContain("dim", grid.Find("[data-meeting='M-2']").ClassList);
        Assert.Contains("dim", grid.Find("[data-meeting='M-1']").ClassList);
    }

    [Fact]
    public void Russian_and_Korean_grids_label_the_time_column_in_their_language()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ru");
        Assert.Equal("Время", RenderGrid([]).Find("thead th.time").TextContent);
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ko");
        Assert.Equal("시간", RenderGrid([]).Find("thead th.time").TextContent);
    }

    private IRenderedComponent<ScheduleGrid> RenderGrid(IReadOnlyList<Meeting> meetings, Action<MoveRequest>? onMove = null, string highlight = "",
        Func<Meeting, IReadOnlyList<string>>? reasonsFor = null) =>
        Render<ScheduleGrid>(p => p
            .Add(x => x.Day, Day)
            .Add(x => x.Slots, Slots)
            .Add(x => x.Tables, Tables)
            .Add(x => x.Meetings, meetings)
            .Add(x => x.Names, new Dictionary<string, string> { ["B-1"] = "Buyer One", ["E-1"] = "Exporter One", ["B-2"] = "Buyer Two", ["E-2"] = "Exporter Two" })
            .Add(x => x.Reasons, meetings.ToDictionary(m => m.Id, m => $"for inquiry INQ-{m.Id[2..]}"))
            .Add(x => x.Highlight, highlight)
            .Add(x => x.ReasonsFor, reasonsFor)
            .Add(x => x.OnMove, onMove ?? (_ => { })));

    private static EventSlots.Slot Slot(int index, int session, TimeOnly start) =>
        new(index, 0, session, session == 0 ? SessionPeriod.Morning : SessionPeriod.Afternoon, Day, start, start.AddMinutes(20), 20);

    private static Meeting Meeting(string id, string a, string b, TimeOnly start, string table, bool pinned = false) => new()
    {
        EventId = "F", Id = id, A = a, B = b, Date = Day, Start = start, TableId = table, Pinned = pinned, Status = MeetingStatus.Proposed, SlotMinutes = 20,
    };
}
