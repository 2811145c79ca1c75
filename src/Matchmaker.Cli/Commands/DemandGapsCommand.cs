using System.Globalization;
using Matchmaker.V1;

namespace Matchmaker.Cli.Commands;

/// <summary>`matchmaker demand-gaps --from … --to …`: the HS headings whose inquiries found no good exporter, with the exporters of related headings.</summary>
internal static class DemandGapsCommand
{
    public static async Task<int> RunAsync(Arguments a)
    {
        var request = new GetDemandGapsRequest
        {
            From = a.DateText("from") ?? "",
            To = a.DateText("to") ?? "",
            // Not given: 0, the server's defaults.
            Top = a.Int("top", 0, 1, 200),
            RelatedExporters = a.Int("related", 0, 1, 100),
        };
        request.ExporterRegions.AddRange(a.All("region"));
        request.ExporterCountries.AddRange(a.All("country"));
        var json = a.Switch("json");
        using var channel = Server.Connect(a);
        a.EnsureAllRead();
        var call = new ReportService.ReportServiceClient(channel).GetDemandGapsAsync(request).ResponseAsync;
        // Said only once the server has taken the request and is working on it (a server that is down answers at once).
        if (await Task.WhenAny(call, Task.Delay(TimeSpan.FromSeconds(1))) != call)
        {
            Console.Error.WriteLine($"matching the inquiries of {request.From} … {request.To}, one wanted heading at a time…");
        }

        var report = await call;
        if (json)
        {
            Console.WriteLine(JsonLines.EveryField.Format(report));
            return 0;
        }

        Console.WriteLine($"{report.Inquiries} {Text.Counted(report.Inquiries, "inquiries")} asking for {report.HeadingsWanted} HS {Text.Counted(report.HeadingsWanted, "headings")} ({report.ChapterOnlyInquiries} name only a chapter); " +
            $"a heading is served by {report.GoodExporters} makers scoring at least {report.GoodScore.ToString("0.00", CultureInfo.InvariantCulture)}, or by a meeting");
        if (report.Inquiries == 0)
        {
            Console.WriteLine("no inquiries were created in this period: nothing was asked for, so no gap can show (try a wider period)");
        }
        else if (report.Gaps.Count == 0)
        {
            Console.WriteLine("no demand gaps: every heading asked for found good exporters");
        }

        foreach (var g in report.Gaps)
        {
            Console.WriteLine();
            Console.WriteLine($"{g.Heading}  {g.Label}");
            Console.WriteLine($"  unserved inquiries  {g.Inquiries} of {g.InquiriesWanting} ({g.Buyers} {Text.Counted(g.Buyers, "buyers")}: {string.Join(", ", g.BuyerCountries.Select(c => $"{c.Country} {c.Inquiries}"))})");
            Console.WriteLine($"  makers              {g.Makers}; best maker's score {(g.BestScore > 0 ? g.BestScore.ToString("0.00", CultureInfo.InvariantCulture) : "—")}; inquiries {string.Join(", ", g.InquiryIds.Take(8))}{(g.InquiryIds.Count > 8 ? ", …" : "")}");
            foreach (var r in g.Related)
            {
                var why = r.Basis switch
                {
                    RelatednessBasis.Store => $"made together by the store's exporters, proximity {r.Proximity.ToString("0.00", CultureInfo.InvariantCulture)}",
                    RelatednessBasis.Network => $"product-space network, proximity {r.Proximity.ToString("0.00", CultureInfo.InvariantCulture)}",
                    _ => "same HS chapter",
                };
                Console.WriteLine($"  related             {r.ExporterId,-12} {r.Name} ({(r.Region.Length > 0 ? r.Region : r.Country)}) makes {r.Heading}: {why}");
            }
        }

        if (report.NetworkSource.Length == 0 && report.Gaps.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine("(related headings from the store's exporters, else the same chapter: no product-space network is configured; see the README's \"Demand gaps\")");
        }

        return 0;
    }
}
