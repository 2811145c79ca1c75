using Matchmaker.Store;
using Microsoft.Extensions.DependencyInjection;

namespace Matchmaker.Profiles;

public static class ProfilesServiceCollectionExtensions
{
    /// <summary>Exporters and inquiries as record kinds of the store (<see cref="ProfileRecordKinds"/>).</summary>
    public static IServiceCollection AddMatchmakerProfiles(this IServiceCollection services) =>
        services.AddRecordKind(ProfileRecordKinds.Exporter).AddRecordKind(ProfileRecordKinds.Inquiry);
}
