using Bunit;
using Matchmaker.Events;
using Matchmaker.Web.Components;

namespace Matchmaker.Tests.Console;

public sealed class MeetingDialogTests : ConsoleComponentTest
{
    private static readonly DateOnly First = new(2026, 5, 14);
    private static readonly DateOnly Second = new(2026, 5, 15);

    private static readonly IReadOnlyList<EventSlots.Slot> Slots =
    [
        Slot(0, First, new TimeOnly(10, 0)), Slot(1, First, new TimeOnly(10, 20)), Slot(2, Second, new TimeOnly(9, 0)), Slot(3, Second, new TimeOnly(9, 20)),
    ];

    private static readonly IReadOnlyList<EventTable> Tables = [new() { Id = "T1", Name = "Table 1" }, new() { Id = "T2", Name = "Table 2" }];


    [Fact]
    public void It_opens_at_the_meetings_place_and_moves_it_to_the_day_time_and_table_chosen()
    {
        var moves = new List<MoveRequest>();
        var dialog = RenderDialog(Meeting(pinned: false), onMove: moves.Add);

        Assert.Equal("Buyer One — Exporter One", dialog.Find("#meeting-dialog-title").TextContent);
        Assert.Equal(["makes HS 440325 for the buyer's exact subheading"], dialog.FindAll("#match-reasons li").Select(li => li.TextContent));
        Assert.Equal(("2026-05-14", "10:20", "T2"), (Value(dialog, "#move-day"), Value(dialog, "#move-time"), Value(dialog, "#move-table")));

        // Another day offers that day's times only.
        dialog.Find("#move-day").Change("2026-05-15");
        Assert.Equal(["09:00", "09:20"], dialog.FindAll("#move-time option").Select(o => o.GetAttribute("value")));
        dialog.Find("#move-time").Change("09:20");
        dialog.Find("#move-table").Change("T1");
        dialog.Find("#move-submit").Click();

        var move = Assert.Single(moves);
        Assert.Equal(("M-1", Second, new TimeOnly(9, 20), "T1"), (move.Meeting.Id, move.Slot.Date, move.Slot.Start, move.TableId));
    }

    [Fact]
    public void A_pinned_meeting_does_not_move_until_unpinned_and_a_cancel_needs_a_reason()
    {
        var pins = new List<bool>();
        var cancels = new List<string>();
        var dialog = RenderDialog(Meeting(pinned: true), onPin: pins.Add, onCancel: cancels.Add);

        Assert.True(dialog.Find("#move-submit").HasAttribute("disabled"));
        Assert.Equal("Unpin", dialog.Find("#pin-toggle").TextContent);
        dialog.Find("#pin-toggle").Click();
        Assert.Equal([false], pins);

        Assert.True(dialog.Find("#cancel-submit").HasAttribute("disabled"));
        dialog.Find("#cancel-reason").Input("  buyer's flight delayed ");
        dialog.Find("#cancel-submit").Click();
        Assert.Equal(["buyer's flight delayed"], cancels);
    }

    [Fact]
    public void Escape_closes_it()
    {
        var closed = 0;
        var dialog = RenderDialog(Meeting(pinned: false), onClose: () => closed++);
        dialog.Find("#meeting-dialog").KeyDown("Escape");
        Assert.Equal(1, closed);
    }

    private IRenderedComponent<MeetingDialog> RenderDialog(Meeting meeting, Action<MoveRequest>? onMove = null, Action<bool>? onPin = null,
        Action<string>? onCancel = null, Action? onClose = null) =>
        Render<MeetingDialog>(p => p
            .Add(x => x.Meeting, meeting)
            .Add(x => x.Slots, Slots)
            .Add(x => x.Tables, Tables)
            .Add(x => x.Names, new Dictionary<string, string> { ["B-1"] = "Buyer One", ["E-1"] = "Exporter One" })
            .Add(x => x.Reasons, ["makes HS 440325 for the buyer's exact subheading"])
            .Add(x => x.OnMove, onMove ?? (_ => { }))
            .Add(x => x.OnPin, onPin ?? (_ => { }))
            .Add(x => x.OnCancel, onCancel ?? (_ => { }))
            .Add(x => x.OnClose, onClose ?? (() => { })));

    private static string? Value(IRenderedComponent<MeetingDialog> dialog, string select) =>
        ((AngleSharp.Html.Dom.IHtmlSelectElement)dialog.Find(select)).Value;

    private static EventSlots.Slot Slot(int index, DateOnly date, TimeOnly start) =>
        new(index, date == First ? 0 : 1, date == First ? 0 : 2, SessionPeriod.Morning, date, start, start.AddMinutes(20), 20);

    private static Meeting Meeting(bool pinned) => new()
    {
        EventId = "F", Id = "M-1", A = "B-1", B = "E-1", Date = First, Start = new TimeOnly(10, 20), TableId = "T2", Pinned = pinned, Status = MeetingStatus.Proposed,
        SlotMinutes = 20,
    };
}
