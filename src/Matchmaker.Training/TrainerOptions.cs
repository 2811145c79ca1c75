using System.Globalization;

namespace Matchmaker.Training;

/// <summary>Hyper-parameters of a training run (the flags of <c>matchmaker train</c>).</summary>
public sealed record TrainerOptions
{
    public const string LightGbm = "lightgbm", FastTree = "fasttree";

    /// <summary>"lightgbm" (LambdaRank, the default) or "fasttree" (FastTree's LambdaMART).</summary>
    public string Trainer { get; init; } = LightGbm;

    // One set of defaults, the README's recipe and the CLI's: the CLI's earlier ones (200 trees, 31 leaves, rate 0.1)
    // did worse than the recipe when a data scientist tried both on an agency's own history.
    public int Trees { get; init; } = 300;

    public int Leaves { get; init; } = 15;

    public double LearningRate { get; init; } = 0.05;

    public int MinExamplesPerLeaf { get; init; } = 20;

    public int Seed { get; init; } = 42;

    /// <summary>Weigh positive rows by their inverse chance of having been looked at (<see cref="PositionBias"/>).</summary>
    public bool PositionWeights { get; init; } = true;

    /// <summary>
    /// Never-shown candidates weigh the chance the buyer would have looked at them right after the
    /// list (estimated like the bias: 0.25–0.4 on the simulated worlds) instead of 1: it ranked the
    /// true utility better in one simulated world of three and fitted held-out feedback worse. Off by default.
    /// </summary>
    public bool WeighUnshown { get; init; }

    /// <summary>The largest position weight a row gets.</summary>
    public double MaxPositionWeight { get; init; } = PositionBias.DefaultMaxWeight;

    /// <summary>Share of inquiries held out for evaluation (see <see cref="TrainingSplit"/>).</summary>
    public double TestFraction { get; init; } = TrainingSplit.DefaultTestFraction;

    public string TrainerName => Trainer == FastTree ? "fasttree-ranking" : "lightgbm-lambdarank";

    /// <returns>What is wrong with the options, or null.</returns>
    public string? Problem() =>
        Trainer is not (LightGbm or FastTree) ? $"--trainer must be {LightGbm} or {FastTree}, not {Trainer}"
        : Trees is < 1 or > 10_000 ? "--trees must be 1–10000"
        : Leaves is < 2 or > 1_024 ? "--leaves must be 2–1024"
        : LearningRate is <= 0 or > 1 ? "--learning-rate must be in (0, 1]"
        : MinExamplesPerLeaf < 1 ? "--min-leaf must be at least 1"
        : TestFraction is <= 0 or >= 1 ? "--test-fraction must be in (0, 1)"
        : MaxPositionWeight is < 1 or > 100 ? "--max-position-weight must be 1–100"
        : null;

    public IReadOnlyDictionary<string, string> ToParameters() => new Dictionary<string, string>
    {
        ["trainer"] = Trainer,
        ["trees"] = Trees.ToString(CultureInfo.InvariantCulture),
        ["leaves"] = Leaves.ToString(CultureInfo.InvariantCulture),
        ["learning_rate"] = LearningRate.ToString(CultureInfo.InvariantCulture),
        ["min_leaf"] = MinExamplesPerLeaf.ToString(CultureInfo.InvariantCulture),
        ["seed"] = Seed.ToString(CultureInfo.InvariantCulture),
        ["position_weights"] = PositionWeights ? "true" : "false",
        ["max_position_weight"] = MaxPositionWeight.ToString(CultureInfo.InvariantCulture),
        ["weigh_unshown"] = WeighUnshown ? "true" : "false",
        ["test_fraction"] = TestFraction.ToString(CultureInfo.InvariantCulture),
    };
}
