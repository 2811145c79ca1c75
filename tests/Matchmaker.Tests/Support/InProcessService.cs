using Grpc.Net.Client;
using Matchmaker.V1;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Matchmaker.Tests.Support;

/// <summary>The whole service hosted in-process (real SQLite file, real Lucene index in a temp folder), reached through gRPC.</summary>
public sealed class InProcessService : IDisposable
{
    private readonly TempDirectory _data = new();
    private readonly WebApplicationFactory<Matchmaker.Server.Program> _factory;

    /// <param name="settings">Extra configuration, e.g. ("Matchmaker:Cache:Redis", "127.0.0.1:6379").</param>
    public InProcessService(params (string Key, string Value)[] settings)
        : this(null, settings)
    {
    }

    /// <param name="logs">Receives what the service logs.</param>
    /// <param name="settings">Extra configuration.</param>
    public InProcessService(CapturedLogs? logs, params (string Key, string Value)[] settings)
        : this(logs, null, settings)
    {
    }

    /// <param name="logs">Receives what the service logs.</param>
    /// <param name="services">Adds to the service's registrations (a fault-injecting follower, say).</param>
    /// <param name="settings">Extra configuration.</param>
    public InProcessService(CapturedLogs? logs, Action<IServiceCollection>? services, params (string Key, string Value)[] settings)
    {
        _factory = new WebApplicationFactory<Matchmaker.Server.Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Matchmaker:DataDirectory", _data.Path)
                .UseSetting("Matchmaker:DemoData:SeedWhenEmpty", "false")
                .UseSetting("Matchmaker:ActivateShippedModel", "false");
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }

            if (logs is not null)
            {
                b.ConfigureLogging(l => l.AddProvider(logs));
            }

            if (services is not null)
            {
                b.ConfigureServices(services);
            }
        });
        Channel = GrpcChannel.ForAddress(_factory.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = _factory.Server.CreateHandler() });
        Profiles = new ProfileService.ProfileServiceClient(Channel);
        Matches = new MatchService.MatchServiceClient(Channel);
        Models = new ModelService.ModelServiceClient(Channel);
        Events = new EventService.EventServiceClient(Channel);
    }

    public EventService.EventServiceClient Events { get; }

    public ModelService.ModelServiceClient Models { get; }

    public string DataDirectory => _data.Path;

    public GrpcChannel Channel { get; }

    public ProfileService.ProfileServiceClient Profiles { get; }

    public MatchService.MatchServiceClient Matches { get; }

    public IServiceProvider Services => _factory.Services;

    /// <summary>A channel whose every call carries <paramref name="headers"/> (x-api-key, authorization, …).</summary>
    public GrpcChannel ChannelWith(params (string Name, string Value)[] headers) =>
        GrpcChannel.ForAddress(_factory.Server.BaseAddress, new GrpcChannelOptions
        {
            HttpHandler = new HeaderHandler(headers) { InnerHandler = _factory.Server.CreateHandler() },
        });

    /// <summary>An HTTP/1.1 client on the in-process server (REST, metrics).</summary>
    public HttpClient HttpClient() => _factory.CreateClient();

    public void Dispose()
    {
        Channel.Dispose();
        _factory.Dispose();
        _data.Dispose();
    }

    private sealed class HeaderHandler((string Name, string Value)[] headers) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            foreach (var (name, value) in headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
