using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Matchmaker.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace Matchmaker.Tests.Support;

/// <summary>
/// Sums of the "Matchmaker" meter's counters of one service (its own IMeterFactory scope, so
/// services of tests running beside it do not count), as dotnet-counters would show them.
/// </summary>
public sealed class MeterCounts : IDisposable
{
    private readonly ConcurrentDictionary<string, long> _counts = new();
    private readonly MeterListener _listener;

    public MeterCounts(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IMeterFactory>();
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == MatchmakerTelemetry.Name && instrument.Meter.Scope == factory)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => _counts.AddOrUpdate(instrument.Name, value, (_, n) => n + value));
        _listener.Start();
    }

    /// <summary>The counter's total so far (0 before its first measurement).</summary>
    public long this[string instrument] => _counts.GetValueOrDefault(instrument);

    public void Dispose() => _listener.Dispose();
}
