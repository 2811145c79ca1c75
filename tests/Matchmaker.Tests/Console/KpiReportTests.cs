using System.Globalization;
using Bunit;
using Matchmaker.Events;
using Matchmaker.Web.Components;

namespace Matchmaker.Tests.Console;

public sealed class KpiReportTests : ConsoleComponentTest
{
    private static readonly EventKpis Fair = new()
    {
        EventId = "KHV-1", EventName = "Khabarovsk fair", RequestsSent = 40, RequestsAccepted = 27, RequestsDeclined = 6, RequestsExpired = 3,
        MeetingsScheduled = 300, MeetingsHeld = 240, NoShows = 20, Contracts = 4, ContractValueUsd = 1_250_000, Participants = 90, ParticipantsWithMeetings = 81,
        Exporters = 60, ExporterMeetings = 300, ScheduleValue = 240, ScheduleBound = 250,
    };

    private static readonly EventKpis Online = new()
    {
        EventId = "ONL-1", EventName = "Online round", RequestsSent = 10, RequestsAccepted = 5, MeetingsScheduled = 60, MeetingsHeld = 60, Contracts = 1,
        ContractValueUsd = 250_000, Participants = 20, ParticipantsWithMeetings = 20, Exporters = 10, ExporterMeetings = 60,
    };

    [Fact]
    public void Each_event_and_the_total_show_the_trade_hub_figures_in_the_users_culture()
    {
        var report = RenderReport([Fair, Online]);

        var fair = report.Find("tr[data-event='KHV-1']");
        Assert.Equal("75%", fair.QuerySelector("[data-kpi='acceptance']")!.TextContent);   // 27 of 36 answered or expired
        Assert.Equal("240", fair.QuerySelector("[data-kpi='held']")!.TextContent);
        Assert.Equal("US$1,250,000", fair.QuerySelector("[data-kpi='value']")!.TextContent);
        var total = report.Find("tr[data-event='total']");
        Assert.Equal(("Total", "300", "5", "US$1,500,000"), (total.Children[0].TextContent, total.QuerySelector("[data-kpi='held']")!.TextContent,
            total.QuerySelector("[data-kpi='contracts']")!.TextContent, total.QuerySelector("[data-kpi='value']")!.TextContent));

        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ru");
        var russian = RenderReport([Fair, Online]);
        Assert.Equal("Итого", russian.Find("tr[data-event='total'] td").TextContent);
        Assert.Equal("75 %", russian.Find("tr[data-event='KHV-1'] [data-kpi='acceptance']").TextContent.Replace('\u00A0', ' '));
    }

    [Fact]
    public void The_bars_are_in_proportion_and_one_event_has_no_total_row()
    {
        var report = RenderReport([Fair, Online]);
        var held = report.FindAll("#meetings-chart g").Select(g => int.Parse(g.QuerySelector("rect.held")!.GetAttribute("width")!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal([KpiReport.Bar(240, 300), KpiReport.Bar(60, 300)], held);
        Assert.Equal(4 * held[1], held[0]);
        var value = report.FindAll("#contracts-chart rect.value").Select(r => int.Parse(r.GetAttribute("width")!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(5 * value[1], value[0]);

        Assert.Empty(RenderReport([Fair]).FindAll("tfoot"));
    }

    [Fact]
    public void Meetings_per_day_are_a_bar_a_day_held_then_the_rest()
    {
        var report = Render<KpiReport>(p => p.Add(x => x.Rows, [Fair]).Add(x => x.Total, EventKpis.Sum([Fair]))
            .Add(x => x.PerDay, [(new DateOnly(2026, 12, 3), 140, 160), (new DateOnly(2026, 12, 4), 0, 80)]));

        var days = report.FindAll("#per-day-chart g");
        Assert.Equal(["2026-12-03", "2026-12-04"], days.Select(g => g.GetAttribute("data-day")));
        Assert.Equal("12/3/2026", days[0].QuerySelector("text.label")!.TextContent);
        int Width(AngleSharp.Dom.IElement g, string bar) => int.Parse(g.QuerySelector($"rect.{bar}")!.GetAttribute("width")!, CultureInfo.InvariantCulture);
        Assert.Equal((KpiReport.Bar(140, 160), KpiReport.Bar(20, 160)), (Width(days[0], "held"), Width(days[0], "other")));
        Assert.Equal(2 * (Width(days[1], "held") + Width(days[1], "other")), Width(days[0], "held") + Width(days[0], "other"));
        Assert.Empty(RenderReport([Fair]).FindAll("#per-day-chart"));
    }

    [Fact]
    public void Months_show_acceptance_no_shows_and_contract_value_over_time()
    {
        MonthKpis[] months =
        [
            new(2026, 11) { RequestsSent = 30, RequestsAccepted = 18, RequestsDeclined = 6 },
            new(2026, 12) { MeetingsScheduled = 300, MeetingsHeld = 240, NoShows = 20, Contracts = 1, ContractValueUsd = 250_000 },
            new(2027, 3) { Contracts = 3, ContractValueUsd = 1_000_000 },
        ];
        var report = Render<KpiReport>(p => p.Add(x => x.Rows, [Fair]).Add(x => x.Total, EventKpis.Sum([Fair])).Add(x => x.Months, months));

        var november = report.Find("#months tr[data-month='2026-11']");
        Assert.Equal(("November 2026", "75%"), (november.Children[0].TextContent, november.QuerySelector("[data-kpi='acceptance']")!.TextContent));
        var december = report.Find("#months tr[data-month='2026-12']");
        Assert.Equal(("240", "20", "8%"), (december.QuerySelector("[data-kpi='held']")!.TextContent, december.QuerySelector("[data-kpi='no-shows']")!.TextContent,
            december.Children[7].TextContent));   // 20 of 260 with a known outcome
        Assert.Equal(("—", "—"), (december.QuerySelector("[data-kpi='acceptance']")!.TextContent, november.Children[7].TextContent));   // nothing to rate
        var bars = report.FindAll("#months-chart rect.value").Select(r => int.Parse(r.GetAttribute("width")!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal([0, KpiReport.Bar(250_000, 1_000_000), KpiReport.Bar(1_000_000, 1_000_000)], bars);
        Assert.Empty(RenderReport([Fair]).FindAll("#months"));

        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ko");
        var korean = Render<KpiReport>(p => p.Add(x => x.Rows, [Fair]).Add(x => x.Total, EventKpis.Sum([Fair])).Add(x => x.Months, months));
        Assert.Equal("2026년 11월", korean.Find("#months tr[data-month='2026-11'] td").TextContent);
    }

    private IRenderedComponent<KpiReport> RenderReport(IReadOnlyList<EventKpis> rows) =>
        Render<KpiReport>(p => p.Add(x => x.Rows, rows).Add(x => x.Total, EventKpis.Sum(rows)));
}
