using System.ComponentModel.DataAnnotations;

namespace Matchmaker.Server;

/// <summary>The "Matchmaker" configuration section (environment: MATCHMAKER__DATADIRECTORY etc.).</summary>
public sealed class MatchmakerOptions
{
    public const string Section = "Matchmaker";

    /// <summary>Where the record store (store.db) and the index (index/) live; relative paths are under the working folder.</summary>
    [Required(AllowEmptyStrings = false)]
    public string DataDirectory { get; set; } = "data";

    /// <summary>
    /// How often the index commits (seconds). A crash loses no data either way: the store is the
    /// system of record and start-up replays what the last index commit lacks; a longer interval
    /// only means a longer replay.
    /// </summary>
    [Range(0.05, 86_400)]
    public double IndexCommitIntervalSeconds { get; set; } = 1;

    /// <summary>
    /// How often (seconds) a new statistics epoch is captured when profiles or feedback changed:
    /// product-space proximities, exporters' feedback rates and BM25 statistics lag writes by up to
    /// this long (each profile's own fields count at once). Cached match lists live within an epoch.
    /// </summary>
    [Range(0.05, 86_400)]
    public double StatisticsRefreshSeconds { get; set; } = 30;

    /// <summary>
    /// How long served lists stay in the training log (served.db); older rows are pruned every 6 hours.
    /// Feedback and profiles are kept regardless.
    /// </summary>
    [Range(1, 36_500)]
    public int ServedLogRetentionDays { get; set; } = 365;

    public DemoDataOptions DemoData { get; set; } = new();

    public CacheOptions Cache { get; set; } = new();

    public string StorePath => Path.Combine(Path.GetFullPath(DataDirectory), "store.db");

    public string IndexPath => Path.Combine(Path.GetFullPath(DataDirectory), "index");

    /// <summary>The model registry (one folder per version, active.json); empty: "models" under the data directory.</summary>
    public string ModelsDirectory { get; set; } = "";

    /// <summary>
    /// On first start (no model ever activated), activate the newest model shipped with the server
    /// (its models/ folder), so a fresh install ranks with a learned model. False: the baseline formula.
    /// </summary>
    public bool ActivateShippedModel { get; set; } = true;

    public string ModelsPath => ModelsDirectory.Length > 0 ? Path.GetFullPath(ModelsDirectory) : Path.Combine(Path.GetFullPath(DataDirectory), "models");

    /// <summary>Serve-time feature log (served.db): every served list's pairs and feature vectors, for training.</summary>
    public string ServedLogPath => Path.Combine(Path.GetFullPath(DataDirectory), "served.db");

    /// <summary>Models shipped with the server binary.</summary>
    public static string ShippedModelsPath => Path.Combine(AppContext.BaseDirectory, "models");
}

/// <summary>The match-list cache: Redis when a connection string is set, in-process otherwise.</summary>
public sealed class CacheOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>StackExchange.Redis configuration, e.g. "localhost:6379"; empty: the in-process cache.</summary>
    public string Redis { get; set; } = "";

    /// <summary>Longest a Redis call may take before the list is computed instead.</summary>
    [Range(1, 10_000)]
    public int TimeoutMilliseconds { get; set; } = 50;

    /// <summary>Memory bound of the in-process cache.</summary>
    [Range(1, 1_000_000)]
    public int InProcessMegabytes { get; set; } = 256;
}

/// <summary>Demo records loaded into an empty store at start-up, so a fresh install has something to show.</summary>
public sealed class DemoDataOptions
{
    public bool SeedWhenEmpty { get; set; }

    public int Seed { get; set; } = 42;

    [Range(0, 1_000_000)]
    public int Exporters { get; set; } = 3000;

    [Range(0, 1_000_000)]
    public int Inquiries { get; set; } = 600;
}
