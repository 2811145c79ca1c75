using System.ComponentModel.DataAnnotations;

namespace Matchmaker.TrainingData;

/// <summary>The training log's settings, in the "Matchmaker" section (MATCHMAKER__SERVEDLOGRETENTIONDAYS).</summary>
public sealed class TrainingDataOptions
{
    public const string Section = "Matchmaker";

    /// <summary>
    /// How long served lists stay in the training log (served.db); older rows are pruned every 6 hours.
    /// Feedback and profiles are kept regardless.
    /// </summary>
    [Range(1, 36_500)]
    public int ServedLogRetentionDays { get; set; } = 365;
}
