using Grpc.Core;
using Matchmaker.V1;

namespace Matchmaker.Server.Security;

/// <summary>Personal contact data leaves the service for staff and admin only (API.md, Roles).</summary>
internal static class ContactData
{
    public static ExporterProfile ForCaller(ExporterProfile exporter, ServerCallContext context)
    {
        var user = context.GetHttpContext().User;
        if (!user.IsInRole(Matchmaker.Security.Roles.Staff) && !user.IsInRole(Matchmaker.Security.Roles.Admin))
        {
            exporter.Contact = null;
        }

        return exporter;
    }
}
