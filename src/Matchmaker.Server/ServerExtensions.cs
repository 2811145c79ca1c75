using Matchmaker.Hosting;
using Matchmaker.Mapping;
using Matchmaker.Server.Internal;
using Matchmaker.Server.Security;
using Matchmaker.Server.Services;
using Matchmaker.Serving;
using Matchmaker.Web;

namespace Matchmaker.Server;

/// <summary>The gRPC host around Core: transport, the contract's services, health and reflection.</summary>
public static class ServerExtensions
{
    public const string DefaultUrl = "http://localhost:5080";

    /// <summary>The largest message the service takes (a promoted model's files travel in one).</summary>
    public const int MaxMessageBytes = 64 * 1024 * 1024;

    /// <summary>
    /// Core (every area, <see cref="MatchmakerCoreServiceCollectionExtensions.AddMatchmakerCore"/>), the
    /// contract's match-list format, and gRPC with reflection and health. Plain-text gRPC needs HTTP/2
    /// with prior knowledge on every endpoint, so that is set in code, not left to an appsettings.json
    /// that a binary started from another folder would not find.
    /// </summary>
    public static WebApplicationBuilder AddMatchmakerServer(this WebApplicationBuilder builder)
    {
        Endpoints.Configure(builder);
        // Read one by one by Endpoints.
        builder.Services.AddKnownSettings(new KnownSettings(KnownSettings.Root, null, ["RestUrls"]));
        builder.Services.AddKnownSettings(new KnownSettings(KnownSettings.Root + ":Tls", null, ["Certificate", "Key", "Password"]));
        // The console's static files (Blazor's script, its stylesheet) from the build output's manifest whatever the
        // environment (ASP.NET Core reads it in Development only); a published folder has them in wwwroot instead.
        builder.WebHost.UseStaticWebAssets();
        builder.AddMatchmakerObservability();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // gRPC's own limit (MaxReceiveMessageSize) must be the one a large message meets: it answers
            // RESOURCE_EXHAUSTED naming the size, where Kestrel's lower default body limit ends the call as UNKNOWN.
            kestrel.Limits.MaxRequestBodySize = MaxMessageBytes + (1024 * 1024);
        });
        var services = builder.Services;
        services.AddMatchmakerCore();
        services.AddMatchLists<V1.MatchList, MatchListFormat>();
        services.AddSingleton<Scheduling.IScheduleSolver>(_ => new Scheduling.OrTools.OrToolsScheduleSolver());
        services.AddGrpc(options =>
        {
            // A promoted model's files travel in one RegisterModel message (a 1,000-tree model is a few MB).
            options.MaxReceiveMessageSize = MaxMessageBytes;
            options.Interceptors.Add<ErrorInterceptor>();
            options.EnableDetailedErrors = false;
        });
        services.AddGrpcReflection();
        // REST/JSON for the portal's rpcs (google.api.http in the protos), with an OpenAPI document.
        // The error details the service packs (google.rpc.BadRequest, PreconditionFailure) must be known to write them as JSON.
        services.AddGrpc().AddJsonTranscoding(o => o.TypeRegistry = Google.Protobuf.Reflection.TypeRegistry.FromMessages(
            Google.Rpc.BadRequest.Descriptor, Google.Rpc.PreconditionFailure.Descriptor));
        services.AddGrpcSwagger();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new Microsoft.OpenApi.Models.OpenApiInfo { Title = "Matchmaker REST API", Version = "v1" });
            // Every path needs a key (header x-api-key) or a bearer token, as gRPC calls do.
            o.AddSecurityDefinition("ApiKey", new Microsoft.OpenApi.Models.OpenApiSecurityScheme
            {
                Type = Microsoft.OpenApi.Models.SecuritySchemeType.ApiKey,
                In = Microsoft.OpenApi.Models.ParameterLocation.Header,
                Name = "x-api-key",
                Description = "An API key from 'matchmaker keys create' (roles: portal, staff, data-scientist, admin)",
            });
            o.AddSecurityDefinition("Bearer", new Microsoft.OpenApi.Models.OpenApiSecurityScheme
            {
                Type = Microsoft.OpenApi.Models.SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A token from the agency's identity provider (Matchmaker:Auth:Jwt)",
            });
            Microsoft.OpenApi.Models.OpenApiSecurityScheme Reference(string id) =>
                new() { Reference = new Microsoft.OpenApi.Models.OpenApiReference { Type = Microsoft.OpenApi.Models.ReferenceType.SecurityScheme, Id = id } };
            o.AddSecurityRequirement(new Microsoft.OpenApi.Models.OpenApiSecurityRequirement { [Reference("ApiKey")] = [] });
            o.AddSecurityRequirement(new Microsoft.OpenApi.Models.OpenApiSecurityRequirement { [Reference("Bearer")] = [] });
        });
        services.AddMatchmakerSecurity();
        services.AddMatchmakerConsole();
        services.AddSingleton<Web.IConsoleSignIn, ConsoleSignIn>();
        services.AddHostedService<StartupReport>();
        services.AddSingleton(sp => new DemoData.DemoCliArguments(() => CliArguments(sp.GetRequiredService<ListenUrls>(), sp.GetRequiredService<Security.SecurityMode>())));
        // Answer Check from the live health checks, not from the publisher cache that reads "Unknown" for the first 5 s.
        services.AddGrpcHealthChecks(o => o.UseHealthChecksCache = false).AddCheck<StorageHealthCheck>("storage");
        return builder;
    }

    /// <summary>What the CLI must be told to reach this server: its gRPC URL when not the default, a key when keys are required.</summary>
    private static string CliArguments(ListenUrls listen, Security.SecurityMode mode)
    {
        var arguments = "";
        if (listen.Grpc.Count > 0)
        {
            var uri = Endpoints.ListenUri(listen.Grpc[0]);
            var host = uri.Host is "0.0.0.0" or "[::]" ? "localhost" : uri.Host;
            if (!(uri.Scheme == "http" && uri.Port == Endpoints.DefaultGrpcPort && uri.IsLoopback))
            {
                arguments += $" --server {uri.Scheme}://{host}:{uri.Port}";
            }
        }

        return mode.Development ? arguments : arguments + " --api-key KEY (keys are required here: matchmaker keys create NAME --role portal)";
    }

    public static WebApplication MapMatchmaker(this WebApplication app)
    {
        app.UseMatchmakerConsoleCultures();
        app.UseMatchmakerSecurity();
        app.UseMiddleware<RequestFrameCheck>();
        app.UseMiddleware<RestRequestCheck>();
        app.MapMatchmakerObservability();
        app.MapGrpcService<ProfileGrpcService>();
        app.MapGrpcService<MatchGrpcService>();
        app.MapGrpcService<ModelGrpcService>();
        app.MapGrpcService<EventGrpcService>();
        app.MapGrpcService<ReportGrpcService>();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        app.UseSwagger(o => o.RouteTemplate = "openapi/{documentName}.json");
        app.MapMatchmakerConsole();
        app.MapGet("/", (ListenUrls listen) =>
            $"Matchmaker. gRPC (HTTP/2) on {string.Join(", ", listen.Grpc)}: matchmaker.v1.ProfileService, MatchService, ModelService, EventService and ReportService, " +
            "with server reflection and grpc.health.v1. REST/JSON (HTTP/1.1) on " + (listen.Rest.Count > 0 ? string.Join(", ", listen.Rest) : "no port") +
            ": /v1/exporters/{id}, /v1/inquiries/{id}, /v1/inquiries/{id}/matches, /v1/feedback, /v1/reports/demand-gaps?from=…&to=… …; the OpenAPI document at /openapi/v1.json; metrics at /metrics; " +
            "the staff's web console at /console.\n");
        return app;
    }
}
