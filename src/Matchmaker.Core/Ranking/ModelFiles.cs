namespace Matchmaker.Ranking;

/// <summary>The files of one model directory.</summary>
public static class ModelFiles
{
    public const string Metadata = "metadata.json";

    /// <summary>The tree ensemble that serving evaluates.</summary>
    public const string Trees = "trees.json";

    /// <summary>The ML.NET model as trained, for data scientists who want to load it in ML.NET.</summary>
    public const string MlNet = "model.zip";

    /// <summary>The evaluation report a person can open.</summary>
    public const string Report = "report.html";

    /// <summary>Files a model must have; the others are kept when present.</summary>
    public static IReadOnlyList<string> Required { get; } = [Metadata, Trees];

    public static IReadOnlyList<string> All { get; } = [Metadata, Trees, MlNet, Report];
}
