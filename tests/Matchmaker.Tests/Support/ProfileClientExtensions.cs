using Grpc.Core;
using Matchmaker.V1;

namespace Matchmaker.Tests.Support;

public static class ProfileClientExtensions
{
    /// <summary>Whether the service has a live exporter with this id (GetExporter answers NOT_FOUND otherwise).</summary>
    public static async Task<bool> ExporterExistsAsync(this ProfileService.ProfileServiceClient profiles, string id)
    {
        try
        {
            await profiles.GetExporterAsync(new GetExporterRequest { Id = id });
            return true;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>Streams the messages into an import call, completes it and returns its summary (disposing the call).</summary>
    public static async Task<ImportSummary> ImportAsync<T>(this AsyncClientStreamingCall<T, ImportSummary> call, IEnumerable<T> messages)
    {
        using (call)
        {
            foreach (var message in messages)
            {
                await call.RequestStream.WriteAsync(message);
            }

            await call.RequestStream.CompleteAsync();
            return await call;
        }
    }
}
