using Matchmaker.Hosting;
using Matchmaker.Mapping;
using Matchmaker.Server.Internal;
using Matchmaker.Server.Security;
using Matchmaker.Server.Services;
using Matchmaker.Serving;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Matchmaker.Server;

/// <summary>The gRPC host around Core: transport, the contract's services, health and reflection.</summary>
public static class ServerExtensions
{
    public const string DefaultUrl = "http://localhost:5080";

    /// <summary>
    /// Core (every area, <see cref="MatchmakerCoreServiceCollectionExtensions.AddMatchmakerCore"/>), the
    /// contract's match-list format, and gRPC with reflection and health. Plain-text gRPC needs HTTP/2
    /// with prior knowledge on every endpoint, so that is set in code, not left to an appsettings.json
    /// that a binary started from another folder would not find.
    /// </summary>
    public static WebApplicationBuilder AddMatchmakerServer(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(endpoint => endpoint.Protocols = HttpProtocols.Http2));
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var services = builder.Services;
        services.AddMatchmakerCore();
        services.AddMatchLists<V1.MatchList, MatchListFormat>();
        services.AddSingleton<Scheduling.IScheduleSolver>(_ => new Scheduling.OrTools.OrToolsScheduleSolver());
        services.AddGrpc(options =>
        {
            // A promoted model's files travel in one RegisterModel message (a 1,000-tree model is a few MB).
            options.MaxReceiveMessageSize = 64 * 1024 * 1024;
            options.Interceptors.Add<ErrorInterceptor>();
            options.EnableDetailedErrors = false;
        });
        services.AddGrpcReflection();
        services.AddMatchmakerSecurity();
        // Answer Check from the live health checks, not from the publisher cache that reads "Unknown" for the first 5 s.
        services.AddGrpcHealthChecks(o => o.UseHealthChecksCache = false).AddCheck<StorageHealthCheck>("storage");
        return builder;
    }

    public static WebApplication MapMatchmaker(this WebApplication app)
    {
        app.UseMatchmakerSecurity();
        app.MapGrpcService<ProfileGrpcService>();
        app.MapGrpcService<MatchGrpcService>();
        app.MapGrpcService<ModelGrpcService>();
        app.MapGrpcService<EventGrpcService>();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        app.MapGet("/", () => "Matchmaker speaks gRPC (HTTP/2) here: services matchmaker.v1.ProfileService, matchmaker.v1.MatchService, matchmaker.v1.ModelService and matchmaker.v1.EventService, with server reflection and grpc.health.v1.");
        return app;
    }
}
