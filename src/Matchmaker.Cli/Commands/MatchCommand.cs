using Matchmaker.V1;

namespace Matchmaker.Cli.Commands;

/// <summary>`matchmaker match INQUIRY_ID` and `matchmaker match-exporter EXPORTER_ID`: a ranked list with reasons, or the reply as JSON.</summary>
internal static class MatchCommand
{
    public static async Task<int> RunInquiryAsync(Arguments arguments)
    {
        var id = SingleId(arguments, "match INQUIRY_ID");
        var request = new MatchInquiryRequest
        {
            InquiryId = id,
            TopK = arguments.Int("top", 10, 1, 500),
            Explain = arguments.Switch("explain"),
            Filters = new ExporterFilters(),
        };
        request.Filters.Countries.AddRange(arguments.All("country"));
        request.Filters.Regions.AddRange(arguments.All("region"));
        request.Filters.Certifications.AddRange(arguments.All("cert"));
        request.Filters.Languages.AddRange(arguments.All("language"));
        var json = arguments.Switch("json");
        using var channel = Server.Connect(arguments);
        arguments.EnsureAllRead();
        var list = await new MatchService.MatchServiceClient(channel).MatchInquiryAsync(request);
        Print($"exporters for inquiry {id}", list, m => m.ExporterId, json);
        return 0;
    }

    public static async Task<int> RunExporterAsync(Arguments arguments)
    {
        var id = SingleId(arguments, "match-exporter EXPORTER_ID");
        var request = new MatchExporterRequest
        {
            ExporterId = id,
            TopK = arguments.Int("top", 10, 1, 500),
            Explain = arguments.Switch("explain"),
            Filters = new InquiryFilters(),
        };
        request.Filters.BuyerCountries.AddRange(arguments.All("buyer-country"));
        var json = arguments.Switch("json");
        using var channel = Server.Connect(arguments);
        arguments.EnsureAllRead();
        var list = await new MatchService.MatchServiceClient(channel).MatchExporterAsync(request);
        Print($"open inquiries for exporter {id}", list, m => m.InquiryId, json);
        return 0;
    }

    private static string SingleId(Arguments arguments, string usage) =>
        arguments.Positional.Count == 1 ? arguments.Positional[0] : throw new UsageException($"usage: matchmaker {usage}");

    internal static void Print(string heading, MatchList list, Func<Match, string> idOf, bool json)
    {
        if (json)
        {
            // Every field, defaults too (from_cache false, a zero score), so scripts need not guess.
            Console.WriteLine(JsonLines.EveryField.Format(list));
            return;
        }

        Console.WriteLine($"{heading} — ranked by {list.ModelVersion}{(list.FromCache ? " (from cache)" : "")}, {list.CandidatesConsidered} candidates considered");
        if (list.Matches.Count == 0)
        {
            Console.WriteLine("  no matches");
        }

        // Reasons line up however long the longest feature name of this list is.
        var width = list.Matches.SelectMany(m => m.Reasons).Select(r => r.Feature.Length).DefaultIfEmpty(0).Max();
        foreach (var m in list.Matches)
        {
            Console.WriteLine($"{m.Rank,3}. {idOf(m),-12} {m.Score:0.000}  {m.DisplayName}");
            foreach (var r in m.Reasons)
            {
                Console.WriteLine($"       {r.Contribution,6:+0.000;-0.000} {r.Feature.PadRight(width)} {r.Text}");
            }
        }
    }
}
