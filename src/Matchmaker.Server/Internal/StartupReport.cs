using Matchmaker.Caching;
using Microsoft.Extensions.Options;

namespace Matchmaker.Server.Internal;

/// <summary>At start: where the service listens, by protocol, and which match-list cache it uses.</summary>
internal sealed partial class StartupReport(ListenUrls listen, IOptions<CacheOptions> cache, IOptions<TelemetryOptions> telemetry, ILogger<StartupReport> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!logger.IsEnabled(LogLevel.Information))
        {
            return Task.CompletedTask;
        }

        var c = cache.Value;
        var choice = !c.Enabled ? "off (every list is computed)"
            : c.Redis.Length > 0 ? $"Redis at {c.Redis} (timeout {c.TimeoutMilliseconds} ms; lists are computed while it is down)"
            : $"in process, up to {c.InProcessMegabytes} MB (set Matchmaker:Cache:Redis to share one between servers)";
        Cache(logger, choice);
        var t = telemetry.Value;
        var grpc = string.Join(", ", listen.Grpc);
        var rest = listen.Rest.Count > 0 ? "on " + string.Join(", ", listen.Rest)
            : "off (set Matchmaker:RestUrls to serve them, the console and /metrics over plain HTTP/1.1)";
        var watched = !t.Enabled ? "off" : (t.Prometheus ? "Prometheus at /metrics" : "no scrape endpoint") + (t.Otlp is { } otlp ? $", OTLP to {otlp}" : "");
        Listening(logger, grpc, rest, watched);
        if (listen.Rest.Count > 0)
        {
            var console = listen.Rest[0].TrimEnd('/') + "/console";
            Console(logger, console);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "The staff's web console: {Url}")]
    private static partial void Console(ILogger logger, string url);

    [LoggerMessage(Level = LogLevel.Information, Message = "Match-list cache: {Cache}")]
    private static partial void Cache(ILogger logger, string cache);

    [LoggerMessage(Level = LogLevel.Information, Message = "gRPC (HTTP/2) on {Grpc}; REST/JSON and OpenAPI (HTTP/1.1) {Rest}; telemetry: {Telemetry}")]
    private static partial void Listening(ILogger logger, string grpc, string rest, string telemetry);
}
