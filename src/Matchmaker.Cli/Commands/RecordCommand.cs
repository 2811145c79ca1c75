using System.Text.Json;
using Matchmaker.V1;

namespace Matchmaker.Cli.Commands;

/// <summary>
/// One record at a time: `upsert exporter|inquiry FILE.json`, `delete exporter ID`, `close INQUIRY_ID`
/// and `preview FILE.json` (match a record that is not stored: an inquiry a buyer is still writing,
/// or an exporter's draft profile). Files are proto3 JSON, the import format (one record, not a line).
/// </summary>
internal static class RecordCommand
{
    public static async Task<int> UpsertAsync(Arguments a)
    {
        var (kind, path) = a.Positional.Count == 2 && a.Positional[0] is "exporter" or "inquiry"
            ? (a.Positional[0], a.Positional[1])
            : throw new UsageException("usage: matchmaker upsert exporter|inquiry FILE.json [--expected-version N]");
        var expected = ExpectedVersion(a);
        using var channel = Server.Connect(a);
        a.EnsureAllRead();
        var client = new ProfileService.ProfileServiceClient(channel);
        if (kind == "exporter")
        {
            var request = new UpsertExporterRequest { Exporter = JsonLines.ReadMessage(path, ExporterProfile.Parser) };
            if (expected is { } v)
            {
                request.ExpectedVersion = v;
            }

            var reply = await client.UpsertExporterAsync(request);
            Console.WriteLine(reply.Unchanged
                ? $"exporter {reply.Exporter.Id} is stored as it is already: version {reply.Exporter.Version} unchanged (change log {reply.Sequence})"
                : $"stored exporter {reply.Exporter.Id} as version {reply.Exporter.Version} (change log {reply.Sequence})");
        }
        else
        {
            var request = new UpsertInquiryRequest { Inquiry = JsonLines.ReadMessage(path, BuyerInquiry.Parser) };
            if (expected is { } v)
            {
                request.ExpectedVersion = v;
            }

            var reply = await client.UpsertInquiryAsync(request);
            Console.WriteLine(reply.Unchanged
                ? $"inquiry {reply.Inquiry.Id} is stored as it is already: version {reply.Inquiry.Version} unchanged (change log {reply.Sequence})"
                : $"stored inquiry {reply.Inquiry.Id} as version {reply.Inquiry.Version} (change log {reply.Sequence})");
        }

        return 0;
    }

    public static async Task<int> DeleteAsync(Arguments a)
    {
        var id = a.Positional.Count == 2 && a.Positional[0] == "exporter"
            ? a.Positional[1]
            : throw new UsageException("usage: matchmaker delete exporter ID [--expected-version N] (inquiries are closed: matchmaker close ID)");
        var request = new DeleteExporterRequest { Id = id };
        if (ExpectedVersion(a) is { } v)
        {
            request.ExpectedVersion = v;
        }

        using var channel = Server.Connect(a);
        a.EnsureAllRead();
        var reply = await new ProfileService.ProfileServiceClient(channel).DeleteExporterAsync(request);
        Console.WriteLine($"deleted exporter {reply.Id} (version {reply.Version}, change log {reply.Sequence}); it is matched no more");
        return 0;
    }

    public static async Task<int> CloseAsync(Arguments a)
    {
        var id = a.Positional.Count == 1 ? a.Positional[0] : throw new UsageException("usage: matchmaker close INQUIRY_ID [--expected-version N]");
        var request = new CloseInquiryRequest { Id = id };
        if (ExpectedVersion(a) is { } v)
        {
            request.ExpectedVersion = v;
        }

        using var channel = Server.Connect(a);
        a.EnsureAllRead();
        var reply = await new ProfileService.ProfileServiceClient(channel).CloseInquiryAsync(request);
        Console.WriteLine(reply.Unchanged
            ? $"inquiry {reply.Inquiry.Id} was closed already (version {reply.Inquiry.Version} unchanged)"
            : $"closed inquiry {reply.Inquiry.Id} (version {reply.Inquiry.Version}); exporters' lists show it no more");
        return 0;
    }

    public static async Task<int> PreviewAsync(Arguments a)
    {
        var path = a.Positional.Count == 1 ? a.Positional[0] : throw new UsageException("usage: matchmaker preview FILE.json [--top N] [--explain] [--json]");
        var top = a.Int("top", 10, 1, 500);
        var explain = a.Switch("explain");
        var json = a.Switch("json");
        var isExporter = IsExporter(path);
        using var channel = Server.Connect(a);
        a.EnsureAllRead();
        var client = new MatchService.MatchServiceClient(channel);
        if (isExporter)
        {
            var exporter = JsonLines.ReadMessage(path, ExporterProfile.Parser);
            var list = await client.MatchExporterAsync(new MatchExporterRequest { Exporter = exporter, TopK = top, Explain = explain });
            MatchCommand.Print($"open inquiries for the exporter in {path} (not stored)", list, m => m.InquiryId, json);
        }
        else
        {
            var inquiry = JsonLines.ReadMessage(path, BuyerInquiry.Parser);
            var list = await client.MatchInquiryAsync(new MatchInquiryRequest { Inquiry = inquiry, TopK = top, Explain = explain });
            MatchCommand.Print($"exporters for the inquiry in {path} (not stored)", list, m => m.ExporterId, json);
        }

        return 0;
    }

    private static long? ExpectedVersion(Arguments a) =>
        a.One("expected-version") is { } text
            ? long.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var v) && v >= 0
                ? v
                : throw new UsageException($"--expected-version must be a version number (0: must not exist yet), not '{text}'")
            : null;

    // An exporter has products; an inquiry has hs_codes (or a buyer): the file says which it is.
    private static bool IsExporter(string path)
    {
        using var document = Parse(path);
        var root = document.RootElement;
        return root.ValueKind == JsonValueKind.Object
            && (root.TryGetProperty("products", out _) || (!root.TryGetProperty("hsCodes", out _) && !root.TryGetProperty("hs_codes", out _)
                && !root.TryGetProperty("buyerCountry", out _) && !root.TryGetProperty("buyer_country", out _)));
    }

    private static JsonDocument Parse(string path)
    {
        var text = JsonLines.ReadText(path, "an inquiry or an exporter profile in proto3 JSON");
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new UsageException($"{path} is not JSON: {e.Message}");
        }
    }
}
