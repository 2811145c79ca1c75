using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Grpc.Core;
using Matchmaker.Features;
using Matchmaker.Ranking;
using Matchmaker.Tests.Support;
using Matchmaker.Training;
using Matchmaker.V1;
using Microsoft.ML;
using Microsoft.ML.Data;
using ModelFiles = Matchmaker.Ranking.ModelFiles;
using RankingMetrics = Matchmaker.Training.RankingMetrics;

namespace Matchmaker.Tests.Ranking;

/// <summary>Training, the served tree evaluator, the registry's checks, and hot swapping under load.</summary>
public sealed class RankingModelTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Theory]
    [InlineData(TrainerOptions.LightGbm)]
    [InlineData(TrainerOptions.FastTree)]
    public void A_model_trained_on_a_small_generated_set_loads_and_ranks_the_planted_best_exporter_first(string trainer)
    {
        var rows = GeneratedTraining.Rows(seed: 3);
        var trained = RankTrainer.Train(rows, new TrainerOptions { Trainer = trainer, Trees = 60, Leaves = 8, LearningRate = 0.1, MinExamplesPerLeaf = 5 });
        ModelWriter.Write(Path.Combine(_dir.Path, "m"), Metadata("planted-" + trainer, trainer), trained, "<p>report</p>");
        var ranker = new ModelRegistry(Path.Combine(_dir.Path, "registry")).RegisterDirectory(Path.Combine(_dir.Path, "m"));

        // Ten candidates alike but for the two things buyers want; the planted one has both.
        var random = new Random(11);
        var candidates = Enumerable.Range(0, 10).Select(_ =>
        {
            var f = new float[FeatureSchema.Count];
            for (var i = 0; i < f.Length; i++)
            {
                f[i] = (float)random.NextDouble();
            }

            f[FeatureSchema.CertificationCoverage] = 0;
            f[FeatureSchema.ExporterMeetingRate] = 0.2f;
            return f;
        }).ToList();
        candidates[6][FeatureSchema.CertificationCoverage] = 1;
        candidates[6][FeatureSchema.ExporterMeetingRate] = 0.95f;

        var best = candidates.Select((f, i) => (Score: ranker.Score(f), i)).MaxBy(x => x.Score).i;

        Assert.Equal(6, best);
        var test = TrainingSplit.Split(rows).Test;
        Assert.True(RankingMetrics.Evaluate(ranker, test).NdcgAt(10) > RankingMetrics.Evaluate(BaselineRanker.Instance, test).NdcgAt(10) + 0.05);
    }

    [Fact]
    public void The_served_trees_score_exactly_as_the_MLNET_model_they_came_from()
    {
        var directory = GeneratedTraining.Model(Path.Combine(_dir.Path, "m"), "same-scores");
        var ranker = ModelLoader.Load(directory);
        var ml = new MLContext(1);
        var model = ml.Model.Load(Path.Combine(directory, ModelFiles.MlNet), out _);
        var rows = GeneratedTraining.Rows(seed: 99, inquiries: 20);
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, FeatureSchema.Count);
        var data = ml.Data.LoadFromEnumerable(rows.Select(r => new Row { Features = r.Features }), schema);

        var scores = model.Transform(data).GetColumn<float>("Score").ToArray();

        Assert.Equal(rows.Count, scores.Length);
        var batch = new double[rows.Count];
        ranker.ScoreBatch([.. rows.SelectMany(r => r.Features)], batch, FeatureSchema.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(scores[i], ranker.Score(rows[i].Features), 4);
            // The batch path walks the trees in another loop order but must add up the same.
            Assert.Equal(ranker.Score(rows[i].Features), batch[i]);
        }
    }

    [Fact]
    public void Contributions_are_the_score_minus_the_score_with_one_feature_at_the_reference_exactly()
    {
        // The row and its probes are scored as one batch of the compiled trees; the doubles must be those of one row at a time.
        var ranker = (LearnedRanker)ModelLoader.Load(GeneratedTraining.Model(Path.Combine(_dir.Path, "c"), "contributions"));
        var rows = GeneratedTraining.Rows(seed: 5, inquiries: 4);
        var reference = rows[^1].Features;
        var into = new double[FeatureSchema.Count];
        foreach (var row in rows.Take(40).Select(r => r.Features))
        {
            ranker.Contributions(row, reference, into);
            for (var f = 0; f < FeatureSchema.Count; f++)
            {
                var probe = (float[])row.Clone();
                if (f != FeatureSchema.FormulaScore)
                {
                    probe[f] = reference[f];
                    if (BaselineFormula.Uses(f))
                    {
                        probe[FeatureSchema.FormulaScore] = (float)BaselineFormula.Score(probe);
                    }
                }

                Assert.Equal(f == FeatureSchema.FormulaScore ? 0 : ranker.Score(row) - ranker.Score(probe), into[f]);
            }
        }

        // Many rows at once (as a list's reasons are computed) give each row's own doubles.
        var many = rows.Take(40).Select(r => r.Features).ToList();
        var batch = new double[many.Count * FeatureSchema.Count];
        ranker.ContributionsBatch([.. many.SelectMany(r => r)], reference, batch, FeatureSchema.Count);
        for (var r = 0; r < many.Count; r++)
        {
            ranker.Contributions(many[r], reference, into);
            Assert.Equal(into, batch.AsSpan(r * FeatureSchema.Count, FeatureSchema.Count).ToArray());
        }
    }

    [Fact]
    public async Task Activation_swaps_models_under_concurrent_requests_without_a_failed_call()
    {
        using var service = new InProcessService();
        await Seed(service);
        await Register(service, GeneratedTraining.Model(Path.Combine(_dir.Path, "a"), "model-a", seed: 1));
        await Register(service, GeneratedTraining.Model(Path.Combine(_dir.Path, "b"), "model-b", seed: 2));
        var versions = new System.Collections.Concurrent.ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();

        var clients = Enumerable.Range(0, 4).Select(c => Task.Run(async () =>
        {
            var calls = 0;
            while (!stop.IsCancellationRequested || calls < 20)
            {
                var list = await service.Matches.MatchInquiryAsync(new MatchInquiryRequest { InquiryId = $"Q-{calls % 5}", TopK = 20 });
                Assert.Equal(20, list.Matches.Count);
                versions.Add(list.ModelVersion);
                calls++;
            }

            return calls;
        })).ToList();
        foreach (var version in Enumerable.Repeat(new[] { "model-a", "model-b", "baseline-v1" }, 10).SelectMany(v => v))
        {
            var active = await service.Models.ActivateModelAsync(new ActivateModelRequest { Version = version });
            Assert.Equal(version, active.Version);
            await Task.Delay(5);
        }

        await stop.CancelAsync();
        var calls = await Task.WhenAll(clients);

        Assert.All(calls, n => Assert.True(n >= 20));
        Assert.Subset(new HashSet<string> { "model-a", "model-b", "baseline-v1" }, versions.ToHashSet());
        Assert.Equal("baseline-v1", (await service.Models.GetActiveModelAsync(new GetActiveModelRequest())).Version);
    }

    [Fact]
    public async Task A_model_of_another_feature_schema_or_with_corrupt_files_is_refused_and_the_active_one_keeps_serving()
    {
        using var service = new InProcessService();
        await Seed(service);
        var good = GeneratedTraining.Model(Path.Combine(_dir.Path, "good"), "good");
        await Register(service, good, activate: true);

        // Another schema: a feature this server does not compute.
        var otherSchema = Copy(good, "other-schema", meta =>
        {
            meta["version"] = "other-schema";
            ((JsonArray)meta["features"]!)[3] = "seller_rating";
            meta["feature_schema_hash"] = FeatureSchema.HashOf(((JsonArray)meta["features"]!).Select(n => n!.GetValue<string>()));
        });
        await AssertRefused(service, otherSchema, "feature schema");

        // A trees file changed after training: its checksum no longer matches.
        var tampered = Copy(good, "tampered", meta => meta["version"] = "tampered");
        File.WriteAllText(Path.Combine(tampered, ModelFiles.Trees), File.ReadAllText(Path.Combine(tampered, ModelFiles.Trees)).Replace("\"bias\":0", "\"bias\":1", StringComparison.Ordinal));
        await AssertRefused(service, tampered, "checksum");

        // Truncated trees with a matching checksum: not a tree ensemble.
        var truncated = Copy(good, "truncated", meta => meta["version"] = "truncated");
        var path = Path.Combine(truncated, ModelFiles.Trees);
        File.WriteAllText(path, File.ReadAllText(path)[..200]);
        Rehash(truncated);
        await AssertRefused(service, truncated, "not a valid tree ensemble");

        // Consistent files whose trees do not give the trainer's scores.
        var wrong = Copy(good, "wrong-scores", meta =>
        {
            meta["version"] = "wrong-scores";
            foreach (var row in (JsonArray)meta["check_rows"]!)
            {
                row!["score"] = row["score"]!.GetValue<double>() + 1;
            }
        });
        await AssertRefused(service, wrong, "check row");

        // A registered model whose file is damaged on disk is refused at activation.
        await Register(service, GeneratedTraining.Model(Path.Combine(_dir.Path, "later"), "later", seed: 5), activate: false);
        var onDisk = Path.Combine(service.DataDirectory, "models", "later", ModelFiles.Trees);
        await File.AppendAllTextAsync(onDisk, " ");
        var e = await Assert.ThrowsAsync<RpcException>(() => service.Models.ActivateModelAsync(new ActivateModelRequest { Version = "later" }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        var missing = await Assert.ThrowsAsync<RpcException>(() => service.Models.ActivateModelAsync(new ActivateModelRequest { Version = "nope" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);

        Assert.Equal("good", (await service.Models.GetActiveModelAsync(new GetActiveModelRequest())).Version);
        var list = await service.Matches.MatchInquiryAsync(new MatchInquiryRequest { InquiryId = "Q-1" });
        Assert.Equal("good", list.ModelVersion);
        Assert.NotEmpty(list.Matches);
    }

    [Fact]
    public async Task Model_files_with_null_or_missing_members_or_a_path_in_the_version_are_refused_not_crashed_on()
    {
        using var service = new InProcessService();
        var good = GeneratedTraining.Model(Path.Combine(_dir.Path, "good"), "good");
        await Register(service, good, activate: true);

        foreach (var member in new[] { "features", "files", "check_rows", "reference", "metrics", "parameters" })
        {
            await AssertRefused(service, Copy(good, "null-" + member, meta =>
            {
                meta["version"] = "null-" + member;
                meta[member] = null;
            }), member is "features" or "files" or "check_rows" or "reference" ? $"'{member}'" : "unreadable");
        }

        await AssertRefused(service, Copy(good, "no-version", meta => meta.Remove("version")), "metadata.json is missing or unreadable");
        await AssertRefused(service, Copy(good, "dots", meta => meta["version"] = "../../outside"), "a version may hold only");

        var nullTrees = Copy(good, "null-trees", meta => meta["version"] = "null-trees");
        await File.WriteAllTextAsync(Path.Combine(nullTrees, ModelFiles.Trees), """{"trees":null}""");
        Rehash(nullTrees);
        await AssertRefused(service, nullTrees, "not a valid tree ensemble");

        // A stray damaged directory in the registry does not break the listing; the model in service stays.
        var stray = Path.Combine(service.DataDirectory, "models", "stray");
        Directory.CreateDirectory(stray);
        await File.WriteAllTextAsync(Path.Combine(stray, ModelFiles.Metadata), """{"version":null,"features":null}""");
        var list = await service.Models.ListModelsAsync(new ListModelsRequest());
        Assert.Equal("good", list.ActiveVersion);
        Assert.DoesNotContain(list.Models, m => m.Version == "stray");
        Assert.False(Directory.Exists(Path.Combine(_dir.Path, "..", "outside")));
    }

    [Theory]
    [InlineData("active-broken")]
    [InlineData("active-json-garbage")]
    [InlineData("shipped-broken")]
    public async Task A_broken_active_or_shipped_model_does_not_stop_the_server_it_says_so_and_ranks_with_the_formula(string damage)
    {
        var data = Path.Combine(_dir.Path, damage);
        var models = Path.Combine(data, "models");
        var shipped = Path.Combine(_dir.Path, damage + "-shipped");
        Directory.CreateDirectory(shipped);
        var good = GeneratedTraining.Model(Path.Combine(models, "m1"), "m1");
        switch (damage)
        {
            case "active-broken":
                await File.WriteAllTextAsync(Path.Combine(models, "active.json"), """{"Version":"m1"}""");
                var meta = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(good, ModelFiles.Metadata)))!.AsObject();
                meta["features"] = null;
                await File.WriteAllTextAsync(Path.Combine(good, ModelFiles.Metadata), meta.ToJsonString());
                break;
            case "active-json-garbage":
                await File.WriteAllTextAsync(Path.Combine(models, "active.json"), "{\"Version\":");
                break;
            default:
                Directory.Delete(good, recursive: true);
                var copy = Copy(GeneratedTraining.Model(Path.Combine(_dir.Path, damage + "-src"), "s1"), damage + "-copy", m => m["files"] = null);
                Directory.Move(copy, Path.Combine(shipped, "s1"));
                break;
        }

        var logs = new CapturedLogs();
        using var service = new InProcessService(logs, ("Matchmaker:DataDirectory", data), ("Matchmaker:ShippedModelsDirectory", shipped),
            ("Matchmaker:ActivateShippedModel", "true"));
        Assert.Equal("baseline-v1", (await service.Models.GetActiveModelAsync(new GetActiveModelRequest())).Version);
        Assert.Contains(logs.Entries, l => l.Message.Contains(damage == "shipped-broken" ? "was not registered" : "could not be loaded", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_learned_model_explains_each_match_in_words()
    {
        using var service = new InProcessService();
        await Seed(service);
        await Register(service, GeneratedTraining.Model(Path.Combine(_dir.Path, "m"), "explained"), activate: true);

        var list = await service.Matches.MatchInquiryAsync(new MatchInquiryRequest { InquiryId = "Q-1", TopK = 5, Explain = true });

        Assert.Equal("explained", list.ModelVersion);
        Assert.All(list.Matches, m => Assert.InRange(m.Reasons.Count, 1, FeatureSchema.Count));
        Assert.All(list.Matches.SelectMany(m => m.Reasons), r => Assert.True(Math.Abs(r.Contribution) >= 0.0005, $"{r.Feature} {r.Contribution}"));
        Assert.All(list.Matches, m => Assert.True(m.Reasons.Zip(m.Reasons.Skip(1)).All(p => p.First.Contribution >= p.Second.Contribution)));
        Assert.All(list.Matches.SelectMany(m => m.Reasons), r => Assert.False(string.IsNullOrWhiteSpace(r.Text)));
        var brief = await service.Matches.MatchInquiryAsync(new MatchInquiryRequest { InquiryId = "Q-1", TopK = 5 });
        Assert.All(brief.Matches, m => Assert.All(m.Reasons, r => Assert.True(r.Contribution > 0)));
    }

    public void Dispose() => _dir.Dispose();

    private static ModelMetadata Metadata(string version, string trainer) => new()
    {
        Version = version,
        Trainer = trainer,
        CreatedAt = DateTimeOffset.UtcNow,
        FeatureSchemaHash = FeatureSchema.Hash,
    };

    private static async Task Seed(InProcessService service)
    {
        var random = new Random(5);
        using var exporters = service.Profiles.ImportExporters();
        for (var i = 0; i < 60; i++)
        {
            var e = Samples.Exporter($"EXP-{i}", i % 3 == 0 ? "030367" : "030389");
            e.ExportExperienceYears = random.Next(0, 20);
            if (i % 2 == 0)
            {
                e.Certifications.Add("ISO 22000");
            }

            await exporters.RequestStream.WriteAsync(e);
        }

        await exporters.RequestStream.CompleteAsync();
        Assert.Equal(0, (await exporters).Failed);
        for (var q = 0; q < 5; q++)
        {
            var inquiry = Samples.Inquiry($"Q-{q}");
            inquiry.RequiredCertifications.Add("ISO 22000");
            await service.Profiles.UpsertInquiryAsync(new UpsertInquiryRequest { Inquiry = inquiry });
        }
    }

    private static async Task<ModelInfo> Register(InProcessService service, string directory, bool activate = false)
    {
        var request = new RegisterModelRequest { Activate = activate };
        foreach (var file in Directory.EnumerateFiles(directory))
        {
            request.Files[Path.GetFileName(file)] = ByteString.CopyFrom(await File.ReadAllBytesAsync(file));
        }

        return await service.Models.RegisterModelAsync(request);
    }

    private static async Task AssertRefused(InProcessService service, string directory, string reason)
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => Register(service, directory, activate: true));
        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.True(e.Status.Detail.Contains(reason, StringComparison.Ordinal), e.Status.Detail);
    }

    private string Copy(string source, string name, Action<JsonObject> edit)
    {
        var target = Path.Combine(_dir.Path, name);
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        var metaPath = Path.Combine(target, ModelFiles.Metadata);
        var meta = JsonNode.Parse(File.ReadAllText(metaPath))!.AsObject();
        edit(meta);
        File.WriteAllText(metaPath, meta.ToJsonString());
        return target;
    }

    private static void Rehash(string directory)
    {
        var metaPath = Path.Combine(directory, ModelFiles.Metadata);
        var meta = JsonNode.Parse(File.ReadAllText(metaPath))!.AsObject();
        foreach (var (file, _) in meta["files"]!.AsObject().ToList())
        {
            meta["files"]![file] = ModelLoader.Sha256(Path.Combine(directory, file));
        }

        File.WriteAllText(metaPath, meta.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private sealed class Row
    {
        public float[] Features { get; set; } = [];
    }
}
