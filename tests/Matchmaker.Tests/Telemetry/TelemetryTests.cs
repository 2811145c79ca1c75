using System.Collections.Concurrent;
using System.Diagnostics;
using Matchmaker.Telemetry;
using Matchmaker.Tests.Support;
using Matchmaker.V1;
using Microsoft.Extensions.DependencyInjection;

namespace Matchmaker.Tests.Telemetry;

/// <summary>What an operator watching the "Matchmaker" meter and activity source sees.</summary>
[Collection(ProcessWideListeners.Name)]
public sealed class TelemetryTests : IDisposable
{
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ActivityListener _activities;
    private readonly InProcessService _service = new();
    private readonly MeterCounts _counts;

    public TelemetryTests()
    {
        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == MatchmakerTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_activities);
        _counts = new MeterCounts(_service.Services);
    }

    [Fact]
    public async Task Imports_and_match_lists_are_traced_and_the_training_log_counts_the_lists_it_keeps()
    {
        using (var import = _service.Profiles.ImportExporters())
        {
            foreach (var exporter in new[] { Samples.Exporter("EXP-T1"), Samples.Exporter("EXP-T2"), Samples.Exporter("EXP-T3", "12345") })
            {
                await import.RequestStream.WriteAsync(exporter);
            }

            await import.RequestStream.CompleteAsync();
            await import;
        }

        await _service.Profiles.UpsertInquiryAsync(new UpsertInquiryRequest { Inquiry = Samples.Inquiry("Q-TRACED") });
        var first = await _service.Matches.MatchInquiryAsync(new MatchInquiryRequest { InquiryId = "Q-TRACED" });
        var second = await _service.Matches.MatchInquiryAsync(new MatchInquiryRequest { InquiryId = "Q-TRACED" });

        var importSpan = Assert.Single(_spans, s => s.OperationName == "import" && Tag(s, "matchmaker.import") == "exporters");
        Assert.Equal(("2", "1"), (Tag(importSpan, "matchmaker.imported"), Tag(importSpan, "matchmaker.failed")));
        var matches = _spans.Where(s => s.OperationName == "match" && Tag(s, "matchmaker.id") == "Q-TRACED").ToList();
        Assert.Equal([("False", first.ModelVersion), ("True", null)], matches.Select(s => (Tag(s, "matchmaker.from_cache"), Tag(s, "matchmaker.model"))));
        Assert.True(second.FromCache);
        Assert.Contains(_spans, s => s.OperationName == "statistics.capture");
        // The computed list reaches the training log (written off the request path), the cached one is not logged again.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (_counts["matchmaker.training_log.lists_written"] < 1 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(1, _counts["matchmaker.training_log.lists_written"]);
        Assert.Equal(0, _counts["matchmaker.training_log.lists_dropped"]);
        Assert.Equal((1, 1), (_counts["matchmaker.cache.hits"], _counts["matchmaker.cache.misses"]));
    }

    public void Dispose()
    {
        _counts.Dispose();
        _activities.Dispose();
        _service.Dispose();
    }

    private static string? Tag(Activity span, string name) => span.GetTagItem(name)?.ToString();
}
