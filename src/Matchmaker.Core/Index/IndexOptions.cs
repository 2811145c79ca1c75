using System.ComponentModel.DataAnnotations;

namespace Matchmaker.Index;

/// <summary>The index's settings, in the "Matchmaker" section (MATCHMAKER__INDEXCOMMITINTERVALSECONDS, …).</summary>
public sealed class IndexOptions
{
    public const string Section = "Matchmaker";

    /// <summary>
    /// How often the index commits (seconds). A crash loses no data either way: the store is the
    /// system of record and start-up replays what the last index commit lacks; a longer interval
    /// only means a longer replay.
    /// </summary>
    [Range(0.05, 86_400)]
    public double IndexCommitIntervalSeconds { get; set; } = 1;

    public const double DefaultImportCommitSeconds = 10;

    /// <summary>
    /// How often the index commits while a bulk import is under way (seconds; never more often than
    /// <see cref="IndexCommitIntervalSeconds"/>). Each commit writes and syncs the import's new
    /// segments, and the portal's single writes wait for it: committing every second made their p99
    /// during an import 2–3 times longer. A crash during an import replays up to this much of it.
    /// </summary>
    [Range(0.05, 86_400)]
    public double IndexImportCommitIntervalSeconds { get; set; } = DefaultImportCommitSeconds;

    public const long DefaultDecodedRecords = 250_000;

    /// <summary>
    /// How many exporters, and as many inquiries, matching keeps decoded in memory after reading them
    /// from the index once (a few KB each; 0 decodes every candidate on every request).
    /// </summary>
    [Range(0, 100_000_000)]
    public long IndexDecodedRecords { get; set; } = DefaultDecodedRecords;

    /// <summary>Start from an empty index and replay the whole change log into it (what <c>matchmaker reindex</c> does).</summary>
    public bool RebuildIndex { get; set; }
}
