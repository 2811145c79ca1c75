using Grpc.Core;
using Matchmaker.Tests.Support;
using Matchmaker.V1;

namespace Matchmaker.Tests.Store;

/// <summary>Optimistic concurrency: expected_version guards every write; a conflict is FAILED_PRECONDITION and changes nothing.</summary>
public sealed class ConcurrencyTests : IDisposable
{
    private readonly InProcessService _service = new();

    [Fact]
    public async Task Writes_honour_the_expected_version()
    {
        var profiles = _service.Profiles;
        var created = await profiles.UpsertExporterAsync(new UpsertExporterRequest { Exporter = Samples.Exporter("EXP-1"), ExpectedVersion = 0 });
        Assert.Equal(1, created.Exporter.Version);

        // "0" means "must not exist yet": a second create loses.
        var twice = await Assert.ThrowsAsync<RpcException>(() => profiles.UpsertExporterAsync(new UpsertExporterRequest { Exporter = Samples.Exporter("EXP-1"), ExpectedVersion = 0 }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, twice.StatusCode);

        var renamed = Samples.Exporter("EXP-1");
        renamed.Name = "Renamed";
        var updated = await profiles.UpsertExporterAsync(new UpsertExporterRequest { Exporter = renamed, ExpectedVersion = 1 });
        Assert.Equal(2, updated.Exporter.Version);
        Assert.True(updated.Sequence > created.Sequence);

        var stale = Samples.Exporter("EXP-1");
        stale.Name = "Stale write";
        var conflict = await Assert.ThrowsAsync<RpcException>(() => profiles.UpsertExporterAsync(new UpsertExporterRequest { Exporter = stale, ExpectedVersion = 1 }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, conflict.StatusCode);
        Assert.Contains("version 2", conflict.Status.Detail, StringComparison.Ordinal);

        var stored = await profiles.GetExporterAsync(new GetExporterRequest { Id = "EXP-1" });
        Assert.Equal(("Renamed", 2L), (stored.Name, stored.Version));

        var staleDelete = await Assert.ThrowsAsync<RpcException>(() => profiles.DeleteExporterAsync(new DeleteExporterRequest { Id = "EXP-1", ExpectedVersion = 1 }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, staleDelete.StatusCode);
        await profiles.GetExporterAsync(new GetExporterRequest { Id = "EXP-1" });
    }

    [Fact]
    public async Task Without_an_expected_version_the_last_write_wins_and_versions_keep_rising()
    {
        var profiles = _service.Profiles;
        for (var i = 0; i < 3; i++)
        {
            var exporter = Samples.Exporter("EXP-1");
            exporter.Employees = 10 + i; // a write that changes nothing makes no version (below)
            await profiles.UpsertExporterAsync(new UpsertExporterRequest { Exporter = exporter });
        }

        var deleted = await profiles.DeleteExporterAsync(new DeleteExporterRequest { Id = "EXP-1", ExpectedVersion = 3 });
        Assert.Equal(4, deleted.Version);

        // Re-created after a delete: the version continues, so (id, version) never names two states.
        var again = await profiles.UpsertExporterAsync(new UpsertExporterRequest { Exporter = Samples.Exporter("EXP-1"), ExpectedVersion = 0 });
        Assert.Equal(5, again.Exporter.Version);
    }

    [Fact]
    public async Task Concurrent_writers_with_the_same_expected_version_one_wins()
    {
        await _service.Profiles.UpsertInquiryAsync(new UpsertInquiryRequest { Inquiry = Samples.Inquiry("INQ-1") });
        var attempts = Enumerable.Range(0, 8).Select(async i =>
        {
            var q = Samples.Inquiry("INQ-1");
            q.Title = $"writer {i}";
            try
            {
                await _service.Profiles.UpsertInquiryAsync(new UpsertInquiryRequest { Inquiry = q, ExpectedVersion = 1 });
                return true;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition)
            {
                return false;
            }
        });

        var results = await Task.WhenAll(attempts);

        Assert.Equal(1, results.Count(won => won));
        Assert.Equal(2, (await _service.Profiles.GetInquiryAsync(new GetInquiryRequest { Id = "INQ-1" })).Version);
    }

    [Fact]
    public async Task Closing_an_unknown_inquiry_is_not_found()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => _service.Profiles.CloseInquiryAsync(new CloseInquiryRequest { Id = "nope" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, e.StatusCode);
    }

    [Fact]
    public async Task Closing_a_closed_inquiry_changes_nothing_and_a_stale_version_is_still_refused()
    {
        await _service.Profiles.UpsertInquiryAsync(new UpsertInquiryRequest { Inquiry = Samples.Inquiry("INQ-C") });
        var closed = await _service.Profiles.CloseInquiryAsync(new CloseInquiryRequest { Id = "INQ-C" });
        Assert.Equal(2, closed.Inquiry.Version);

        var again = await _service.Profiles.CloseInquiryAsync(new CloseInquiryRequest { Id = "INQ-C" });
        Assert.Equal(2, again.Inquiry.Version);
        Assert.Equal(InquiryStatus.Closed, again.Inquiry.Status);
        Assert.Equal(2, (await _service.Profiles.GetInquiryAsync(new GetInquiryRequest { Id = "INQ-C" })).Version);

        var stale = await Assert.ThrowsAsync<RpcException>(() =>
            _service.Profiles.CloseInquiryAsync(new CloseInquiryRequest { Id = "INQ-C", ExpectedVersion = 1 }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, stale.StatusCode);
    }

    public void Dispose() => _service.Dispose();
}
