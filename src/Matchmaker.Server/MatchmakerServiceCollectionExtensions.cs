using Matchmaker.Caching;
using Matchmaker.Features;
using Matchmaker.Feedback;
using Matchmaker.Index;
using Matchmaker.Matching;
using Matchmaker.Profiles;
using Matchmaker.Ranking;
using Matchmaker.Server.Internal;
using Matchmaker.Server.Services;
using Matchmaker.Store;
using Matchmaker.Training;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Matchmaker.Server;

public static class MatchmakerServiceCollectionExtensions
{
    public const string DefaultUrl = "http://localhost:5080";

    /// <summary>
    /// Plain-text gRPC needs HTTP/2 with prior knowledge on every endpoint, so that is set in code,
    /// not left to an appsettings.json that a binary started from another folder would not find.
    /// </summary>
    public static WebApplicationBuilder AddMatchmakerHost(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(endpoint => endpoint.Protocols = HttpProtocols.Http2));
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        return builder;
    }

    /// <summary>Record store, index, matcher, gRPC with reflection and health, and the start-up work.</summary>
    public static IServiceCollection AddMatchmaker(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MatchmakerOptions>()
            .BindConfiguration(MatchmakerOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IRecordStore>(sp =>
            new SqliteRecordStore(sp.GetRequiredService<IOptions<MatchmakerOptions>>().Value.StorePath, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<MatchmakerOptions>>().Value;
            return new SearchIndex(options.IndexPath, sp.GetRequiredService<ILoggerFactory>().CreateLogger<SearchIndex>(),
                commitInterval: TimeSpan.FromSeconds(options.IndexCommitIntervalSeconds));
        });
        services.AddSingleton<ProductSpace>();
        services.AddSingleton<ProfileCatalog>();
        services.AddMatchmakerRanking();
        services.AddMatchmakerCache();
        services.AddHostedService<StartupWork>();
        services.AddHostedService<ServedLogMaintenance>();

        services.AddGrpc(options =>
        {
            // A promoted model's files travel in one RegisterModel message (a 1,000-tree model is a few MB).
            options.MaxReceiveMessageSize = 64 * 1024 * 1024;
            options.Interceptors.Add<ErrorInterceptor>();
            options.EnableDetailedErrors = false;
        });
        services.AddGrpcReflection();
        // Answer Check from the live health checks, not from the publisher cache that reads "Unknown" for the first 5 s.
        services.AddGrpcHealthChecks(o => o.UseHealthChecksCache = false).AddCheck<StorageHealthCheck>("storage");
        return services;
    }

    /// <summary>Features, feedback, the model registry and active model, the served-feature log, the matcher.</summary>
    public static IServiceCollection AddMatchmakerRanking(this IServiceCollection services)
    {
        services.AddSingleton<FeedbackLedger>();
        services.AddSingleton(sp => new FeedbackRecorder(sp.GetRequiredService<IRecordStore>(), sp.GetRequiredService<FeedbackLedger>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new FeatureExtractor(sp.GetRequiredService<ProductSpace>(), sp.GetRequiredService<FeedbackLedger>()));
        services.AddSingleton(sp => new StatisticsEpochs(sp.GetRequiredService<ProfileCatalog>(), sp.GetRequiredService<FeedbackLedger>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new ModelRegistry(sp.GetRequiredService<IOptions<MatchmakerOptions>>().Value.ModelsPath));
        services.AddSingleton<ActiveModel>();
        services.AddSingleton(sp => new ServedLog(sp.GetRequiredService<IOptions<MatchmakerOptions>>().Value.ServedLogPath));
        services.AddSingleton(sp => new Matcher(sp.GetRequiredService<SearchIndex>(), sp.GetRequiredService<StatisticsEpochs>(),
            sp.GetRequiredService<FeatureExtractor>(), sp.GetRequiredService<ActiveModel>(), sp.GetRequiredService<ServedLog>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<TrainingDataExporter>();
        return services;
    }

    /// <summary>
    /// The match-list cache: Redis when Matchmaker:Cache:Redis is set, in-process otherwise, fed by the
    /// change log through a dependency tracker. Disabled (Enabled=false): every list is computed.
    /// </summary>
    public static IServiceCollection AddMatchmakerCache(this IServiceCollection services)
    {
        services.AddSingleton(sp => new CacheMetrics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.AddSingleton(sp =>
        {
            var tracker = new DependencyTracker();
            // Attach first, then open at the current sequence: a write in between is both marked and below the floor.
            sp.GetRequiredService<ProfileCatalog>().Changing += tracker.Follow;
            tracker.Open(sp.GetRequiredService<IRecordStore>().LastSequence);
            return tracker;
        });
        services.AddSingleton<IMatchListStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<MatchmakerOptions>>().Value.Cache;
            return options.Redis.Length > 0
                ? new RedisMatchListStore(options.Redis, TimeSpan.FromMilliseconds(options.TimeoutMilliseconds), sp.GetRequiredService<CacheMetrics>(),
                    sp.GetRequiredService<ILoggerFactory>().CreateLogger<RedisMatchListStore>(), sp.GetRequiredService<TimeProvider>())
                : new InProcessMatchListStore(options.InProcessMegabytes * 1024L * 1024, sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton(sp => new MatchListCache(sp.GetRequiredService<IMatchListStore>(), sp.GetRequiredService<DependencyTracker>(),
            sp.GetRequiredService<CacheMetrics>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new CachedLists(
            sp.GetRequiredService<IOptions<MatchmakerOptions>>().Value.Cache.Enabled ? sp.GetRequiredService<MatchListCache>() : null,
            new MatchListKeys(sp.GetRequiredService<IRecordStore>().StoreId), sp.GetRequiredService<ProfileCatalog>(),
            sp.GetRequiredService<Matcher>(), sp.GetRequiredService<ActiveModel>(), sp.GetRequiredService<StatisticsEpochs>()));
        return services;
    }

    public static WebApplication MapMatchmaker(this WebApplication app)
    {
        app.MapGrpcService<ProfileGrpcService>();
        app.MapGrpcService<MatchGrpcService>();
        app.MapGrpcService<ModelGrpcService>();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        app.MapGet("/", () => "Matchmaker speaks gRPC (HTTP/2) here: services matchmaker.v1.ProfileService, matchmaker.v1.MatchService and matchmaker.v1.ModelService, with server reflection and grpc.health.v1.");
        return app;
    }
}
