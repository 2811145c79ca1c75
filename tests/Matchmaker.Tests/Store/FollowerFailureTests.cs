using Grpc.Health.V1;
using Matchmaker.Profiles;
using Matchmaker.Store;
using Matchmaker.Tests.Support;
using Matchmaker.V1;
using Microsoft.Extensions.DependencyInjection;

namespace Matchmaker.Tests.Store;

/// <summary>
/// A follower of the change log (the index, say) that fails after a write was stored: the write is
/// acknowledged as stored, replies say the service is degraded, health is NOT_SERVING, and the
/// follower catches up from the change log once it works again, without a restart.
/// </summary>
public sealed class FollowerFailureTests
{
    [Fact]
    public async Task A_failing_follower_turns_health_to_not_serving_and_catches_up_from_the_change_log_without_a_restart()
    {
        var flaky = new FlakyFollower();
        var logs = new CapturedLogs();
        using var service = new InProcessService(logs, s => s.AddSingleton(flaky).AddChangeFollower<FlakyFollower>());
        var health = new Health.HealthClient(service.Channel);
        await service.Profiles.UpsertExporterAsync(new UpsertExporterRequest { Exporter = Samples.Exporter("EXP-1") });
        Assert.Equal(["EXP-1"], flaky.Seen);

        flaky.Broken = true;
        using var call = service.Profiles.UpsertExporterAsync(new UpsertExporterRequest { Exporter = Samples.Exporter("EXP-2") });
        var reply = await call.ResponseAsync;
        Assert.Equal(1, reply.Exporter.Version);
        Assert.Contains("catching up", call.GetTrailers().GetValue("matchmaker-degraded"), StringComparison.Ordinal);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, (await health.CheckAsync(new HealthCheckRequest())).Status);
        // The store has it, and what the other followers serve does too.
        Assert.Equal("EXP-2", (await service.Profiles.GetExporterAsync(new GetExporterRequest { Id = "EXP-2" })).Id);
        var list = await service.Matches.MatchInquiryAsync(new MatchInquiryRequest { Inquiry = Samples.Inquiry("", "030367") });
        Assert.Contains(list.Matches, m => m.ExporterId == "EXP-2");

        flaky.Broken = false;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await health.CheckAsync(new HealthCheckRequest())).Status != HealthCheckResponse.Types.ServingStatus.Serving && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest())).Status);
        Assert.Equal(["EXP-1", "EXP-2"], flaky.Seen);
        using var after = service.Profiles.UpsertExporterAsync(new UpsertExporterRequest { Exporter = Samples.Exporter("EXP-3") });
        await after.ResponseAsync;
        Assert.Null(after.GetTrailers().GetValue("matchmaker-degraded"));
        Assert.Equal(["EXP-1", "EXP-2", "EXP-3"], flaky.Seen);
        Assert.Contains(logs.Entries, e => e.Message.Contains("failed after a stored write", StringComparison.Ordinal));
        Assert.Contains(logs.Entries, e => e.Message.Contains("has caught up", StringComparison.Ordinal));
    }

    /// <summary>Follows exporters like the index does (replayed after the last sequence it reached), failing on demand.</summary>
    private sealed class FlakyFollower : IChangeFollower<Exporter>
    {
        private readonly List<string> _seen = [];
        private long _reached;

        public volatile bool Broken;

        public List<string> Seen
        {
            get
            {
                lock (_seen)
                {
                    return [.. _seen];
                }
            }
        }

        public long ReplayAfter => Interlocked.Read(ref _reached);

        public void Follow(Change<Exporter> change)
        {
            if (Broken)
            {
                throw new IOException("No space left on device");
            }

            lock (_seen)
            {
                _seen.Remove(change.Record.Id);
                _seen.Add(change.Record.Id);
            }
        }

        public void Reached(long sequence) => Interlocked.Exchange(ref _reached, sequence);
    }
}
