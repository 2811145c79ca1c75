using System.Globalization;
using System.Text;
using Matchmaker.DemoData;
using Matchmaker.Mapping;
using Matchmaker.Tests.Support;
using Matchmaker.V1;
using Microsoft.Extensions.DependencyInjection;

namespace Matchmaker.Tests.Matching;

/// <summary>
/// Speed work must not change what users get: on a fixed demo data set at a fixed time, every
/// MatchInquiry and MatchExporter list (ids, ranks, scores to 6 decimals, the features given as reasons,
/// candidates considered) equals the one recorded in <c>golden-lists.txt</c> before the match path was made faster.
/// A change that is meant to alter lists regenerates the file with MATCHMAKER_WRITE_GOLDEN=1 and says so in its commit.
/// </summary>
public sealed class ListStabilityTests
{
    private static readonly DateTimeOffset AsOf = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Match_lists_on_a_fixed_data_set_are_those_recorded_before_the_speed_work()
    {
        var actual = await ComputeLists();
        var path = Path.Combine(RepoPaths.Root, "tests", "Matchmaker.Tests", "Matching", "golden-lists.txt");
        if (Environment.GetEnvironmentVariable("MATCHMAKER_WRITE_GOLDEN") == "1")
        {
            await File.WriteAllTextAsync(path, actual);
        }

        var expected = (await File.ReadAllTextAsync(path)).Split('\n');
        var lines = actual.Split('\n');
        var first = Enumerable.Range(0, Math.Min(expected.Length, lines.Length)).FirstOrDefault(i => expected[i] != lines[i], -1);
        Assert.True(first < 0 && expected.Length == lines.Length,
            first < 0 ? $"{lines.Length} lines, {expected.Length} expected" : $"line {first + 1} differs:\nexpected {expected[first]}\nactual   {lines[first]}");
    }

    private static async Task<string> ComputeLists()
    {
        using var service = new InProcessService(null, s => s.AddSingleton<TimeProvider>(new FixedClock(AsOf)));
        var generator = new DemoDataGenerator(2026, AsOf);
        var exporters = generator.Exporters(3_000).Select(e => e.ToProto()).ToList();
        var inquiries = generator.Inquiries(400).Select(q => q.ToProto()).ToList();
        await Import(service.Profiles.ImportExporters(), exporters);
        await Import(service.Profiles.ImportInquiries(), inquiries);
        service.Services.GetRequiredService<Matchmaker.Features.StatisticsEpochs>().Refresh(force: true);

        var text = new StringBuilder();
        for (var i = 0; i < inquiries.Count; i += 2)
        {
            // Now and then a long list: its candidates beyond the first 200 are ranked after them.
            var topK = i % 40 == 0 ? 300 : 20;
            Write(text, $"inquiry {inquiries[i].Id} top {topK}",
                await service.Matches.MatchInquiryAsync(new MatchInquiryRequest { InquiryId = inquiries[i].Id, TopK = topK }));
        }

        for (var i = 0; i < exporters.Count; i += 15)
        {
            Write(text, $"exporter {exporters[i].Id} top 20",
                await service.Matches.MatchExporterAsync(new MatchExporterRequest { ExporterId = exporters[i].Id, TopK = 20 }));
        }

        return text.ToString();
    }

    private static void Write(StringBuilder text, string title, MatchList list)
    {
        text.Append(CultureInfo.InvariantCulture, $"{title}: {list.CandidatesConsidered} candidates, {list.Matches.Count} matches\n");
        foreach (var m in list.Matches)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{m.Rank} {m.ExporterId}{m.InquiryId} {m.Score:0.000000} {string.Join(',', m.Reasons.Select(r => r.Feature[..2]))}\n");
        }
    }

    private static async Task Import<T>(Grpc.Core.AsyncClientStreamingCall<T, ImportSummary> call, IEnumerable<T> messages) =>
        Assert.Equal(0, (await call.ImportAsync(messages)).Failed);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
