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
}
