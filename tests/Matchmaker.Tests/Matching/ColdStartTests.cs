using Google.Protobuf.WellKnownTypes;
using Matchmaker.Features;
using Matchmaker.Ranking;
using Matchmaker.Training;
using Matchmaker.Tests.Support;
using Matchmaker.V1;
using Microsoft.Extensions.DependencyInjection;
using TrainingExample = Matchmaker.TrainingData.TrainingExample;

namespace Matchmaker.Tests.Matching;

/// <summary>
/// A newcomer with no history is scored as an average exporter, not a bad one: its history
/// features are the population's rates, so a perfect fit is not buried under established exporters,
/// even by a model that has learned to reward a good record strongly.
/// </summary>
public sealed class ColdStartTests
{
    [Theory]
    [InlineData(true)]  // a learned model that rewards a good record strongly
    [InlineData(false)] // the baseline formula (what a fresh install ranks with)
    public async Task A_perfect_fit_newcomer_among_well_established_average_exporters_ranks_in_the_top_3(bool learned)
    {
        using var dir = new TempDirectory();
        using var service = new InProcessService();
        if (learned)
        {
            var active = service.Services.GetRequiredService<ActiveModel>();
            active.Registry.RegisterDirectory(HistoryMinded(Path.Combine(dir.Path, "history-minded")));
            active.Activate("history-minded");
        }

        // 20 established exporters: the right product and market, half the certifications the buyer requires.
        for (var i = 0; i < 20; i++)
        {
            var established = Samples.Exporter($"EXP-OLD-{i:D2}");
            established.Certifications.Clear();
            established.Certifications.Add("HACCP");
            await service.Profiles.UpsertExporterAsync(new UpsertExporterRequest { Exporter = established });
        }

        // The newcomer: the same product, every required certification, the buyer's market; no history at all.
        var newcomer = Samples.Exporter("EXP-NEW");
        newcomer.Certifications.Add("MSC");
        await service.Profiles.UpsertExporterAsync(new UpsertExporterRequest { Exporter = newcomer });

        // A year of average history for the established ones: 30 earlier inquiries each, a third of the buyers reached out.
        using (var stream = service.Matches.RecordFeedbackStream())
        {
            var random = new Random(9);
            for (var q = 0; q < 30; q++)
            {
                await service.Profiles.UpsertInquiryAsync(new UpsertInquiryRequest { Inquiry = Samples.Inquiry($"Q-PAST-{q:D2}") });
            }

            for (var q = 0; q < 30; q++)
            {
                for (var i = 0; i < 20; i++)
                {
                    var kind = random.NextDouble() < 1 / 3.0 ? FeedbackKind.Contact : FeedbackKind.Impression;
                    await stream.RequestStream.WriteAsync(new V1.Feedback
                    {
                        InquiryId = $"Q-PAST-{q:D2}",
                        ExporterId = $"EXP-OLD-{i:D2}",
                        Kind = kind,
                        Position = i + 1,
                        Source = "portal",
                        OccurredAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(-200 + q)),
                    });
                }
            }

            await stream.RequestStream.CompleteAsync();
            Assert.Equal(600, (await stream).Imported);
        }

        var inquiry = Samples.Inquiry("Q-NOW");
        inquiry.RequiredCertifications.Add("HACCP");
        inquiry.RequiredCertifications.Add("MSC");
        await service.Profiles.UpsertInquiryAsync(new UpsertInquiryRequest { Inquiry = inquiry });
        service.Services.GetRequiredService<StatisticsEpochs>().Refresh();

        var list = await service.Matches.MatchInquiryAsync(new MatchInquiryRequest { InquiryId = "Q-NOW", TopK = 21, Explain = true });

        Assert.Equal(learned ? "history-minded" : "baseline-v1", list.ModelVersion);
        var rank = list.Matches.Single(m => m.ExporterId == "EXP-NEW").Rank;
        Assert.True(rank <= 3, $"the newcomer ranked {rank} with {list.ModelVersion}");
        if (learned)
        {
            // When its history is a reason at all, it is told as what it is: no record, counted as average.
            var engagement = list.Matches.Single(m => m.ExporterId == "EXP-NEW").Reasons.SingleOrDefault(r => r.Feature == "exporter_engagement_rate");
            Assert.True(engagement is null || engagement.Text.Contains("counted as average", StringComparison.Ordinal), engagement?.Text);
        }
    }

    /// <summary>
    /// A model trained where buyers care about certification coverage and, six times as much per
    /// unit, about the exporter's engagement record: one that would bury an exporter whose record
    /// read as poor (the old 0.1 for "no record").
    /// </summary>
    private static string HistoryMinded(string directory)
    {
        var random = new Random(12);
        var rows = new List<TrainingExample>();
        for (var q = 0; q < 400; q++)
        {
            for (var e = 0; e < 12; e++)
            {
                var f = new float[FeatureSchema.Count];
                for (var i = 0; i < f.Length; i++)
                {
                    f[i] = (float)random.NextDouble();
                }

                f[FeatureSchema.CertificationCoverage] = random.Next(3) / 2f;
                var utility = (2.0 * f[FeatureSchema.CertificationCoverage]) + (6.0 * f[FeatureSchema.ExporterEngagementRate]) + (0.3 * random.NextDouble());
                var label = Math.Clamp((int)((utility - 2) / 1.2), 0, 4);
                rows.Add(new TrainingExample($"Q{q:D4}", $"E{e:D3}", label, f, TrainingExample.Computed));
            }
        }

        var trained = RankTrainer.Train(rows, new TrainerOptions { Trees = 60, Leaves = 8, LearningRate = 0.1, MinExamplesPerLeaf = 5 });
        var metadata = new ModelMetadata { Version = "history-minded", Trainer = "lightgbm-lambdarank", CreatedAt = DateTimeOffset.UtcNow, FeatureSchemaHash = FeatureSchema.Hash };
        ModelWriter.Write(directory, metadata, trained, "<p>test model</p>");
        return directory;
    }
}
