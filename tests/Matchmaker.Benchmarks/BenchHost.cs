using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Google.Protobuf;
using Grpc.Core;
using Matchmaker.Benchmarks.Bench;
using Matchmaker.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Matchmaker.Benchmarks;

/// <summary>The real service on Kestrel over a loopback socket, plus the benchmark's empty rpc.</summary>
internal static class BenchHost
{
    public static async Task<(WebApplication App, string Url, string Data)> StartAsync(params string[] settings)
    {
        var data = Path.Combine(Path.GetTempPath(), "matchmaker-bench-" + Guid.NewGuid().ToString("N"));
        var url = $"http://127.0.0.1:{FreePort()}";
        // The server's name: the staff console maps the static assets of the application so named (its manifest is copied beside the benchmark).
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = "Matchmaker.Server",
            Args = ["--urls", url, "--Matchmaker:DataDirectory", data, "--Matchmaker:DemoData:SeedWhenEmpty", "false", .. settings],
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddMatchmakerServer();
        var app = builder.Build();
        app.MapMatchmaker();
        app.MapGrpcService<EmptyService>();
        await app.StartAsync();
        return (app, url, data);
    }

    /// <summary>Captures a statistics epoch now (forced, so the time printed is that of a whole capture): timed calls then run on the imported data's statistics.</summary>
    /// <returns>The capture's milliseconds.</returns>
    public static double RefreshStatistics(WebApplication app)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var epoch = app.Services.GetRequiredService<Matchmaker.Features.StatisticsEpochs>().Refresh(force: true);
        var milliseconds = clock.Elapsed.TotalMilliseconds;
        Console.WriteLine(System.FormattableString.Invariant(
            $"statistics epoch {epoch.Id} captured in {milliseconds:0} ms ({epoch.Text.TermCount:N0} text terms, {epoch.ProductSpace.FirmCount:N0} firms in the product space); profile writes waited {epoch.WritesHeldFor.TotalMilliseconds:0.0} ms of it"));
        return milliseconds;
    }

    public static async Task StopAsync(WebApplication app, string data)
    {
        await app.StopAsync();
        await app.DisposeAsync();
        Directory.Delete(data, recursive: true);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The Redis the Relay rpc reads (set by the cache benchmark).</summary>
    public static StackExchange.Redis.IDatabase? RelayDatabase { get; set; }

    private sealed class EmptyService : Floor.FloorBase
    {
        private static readonly ConcurrentDictionary<int, ByteString> Payloads = new();

        public override Task<EmptyReply> Empty(EmptyRequest request, ServerCallContext context) => Task.FromResult(new EmptyReply());

        public override Task<PayloadReply> Payload(PayloadRequest request, ServerCallContext context) =>
            Task.FromResult(new PayloadReply { Data = Payloads.GetOrAdd(request.Size, n => ByteString.CopyFrom(new byte[n])) });

        public override async Task<PayloadReply> Relay(RelayRequest request, ServerCallContext context)
        {
            var value = await RelayDatabase!.StringGetAsync(request.Key);
            return new PayloadReply { Data = UnsafeByteOperations.UnsafeWrap((byte[])value!) };
        }
    }
}
