namespace Matchmaker.Ranking;

/// <summary>The ranker's settings, in the "Matchmaker" section (MATCHMAKER__ACTIVATESHIPPEDMODEL).</summary>
public sealed class RankingOptions
{
    public const string Section = "Matchmaker";

    /// <summary>
    /// On first start (no model ever activated), activate the newest model shipped with the binary
    /// (its models/ folder), so a fresh install ranks with a learned model. False: the baseline formula.
    /// </summary>
    public bool ActivateShippedModel { get; set; } = true;

    /// <summary>Where the shipped models are: the models/ folder beside the binary.</summary>
    public string ShippedModelsDirectory { get; set; } = Path.Combine(AppContext.BaseDirectory, "models");
}
