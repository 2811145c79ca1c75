using System.Text.Json.Serialization;

namespace Matchmaker.Ranking;

/// <summary>
/// metadata.json beside a model's files: what it is, how it was trained, on what, how well it did,
/// and what serving needs to check before trusting it.
/// </summary>
public sealed record ModelMetadata
{
    /// <summary>
    /// Keys of <see cref="Metrics"/>: the model itself, and the baseline formula on the same held-out
    /// rows (the shown ones); with <see cref="EveryCandidateSuffix"/>, on every held-out row, never-shown candidates included.
    /// </summary>
    public const string CandidateMetrics = "model", BaselineMetrics = "baseline", EveryCandidateSuffix = "_every_candidate";

    [JsonPropertyName("version")]
    public required string Version { get; init; }

    /// <summary>"lightgbm-lambdarank" or "fasttree-ranking".</summary>
    [JsonPropertyName("trainer")]
    public required string Trainer { get; init; }

    [JsonPropertyName("created_at")]
    public DateTimeOffset CreatedAt { get; init; }

    [JsonPropertyName("parameters")]
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    [JsonPropertyName("feature_schema_hash")]
    public required string FeatureSchemaHash { get; init; }

    [JsonPropertyName("features")]
    public IReadOnlyList<string> Features { get; init; } = [];

    /// <summary>Per model compared ("candidate", "baseline", …): metric name → value, on the held-out split.</summary>
    [JsonPropertyName("metrics")]
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Metrics { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, double>>();

    [JsonPropertyName("data")]
    public DataSummary? Data { get; init; }

    /// <summary>Each feature's mean over the training rows: the "typical" value explanations compare against.</summary>
    [JsonPropertyName("reference")]
    public IReadOnlyList<double> Reference { get; init; } = [];

    /// <summary>Rows with the scores ML.NET gave them: loading re-scores them and refuses the model if they differ.</summary>
    [JsonPropertyName("check_rows")]
    public IReadOnlyList<CheckRow> CheckRows { get; init; } = [];

    /// <summary>SHA-256 (hex) of each file in the model directory, by name.</summary>
    [JsonPropertyName("files")]
    public IReadOnlyDictionary<string, string> Files { get; init; } = new Dictionary<string, string>();

    [JsonPropertyName("notes")]
    public string Notes { get; init; } = "";

    public sealed record CheckRow(
        [property: JsonPropertyName("features")] float[] Features,
        [property: JsonPropertyName("score")] double Score);

    public sealed record DataSummary
    {
        [JsonPropertyName("source")]
        public string Source { get; init; } = "";

        [JsonPropertyName("rows")]
        public long Rows { get; init; }

        [JsonPropertyName("groups")]
        public long Groups { get; init; }

        [JsonPropertyName("train_rows")]
        public long TrainRows { get; init; }

        [JsonPropertyName("test_rows")]
        public long TestRows { get; init; }

        [JsonPropertyName("test_groups")]
        public long TestGroups { get; init; }

        /// <summary>Rows per label 0–4.</summary>
        [JsonPropertyName("labels")]
        public IReadOnlyList<long> Labels { get; init; } = [];

        /// <summary>Rows per feature source ("served", "computed").</summary>
        [JsonPropertyName("feature_sources")]
        public IReadOnlyDictionary<string, long> FeatureSources { get; init; } = new Dictionary<string, long>();
    }
}
