using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Matchmaker.Features;
using Matchmaker.Feedback;
using Matchmaker.Tests.Support;
using Matchmaker.V1;
using FeedbackKind = Matchmaker.V1.FeedbackKind;
using Kind = Matchmaker.Feedback.FeedbackKind;

namespace Matchmaker.Tests.Feedback;

/// <summary>Labels from feedback, the RecordFeedback rpcs, and the training rows the service exports.</summary>
public sealed class FeedbackTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly InProcessService _service = new();

    [Theory]
    [InlineData(0, new Kind[0])]
    [InlineData(0, new[] { Kind.Impression })]
    [InlineData(1, new[] { Kind.Impression, Kind.View })]
    [InlineData(2, new[] { Kind.View, Kind.Contact })]
    [InlineData(2, new[] { Kind.Shortlist })]
    [InlineData(3, new[] { Kind.Contact, Kind.MeetingRequested })]
    [InlineData(3, new[] { Kind.MeetingRequested, Kind.MeetingHeld, Kind.FollowUp })]
    [InlineData(4, new[] { Kind.MeetingHeld, Kind.ContractSigned })]
    [InlineData(3, new[] { Kind.MeetingRequested, Kind.NoShow })]
    [InlineData(1, new[] { Kind.NoShow })]
    [InlineData(0, new[] { Kind.View, Kind.Contact, Kind.Declined })]
    [InlineData(3, new[] { Kind.Declined, Kind.MeetingHeld })]
    public void A_pairs_label_comes_from_its_events_in_time_order(int label, Kind[] kinds)
    {
        var events = kinds.Select((k, i) => new FeedbackEvent("Q", "E", k, T0.AddHours(i)));

        Assert.Equal(label, FeedbackGains.Label(events));
        Assert.Equal(label, FeedbackGains.Label(events.Reverse()));
    }

    [Fact]
    public void Every_kind_has_one_gain_within_the_default_label_range()
    {
        Assert.Equal(System.Enum.GetValues<Kind>().Order(), FeedbackGains.Table.Select(t => t.Kind).Order());
        Assert.All(FeedbackGains.Table, t => Assert.InRange(t.Gain, 0, FeedbackGains.MaxLabel));
    }

    [Fact]
    public async Task RecordFeedback_stores_the_event_and_answers_the_pairs_label()
    {
        await Setup();

        var first = await Record("Q-1", "EXP-A", FeedbackKind.Contact);
        var second = await Record("Q-1", "EXP-A", FeedbackKind.MeetingHeld);

        Assert.Equal(2, first.Label);
        Assert.Equal(3, second.Label);
        Assert.True(second.Sequence > first.Sequence);
    }

    [Fact]
    public async Task Feedback_on_unknown_profiles_or_without_a_kind_is_refused_with_the_fields()
    {
        await Setup();

        var e = await Assert.ThrowsAsync<RpcException>(() => _service.Matches.RecordFeedbackAsync(
            new V1.Feedback { InquiryId = "Q-NONE", ExporterId = "EXP-A", Position = -1 }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        var fields = e.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>().FieldViolations.Select(v => v.Field).ToList();
        Assert.Equal(["inquiry_id", "kind", "position"], fields);
    }

    [Fact]
    public async Task The_feedback_stream_keeps_good_events_and_locates_bad_ones()
    {
        await Setup();
        using var call = _service.Matches.RecordFeedbackStream();
        await call.RequestStream.WriteAsync(Feedback("Q-1", "EXP-A", FeedbackKind.View));
        await call.RequestStream.WriteAsync(Feedback("Q-1", "EXP-NONE", FeedbackKind.View));
        await call.RequestStream.WriteAsync(Feedback("Q-1", "EXP-B", FeedbackKind.Contact));
        await call.RequestStream.CompleteAsync();

        var summary = await call;

        Assert.Equal(3, summary.Received);
        Assert.Equal(2, summary.Imported);
        Assert.Equal(1, summary.Errors.Single().Index);
        Assert.Equal("exporter_id", summary.Errors.Single().Field);

        // A stream that records nothing still reports where the feedback log stands (it said 0).
        using var refused = _service.Matches.RecordFeedbackStream();
        await refused.RequestStream.WriteAsync(Feedback("Q-1", "EXP-NONE", FeedbackKind.View));
        await refused.RequestStream.CompleteAsync();
        var nothing = await refused;
        Assert.Equal(0, nothing.Imported);
        Assert.Equal(summary.LastSequence, nothing.LastSequence);
        Assert.True(nothing.LastSequence > 0);
    }

    [Fact]
    public async Task Exported_rows_carry_the_features_the_served_list_was_ranked_by_with_labels()
    {
        await Setup();
        var served = await _service.Matches.MatchInquiryAsync(new MatchInquiryRequest { InquiryId = "Q-1", Explain = true, TopK = 3 });
        await Record("Q-1", served.Matches[0].ExporterId, FeedbackKind.Contact);
        // History for a pair never served: its features are computed at export.
        await Record("Q-2", "EXP-B", FeedbackKind.MeetingHeld);
        // A preview (inline inquiry) is not logged: nobody can give feedback on it.
        await _service.Matches.MatchInquiryAsync(new MatchInquiryRequest { Inquiry = Samples.Inquiry("Q-PREVIEW") });

        var rows = await Export(servedOnly: false);

        var servedRows = rows.Where(r => r.FeatureSource == "served").ToList();
        Assert.Equal(served.Matches.Select(m => m.ExporterId).Order(), servedRows.Select(r => r.ExporterId).Order());
        Assert.All(servedRows, r => Assert.Equal("Q-1", r.InquiryId));
        Assert.All(servedRows, r => Assert.Equal("baseline-v1", r.ModelVersion));
        foreach (var match in served.Matches)
        {
            var row = servedRows.Single(r => r.ExporterId == match.ExporterId);
            Assert.Equal(match.Rank, row.Position);
            Assert.Equal(match.Rank == 1 ? 2 : 0, row.Label);
            Assert.Equal(FeatureSchema.Count, row.Features.Count);
            foreach (var reason in match.Reasons)
            {
                Assert.Equal(reason.Value, row.Features[reason.Feature], 5);
            }
        }

        var computed = Assert.Single(rows, r => r.FeatureSource == "computed");
        Assert.Equal(("Q-2", "EXP-B", 3), (computed.InquiryId, computed.ExporterId, computed.Label));
        Assert.Equal(1, computed.Features["hs_match"]);
        Assert.DoesNotContain(rows, r => r.InquiryId == "Q-PREVIEW");
        Assert.DoesNotContain(await Export(servedOnly: true), r => r.FeatureSource == "computed");
    }

    [Fact]
    public async Task Exported_rows_come_grouped_by_inquiry_whether_served_or_computed()
    {
        await Setup();
        await _service.Profiles.UpsertInquiryAsync(new UpsertInquiryRequest { Inquiry = Samples.Inquiry("Q-3") });
        foreach (var q in new[] { "Q-2", "Q-1", "Q-3" })
        {
            await _service.Matches.MatchInquiryAsync(new MatchInquiryRequest { InquiryId = q, TopK = 2 });
        }

        await Record("Q-1", "EXP-D", FeedbackKind.Contact);
        await Record("Q-3", "EXP-C", FeedbackKind.View);

        var rows = await Export(servedOnly: false);

        var order = rows.Select(r => r.InquiryId).ToList();
        var groups = order.Where((q, i) => i == 0 || order[i - 1] != q).ToList();
        Assert.Equal(groups.Distinct().Count(), groups.Count);
        Assert.Equal(["Q-1", "Q-2", "Q-3"], groups.Order());
        Assert.Equal(rows.Count, rows.Select(r => (r.InquiryId, r.ExporterId)).Distinct().Count());
    }

    [Fact]
    public async Task The_export_adds_the_candidates_retrieval_finds_that_were_never_shown_as_label_0_rows()
    {
        await Setup();
        foreach (var id in new[] { "EXP-E", "EXP-F", "EXP-G", "EXP-H" })
        {
            await _service.Profiles.UpsertExporterAsync(new UpsertExporterRequest { Exporter = Samples.Exporter(id) });
        }

        // An exporter retrieval does not find for these inquiries (another chapter): never a candidate.
        await _service.Profiles.UpsertExporterAsync(new UpsertExporterRequest { Exporter = Samples.Exporter("EXP-WOOD", "440710") });
        await _service.Profiles.UpsertInquiryAsync(new UpsertInquiryRequest { Inquiry = Samples.Inquiry("Q-3") });
        var served = await _service.Matches.MatchInquiryAsync(new MatchInquiryRequest { InquiryId = "Q-1", TopK = 3 });
        await Record("Q-1", served.Matches[1].ExporterId, FeedbackKind.Contact);
        // Imported history only (no list served): the buyer met EXP-A.
        await Record("Q-2", "EXP-A", FeedbackKind.MeetingHeld);
        // Served, but nobody acted: a group with nothing to learn from gets no extra rows.
        await _service.Matches.MatchInquiryAsync(new MatchInquiryRequest { InquiryId = "Q-3", TopK = 3 });

        var rows = await Export(servedOnly: false);

        var retrievable = new[] { "EXP-A", "EXP-B", "EXP-C", "EXP-D", "EXP-E", "EXP-F", "EXP-G", "EXP-H" };
        var shown = served.Matches.Select(m => m.ExporterId).ToList();
        var q1 = rows.Where(r => r.InquiryId == "Q-1" && r.FeatureSource == "unshown").ToList();
        Assert.Equal(retrievable.Except(shown).Order(), q1.Select(r => r.ExporterId).Order());
        var q2 = rows.Where(r => r.InquiryId == "Q-2" && r.FeatureSource == "unshown").ToList();
        Assert.Equal(retrievable.Except(["EXP-A"]).Order(), q2.Select(r => r.ExporterId).Order());
        Assert.All(q1.Concat(q2), r =>
        {
            Assert.Equal(0, r.Label);
            Assert.Equal(0, r.Position);
            Assert.Equal(FeatureSchema.Count, r.Features.Count);
            Assert.Equal(1, r.Features["hs_match"]);
        });
        Assert.DoesNotContain(rows, r => r.InquiryId == "Q-3" && r.FeatureSource == "unshown");
        Assert.Equal(rows.Count, rows.Select(r => (r.InquiryId, r.ExporterId)).Distinct().Count());
        // Rows stay grouped by inquiry.
        var order = rows.Select(r => r.InquiryId).ToList();
        Assert.Equal(order.Distinct().Count(), order.Where((q, i) => i == 0 || order[i - 1] != q).Count());

        // A cap per inquiry: a sample fixed by the ids, the same on every export; none on request.
        var capped = await Export(servedOnly: false, unshownPerInquiry: 3);
        var again = await Export(servedOnly: false, unshownPerInquiry: 3);
        Assert.All(capped.Where(r => r.FeatureSource == "unshown").GroupBy(r => r.InquiryId), g => Assert.Equal(3, g.Count()));
        Assert.Equal(capped.Select(r => (r.InquiryId, r.ExporterId)), again.Select(r => (r.InquiryId, r.ExporterId)));
        Assert.DoesNotContain(await Export(servedOnly: false, excludeUnshown: true), r => r.FeatureSource == "unshown");
        var e = await Assert.ThrowsAsync<RpcException>(() => Export(servedOnly: false, unshownPerInquiry: 201));
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
    }

    [Fact]
    public async Task A_pair_served_only_after_its_history_is_exported_with_features_as_of_that_history_not_todays_serve()
    {
        await Setup();
        // Last year's history for (Q-1, EXP-A), imported; then a list served today that holds EXP-A.
        var history = Feedback("Q-1", "EXP-A", FeedbackKind.MeetingHeld);
        history.OccurredAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(-300));
        history.Position = 4;
        await _service.Matches.RecordFeedbackAsync(history);
        // EXP-B was only shown back then (an impression, label 0): today's serve is not that list either.
        var shownOnly = Feedback("Q-1", "EXP-B", FeedbackKind.Impression);
        shownOnly.OccurredAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(-300));
        shownOnly.Position = 9;
        await _service.Matches.RecordFeedbackAsync(shownOnly);
        var served = await _service.Matches.MatchInquiryAsync(new MatchInquiryRequest { InquiryId = "Q-1", TopK = 4 });
        Assert.Contains(served.Matches, m => m.ExporterId == "EXP-A");
        Assert.Contains(served.Matches, m => m.ExporterId == "EXP-B");

        var rows = await Export(servedOnly: false, excludeUnshown: true);

        var row = Assert.Single(rows, r => r.ExporterId == "EXP-A" && r.InquiryId == "Q-1");
        Assert.Equal(("computed", 3, 4), (row.FeatureSource, row.Label, row.Position));
        Assert.Null(row.ServedAt);
        var impression = Assert.Single(rows, r => r.ExporterId == "EXP-B" && r.InquiryId == "Q-1");
        Assert.Equal(("computed", 0, 9), (impression.FeatureSource, impression.Label, impression.Position));
        // The others on today's list have no history: served rows, label 0.
        Assert.All(rows.Where(r => r.ExporterId is not ("EXP-A" or "EXP-B")), r => Assert.Equal(("served", 0), (r.FeatureSource, r.Label)));
    }

    [Fact]
    public async Task The_training_log_forgets_serves_older_than_its_retention()
    {
        using var dir = new TempDirectory();
        using var log = new Matchmaker.TrainingData.ServedLog(Path.Combine(dir.Path, "served.db"));
        var features = new float[FeatureSchema.Count];
        log.Append(new Matchmaker.TrainingData.ServedList("m", FeatureSchema.Hash, T0, [new Matchmaker.Matching.ScoredPair("Q-OLD", 1, "E", 1, 1, 0.5, features)]));
        log.Append(new Matchmaker.TrainingData.ServedList("m", FeatureSchema.Hash, T0.AddDays(400), [new Matchmaker.Matching.ScoredPair("Q-NEW", 1, "E", 1, 1, 0.5, features)]));
        await log.FlushAsync();

        var deleted = log.Prune(T0.AddDays(35));

        Assert.Equal(1, deleted);
        Assert.Equal(["Q-NEW"], log.ReadAll().Select(r => r.Pair.InquiryId));
    }

    [Fact]
    public void The_ledger_keeps_every_exporters_record_as_if_recounted_from_all_its_events()
    {
        var random = new Random(5);
        var ledger = new FeedbackLedger();
        var all = new List<FeedbackEvent>();
        HistorySnapshot? midway = null;
        Dictionary<string, ExporterHistory>? atMidway = null;
        for (var batch = 0; batch < 300; batch++)
        {
            // Batches of one (the unary rpc) and larger ones (the stream), repeats of a pair included.
            var events = Enumerable.Range(0, random.Next(1, 6)).Select(_ => new FeedbackEvent(
                $"Q{random.Next(40)}", $"E{random.Next(5)}", (Kind)random.Next(0, 10), DateTimeOffset.UnixEpoch.AddHours(all.Count),
                Sequence: all.Count + 1)).ToList();
            all.AddRange(events);
            ledger.Add(events);
            if (batch == 150)
            {
                midway = ledger.Snapshot();
                atMidway = Recount(all);
            }
        }

        foreach (var (exporter, expected) in Recount(all))
        {
            Assert.Equal(expected, ledger.HistoryOf(exporter, "none"));
            var pair = all.First(e => e.ExporterId == exporter).InquiryId;
            var without = ExporterHistory.None;
            foreach (var events in all.Where(e => e.ExporterId == exporter && e.InquiryId != pair).GroupBy(e => e.InquiryId))
            {
                without = without.Add(events);
            }

            Assert.Equal(without, ledger.HistoryOf(exporter, pair));
        }

        // A snapshot is frozen: the 150 batches written after it do not show in it.
        foreach (var (exporter, expected) in atMidway!)
        {
            Assert.Equal(expected, midway!.HistoryOf(exporter, "none"));
        }

        static Dictionary<string, ExporterHistory> Recount(List<FeedbackEvent> events) =>
            events.GroupBy(e => e.ExporterId).ToDictionary(x => x.Key,
                x => x.GroupBy(e => e.InquiryId).Aggregate(ExporterHistory.None, (h, pair) => h.Add(pair)));
    }

    public void Dispose() => _service.Dispose();

    private async Task Setup()
    {
        foreach (var id in new[] { "EXP-A", "EXP-B", "EXP-C", "EXP-D" })
        {
            await _service.Profiles.UpsertExporterAsync(new UpsertExporterRequest { Exporter = Samples.Exporter(id) });
        }

        await _service.Profiles.UpsertInquiryAsync(new UpsertInquiryRequest { Inquiry = Samples.Inquiry("Q-1") });
        await _service.Profiles.UpsertInquiryAsync(new UpsertInquiryRequest { Inquiry = Samples.Inquiry("Q-2") });
    }

    private async Task<RecordFeedbackResponse> Record(string inquiry, string exporter, FeedbackKind kind) =>
        await _service.Matches.RecordFeedbackAsync(Feedback(inquiry, exporter, kind));

    private static V1.Feedback Feedback(string inquiry, string exporter, FeedbackKind kind) => new()
    {
        InquiryId = inquiry,
        ExporterId = exporter,
        Kind = kind,
        Source = "portal",
        OccurredAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
    };

    private async Task<List<V1.TrainingExample>> Export(bool servedOnly, int unshownPerInquiry = 0, bool excludeUnshown = false)
    {
        using var call = _service.Models.ExportTrainingData(new ExportTrainingDataRequest
        {
            ServedOnly = servedOnly,
            UnshownPerInquiry = unshownPerInquiry,
            ExcludeUnshown = excludeUnshown,
        });
        var rows = new List<V1.TrainingExample>();
        await foreach (var row in call.ResponseStream.ReadAllAsync())
        {
            rows.Add(row);
        }

        return rows;
    }
}
