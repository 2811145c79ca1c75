using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Matchmaker.Hosting;

/// <summary>
/// Core without a server: the same registrations (<see cref="MatchmakerCoreServiceCollectionExtensions.AddMatchmakerCore"/>)
/// and the same start-up work as the service, over one data directory, in this process. The
/// simulator and the tests use it instead of wiring engines by hand.
/// </summary>
public sealed class MatchmakerEngine : IDisposable
{
    private readonly IHost _host;

    private MatchmakerEngine(IHost host)
    {
        _host = host;
    }

    public IServiceProvider Services => _host.Services;

    /// <summary>Starts the engine on <paramref name="dataDirectory"/>.</summary>
    /// <param name="settings">Configuration on top of the defaults, e.g. ("Matchmaker:ActivateShippedModel", "false").</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">A setting is out of range.</exception>
    public static MatchmakerEngine Start(string dataDirectory, params (string Key, string? Value)[] settings) =>
        Start(dataDirectory, configure: null, settings);

    /// <inheritdoc cref="Start(string, ValueTuple{string, string}[])"/>
    /// <param name="configure">More registrations after Core's (a record kind and its followers, say).</param>
    public static MatchmakerEngine Start(string dataDirectory, Action<IServiceCollection>? configure, params (string Key, string? Value)[] settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        // The settings come after the data directory, so they may override it (a later source wins).
        builder.Configuration.AddInMemoryCollection([new("Matchmaker:DataDirectory", dataDirectory)]);
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.Services.AddMatchmakerCore();
        configure?.Invoke(builder.Services);
        var host = builder.Build();
        try
        {
            host.StartAsync().GetAwaiter().GetResult();
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new MatchmakerEngine(host);
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public void Dispose()
    {
        _host.StopAsync().GetAwaiter().GetResult();
        _host.Dispose();
    }
}
