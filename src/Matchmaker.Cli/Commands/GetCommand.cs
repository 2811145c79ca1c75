using Google.Protobuf;
using Matchmaker.V1;

namespace Matchmaker.Cli.Commands;

/// <summary>`matchmaker get exporter|inquiry ID [--json]`: the stored record as proto3 JSON (the import format).</summary>
internal static class GetCommand
{
    public static async Task<int> RunAsync(Arguments arguments)
    {
        if (arguments.Positional.Count != 2 || arguments.Positional[0] is not ("exporter" or "inquiry"))
        {
            throw new UsageException("usage: matchmaker get exporter|inquiry ID");
        }

        // JSON is what get prints; --json is accepted so scripts can ask every reading command the same way.
        _ = arguments.Switch("json");
        using var channel = Server.Connect(arguments);
        arguments.EnsureAllRead();
        var client = new ProfileService.ProfileServiceClient(channel);
        var id = arguments.Positional[1];
        IMessage record = arguments.Positional[0] == "exporter"
            ? await client.GetExporterAsync(new GetExporterRequest { Id = id })
            : await client.GetInquiryAsync(new GetInquiryRequest { Id = id });
        Console.WriteLine(JsonFormatter.Default.Format(record));
        return 0;
    }
}
