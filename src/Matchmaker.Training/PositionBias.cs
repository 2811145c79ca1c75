using System.Globalization;
using Matchmaker.Features;
using Matchmaker.TrainingData;

namespace Matchmaker.Training;

/// <summary>
/// How much less often buyers look at lower places, from the training rows themselves, and the
/// inverse-propensity weights that undo it. The chance that the exporter at place p is looked at,
/// relative to the first, is modelled as p^-η (Joachims et al., "Unbiased Learning-to-Rank with
/// Biased Feedback", 2017). A positive label at place p then stands for 1/p^-η = p^η positives
/// that place hid, so training weighs it so (capped at <see cref="MaxWeight"/> to keep a few
/// deep clicks from dominating); rows with label 0, and rows with no known place, weigh 1 (with
/// <see cref="WeighUnshown"/>, never-shown candidates weigh the propensity of the place after the list).
/// <para>
/// η is estimated from the rows with a place: a lower place means both less looking and, on a
/// portal that ranks sensibly, a worse fit. To separate the two, rows are grouped into ten strata
/// of similar fit by the baseline formula's score, and η is the Poisson maximum-likelihood fall
/// of positive labels with place within strata (each stratum with its own rate): two exporters of
/// the same fit sit at different places because of the other candidates in their lists. What the
/// formula does not see stays confounded, which can only make η too large; the cap bounds the harm.
/// </para>
/// </summary>
/// <param name="Eta">The exponent; 0: no position bias found (every weight 1).</param>
/// <param name="Rows">Rows with a known place the estimate used.</param>
/// <param name="Positives">Of them, rows with a positive label.</param>
/// <param name="MaxWeight">The largest weight a row gets.</param>
/// <param name="ListLength">The lowest place the rows were shown at (about 20 on a portal): where a never-shown candidate would have come next.</param>
/// <param name="WeighUnshown">Never-shown candidates weigh the propensity of the place after the list instead of 1.</param>
/// <param name="Off">Not corrected at all (<c>--no-position-weights</c>): every row weighs 1.</param>
public sealed record PositionBias(double Eta, int Rows, int Positives, double MaxWeight = PositionBias.DefaultMaxWeight, int ListLength = 0,
    bool WeighUnshown = false, bool Off = false)
{
    /// <summary>
    /// 3: in a study run on simulated worlds (2026-11-28, `--suite worlds`, an old portal ordering
    /// by the formula) a cap of 10 ranked the true utility no better than 3 and fitted held-out
    /// feedback worse.
    /// </summary>
    public const double DefaultMaxWeight = 3, MaxEta = 2;

    /// <summary>Below this many rows with a place, or positives among them, the estimate is not trusted and no weighting is done.</summary>
    public const int MinRows = 500, MinPositives = 50;

    private const int Strata = 10;

    /// <summary>No correction (<c>--no-position-weights</c>).</summary>
    public static PositionBias None { get; } = new(0, 0, 0, Off: true);

    /// <summary>Chance of being looked at relative to the first place.</summary>
    public double Propensity(int position) => position <= 1 ? 1 : Math.Pow(position, -Eta);

    /// <summary>
    /// The training weight of a row: 1/propensity for a positive row with a known place, capped; with
    /// <see cref="WeighUnshown"/>, for a never-shown candidate the chance it would have been looked at
    /// had it come right after the list (its label 0 says only that much: most never-shown
    /// candidates would not have been looked at either, and some are good); else 1.
    /// </summary>
    public float WeightOf(TrainingExample row) =>
        row.FeatureSource == TrainingExample.Unshown ? WeighUnshown ? (float)Propensity(ListLength + 1) : 1f
        : row.Label > 0 && row.Position > 1 ? (float)Math.Min(MaxWeight, 1 / Propensity(row.Position))
        : 1f;

    public string Describe() => Off ? "position bias: not corrected (--no-position-weights); every row weighs 1"
        : Eta <= 0
        ? Rows < MinRows || Positives < MinPositives
            ? $"position bias: not estimated ({Rows:N0} rows with a known place, {Positives:N0} positive; needs {MinRows:N0} and {MinPositives:N0}); every row weighs 1"
            : $"position bias: none found in {Rows:N0} rows with a known place; every row weighs 1"
        : string.Create(CultureInfo.InvariantCulture,
            $"position bias: looked at ∝ place^-{Eta:0.000} (place 5: {Propensity(5):P0}, place 20: {Propensity(20):P0} of the first), from {Rows:N0} rows with a known place; positive rows weigh up to {MaxWeight:0.#}x{(WeighUnshown ? $", never-shown candidates {Propensity(ListLength + 1):0.00}" : "")}");

    public static PositionBias Estimate(IReadOnlyList<TrainingExample> rows, double maxWeight = DefaultMaxWeight, bool weighUnshown = false)
    {
        var placed = rows.Where(r => r.Position > 0 && r.FeatureSource != TrainingExample.Unshown).ToList();
        var positives = placed.Count(r => r.Label > 0);
        var listLength = placed.Count == 0 ? 0 : placed.Max(r => r.Position);
        if (placed.Count < MinRows || positives < MinPositives || placed.Select(r => r.Position).Distinct().Count() < 2)
        {
            return new PositionBias(0, placed.Count, positives, maxWeight, listLength, weighUnshown);
        }

        // Strata of similar fit: deciles of the baseline formula's score.
        var fit = placed.Select(r => BaselineFormula.Score(r.Features)).ToArray();
        var order = Enumerable.Range(0, placed.Count).OrderBy(i => fit[i]).ToArray();
        var cells = new Dictionary<(int Stratum, int Position), (double Rows, double Positives)>();
        for (var k = 0; k < order.Length; k++)
        {
            var row = placed[order[k]];
            var key = (k * Strata / order.Length, row.Position);
            var cell = cells.GetValueOrDefault(key);
            cells[key] = (cell.Rows + 1, cell.Positives + (row.Label > 0 ? 1 : 0));
        }

        var byStratum = cells.GroupBy(c => c.Key.Stratum)
            .Select(g => g.Select(c => (LogPosition: Math.Log(c.Key.Position), c.Value.Rows, c.Value.Positives)).ToArray())
            .ToArray();

        // Poisson log-likelihood with each stratum's rate profiled out; concave in η.
        double LogLikelihood(double eta)
        {
            var total = 0.0;
            foreach (var stratum in byStratum)
            {
                double positivesHere = 0, exposure = 0, slope = 0;
                foreach (var (logPosition, n, c) in stratum)
                {
                    positivesHere += c;
                    exposure += n * Math.Exp(-eta * logPosition);
                    slope += c * logPosition;
                }

                if (positivesHere > 0)
                {
                    total += (positivesHere * Math.Log(positivesHere / exposure)) - (eta * slope);
                }
            }

            return total;
        }

        // Golden-section search on [0, MaxEta].
        double lo = 0, hi = MaxEta;
        var ratio = (Math.Sqrt(5) - 1) / 2;
        double a = hi - (ratio * (hi - lo)), b = lo + (ratio * (hi - lo));
        double fa = LogLikelihood(a), fb = LogLikelihood(b);
        while (hi - lo > 1e-4)
        {
            if (fa < fb)
            {
                (lo, a, fa) = (a, b, fb);
                b = lo + (ratio * (hi - lo));
                fb = LogLikelihood(b);
            }
            else
            {
                (hi, b, fb) = (b, a, fa);
                a = hi - (ratio * (hi - lo));
                fa = LogLikelihood(a);
            }
        }

        var eta = (lo + hi) / 2;
        return new PositionBias(eta < 0.005 ? 0 : Math.Round(eta, 4), placed.Count, positives, maxWeight, listLength, weighUnshown);
    }
}
