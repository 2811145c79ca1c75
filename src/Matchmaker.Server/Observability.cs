using Matchmaker.Index;
using Matchmaker.Store;
using Matchmaker.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Matchmaker.Server;

/// <summary>
/// <c>Matchmaker:Telemetry</c>: OpenTelemetry on the "Matchmaker" Meter and ActivitySource plus
/// ASP.NET Core's own (request duration per rpc route), a Prometheus scrape endpoint at /metrics, and
/// an OTLP exporter for traces, metrics and logs when an endpoint is set (<see cref="OtlpEndpoint"/>
/// or the standard OTEL_EXPORTER_OTLP_ENDPOINT). Log lines carry the trace and span ids.
/// </summary>
public sealed class TelemetryOptions
{
    public const string Section = "Matchmaker:Telemetry";

    /// <summary>Off: no OpenTelemetry at all (the load benchmark measures what it costs).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The OTLP collector, e.g. http://localhost:4317.</summary>
    public string? OtlpEndpoint { get; set; }

    public bool Prometheus { get; set; } = true;

    /// <summary>Where OTLP goes: <see cref="OtlpEndpoint"/>, else OTEL_EXPORTER_OTLP_ENDPOINT, else nowhere (null).</summary>
    public string? Otlp => OtlpEndpoint is { Length: > 0 } endpoint ? endpoint
        : Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT") is { Length: > 0 } fromEnvironment ? fromEnvironment
        : null;
}

internal static class Observability
{
    public static void AddMatchmakerObservability(this WebApplicationBuilder builder)
    {
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        builder.Services.AddValidatedOptions<TelemetryOptions>(TelemetryOptions.Section);
        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (!options.Enabled)
        {
            return;
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("matchmaker", serviceVersion: typeof(Observability).Assembly.GetName().Version?.ToString()))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(MatchmakerTelemetry.Name).AddAspNetCoreInstrumentation();
                if (options.Prometheus)
                {
                    metrics.AddPrometheusExporter();
                }
            })
            .WithTracing(tracing => tracing.AddSource(MatchmakerTelemetry.Name).AddAspNetCoreInstrumentation());
        if (options.Otlp is { } otlp)
        {
            telemetry.WithLogging().UseOtlpExporter(OpenTelemetry.Exporter.OtlpExportProtocol.Grpc, new Uri(otlp));
        }
    }

    public static void MapMatchmakerObservability(this WebApplication app)
    {
        var telemetry = app.Services.GetRequiredService<MatchmakerTelemetry>();
        var store = app.Services.GetRequiredService<IRecordStore>();
        var index = app.Services.GetRequiredService<SearchIndex>();
        telemetry.ObserveIndexLag(() => Math.Max(0, store.LastSequence - index.AppliedSequence));
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<TelemetryOptions>>().Value;
        if (options.Enabled && options.Prometheus)
        {
            app.MapPrometheusScrapingEndpoint("/metrics");
        }
    }
}
