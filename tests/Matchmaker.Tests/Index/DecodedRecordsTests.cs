using Matchmaker.Index;
using Matchmaker.Tests.Support;
using Matchmaker.V1;
using Microsoft.Extensions.DependencyInjection;

namespace Matchmaker.Tests.Index;

/// <summary>Matching keeps decoded records per index segment: never a stale version, never more than allowed.</summary>
public sealed class DecodedRecordsTests
{
    [Fact]
    public async Task A_record_changed_after_it_was_matched_is_matched_in_its_new_version()
    {
        using var service = new InProcessService();
        await service.Profiles.UpsertExporterAsync(new UpsertExporterRequest { Exporter = Samples.Exporter("EXP-1") });
        var before = await Match(service);
        var changed = Samples.Exporter("EXP-1");
        changed.Name = "Renamed Fisheries";
        await service.Profiles.UpsertExporterAsync(new UpsertExporterRequest { Exporter = changed });

        var after = await Match(service);

        Assert.NotEqual("Renamed Fisheries", before.Matches[0].DisplayName);
        Assert.Equal("Renamed Fisheries", after.Matches[0].DisplayName);
    }

    [Fact]
    public async Task At_most_the_configured_number_are_kept_and_lists_are_the_same_with_none_kept()
    {
        using var bounded = new InProcessService(("Matchmaker:IndexDecodedRecords", "3"));
        using var none = new InProcessService(("Matchmaker:IndexDecodedRecords", "0"));
        foreach (var service in new[] { bounded, none })
        {
            for (var i = 0; i < 10; i++)
            {
                await service.Profiles.UpsertExporterAsync(new UpsertExporterRequest { Exporter = Samples.Exporter($"EXP-{i}") });
            }
        }

        var kept = await Match(bounded);
        var decoded = await Match(none);

        Assert.Equal(10, kept.Matches.Count);
        Assert.Equal(decoded.Matches.Select(m => (m.ExporterId, m.Score)), kept.Matches.Select(m => (m.ExporterId, m.Score)));
        Assert.Equal(3, bounded.Services.GetRequiredService<SearchIndex>().Exporters.Kept);
        Assert.Equal(0, none.Services.GetRequiredService<SearchIndex>().Exporters.Kept);
    }

    [Theory]
    [InlineData(null, 60, 7)]
    [InlineData("25", 25, 7)]
    public async Task An_import_leaves_its_records_decoded_before_any_match_within_the_capacity(string? capacity, int exporters, int inquiries)
    {
        using var service = capacity is null ? new InProcessService() : new InProcessService(("Matchmaker:IndexDecodedRecords", capacity));
        await ImportExporters(service, 60);
        using (var import = service.Profiles.ImportInquiries())
        {
            for (var i = 0; i < 7; i++)
            {
                await import.RequestStream.WriteAsync(Samples.Inquiry($"Q-{i}"));
            }

            await import.RequestStream.CompleteAsync();
            await import;
        }

        // The import started the warm-up: no match was asked for.
        var index = service.Services.GetRequiredService<SearchIndex>();
        await Kept(index, exporters, inquiries, TimeSpan.FromSeconds(30));

        Assert.Equal(exporters, index.Exporters.Kept);
        Assert.Equal(inquiries, index.Inquiries.Kept);
    }

    [Fact]
    public async Task An_import_into_a_warm_index_is_decoded_after_it_ends_not_while_it_runs()
    {
        using var service = new InProcessService();
        var index = service.Services.GetRequiredService<SearchIndex>();
        await ImportExporters(service, 60);
        await Kept(index, 60, 0, TimeSpan.FromSeconds(30));

        // The first import's warm-up is still looking (every 2 s) when the second one streams
        // profiles for about 6 s: its batches become visible, and stay undecoded until it ends.
        long visibleDuring, keptDuring;
        using (var import = service.Profiles.ImportExporters())
        {
            for (var chunk = 0; chunk < 48; chunk++)
            {
                for (var i = 0; i < 256; i++)
                {
                    await import.RequestStream.WriteAsync(Samples.Exporter($"BULK-{chunk}-{i}"));
                }

                await Task.Delay(125);
            }

            visibleDuring = index.Search(searcher => searcher.IndexReader.NumDocs);
            keptDuring = index.Exporters.Kept;
            await import.RequestStream.CompleteAsync();
            await import;
        }

        await Kept(index, 60 + (48 * 256), 0, TimeSpan.FromSeconds(60));

        // A segment merged away leaves the count when it is collected (its records are decoded again in the merged
        // one): once the old readers are released and collected, every exporter is counted once.
        var settled = DateTime.UtcNow.AddSeconds(30);
        while (index.Exporters.Kept != 60 + (48 * 256) && DateTime.UtcNow < settled)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            await Task.Delay(100);
        }

        Assert.True(visibleDuring >= 8_000, $"{visibleDuring} profiles visible during the import");
        Assert.Equal(60, keptDuring);
        Assert.Equal(60 + (48 * 256), index.Exporters.Kept);
    }

    /// <summary>Waits until the warm-up has decoded this many exporters and inquiries, or the time is up (the caller asserts).</summary>
    private static async Task Kept(SearchIndex index, long exporters, long inquiries, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while ((index.Exporters.Kept < exporters || index.Inquiries.Kept < inquiries) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
    }

    private static Task<ImportSummary> ImportExporters(InProcessService service, int count) =>
        service.Profiles.ImportExporters().ImportAsync(Enumerable.Range(0, count).Select(i => Samples.Exporter($"EXP-{i}")));

    private static async Task<MatchList> Match(InProcessService service) =>
        await service.Matches.MatchInquiryAsync(new MatchInquiryRequest { Inquiry = Samples.Inquiry("Q"), TopK = 20 });
}
