using Matchmaker.Features;
using Matchmaker.Feedback;
using Matchmaker.Matching;
using Matchmaker.Profiles;
using Matchmaker.Serving;

namespace Matchmaker.DemoData;

/// <summary>
/// SYNTHETIC outcomes for the demo data, so a fresh install can train and ship a model before any
/// real feedback exists. Nothing here is measured from real buyers. For each inquiry, in time
/// order over the year before the as-of date, the portal shows the baseline formula's top
/// <c>shown</c> exporters (in a drawn world, by the formula's order blurred by the portal's own
/// taste, <see cref="HiddenUtility.PortalNoise"/>), some of them (a quarter in the demo world) explored from further down
/// its list (inquiries spread over a year ending 60 days before the as-of date); a simulated buyer
/// then looks, reaches out, meets and signs according to the world's hidden utility
/// (<see cref="HiddenUtility"/>; the demo world's differs from the baseline formula in ways a
/// learned ranker can discover: required certifications and minimum orders are near-hard
/// constraints, capacity matters more than the formula says, related products count, and every
/// exporter has a hidden reliability that shows only through its record with earlier buyers
/// (the exporter-history features)). Buyers look at top positions more (position bias).
/// </summary>
/// <param name="utility">The world's buyers (<see cref="HiddenUtility.Demo"/> unless given).</param>
public sealed class OutcomeSimulator(int seed, HiddenUtility? utility = null)
{
    private readonly HiddenUtility _utility = utility ?? HiddenUtility.Demo;

    /// <summary>The demo world's utility for a pair (<see cref="HiddenUtility.Demo"/>), documented in the README.</summary>
    public static double Utility(ReadOnlySpan<float> f, double reliability) => HiddenUtility.Demo.Of(f, reliability, 0);

    /// <summary>Utility at which a buyer who looks is even odds to open the profile, to reach out, to ask for a meeting, to sign.</summary>
    public const double ViewAt = 2.5, ContactAt = 4.8, MeetingAt = 5.0, ContractAt = 6.5;

    /// <summary>The exporter's hidden reliability, standard normal, fixed by seed and id.</summary>
    public double ReliabilityOf(string exporterId)
    {
        var random = new Random(HashCode(exporterId) ^ seed);
        return Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
    }

    /// <summary>
    /// Runs the portal and its buyers over an engine started on an empty data directory with the
    /// baseline formula active (<c>matchmaker simulate</c> starts one in a temporary folder): the
    /// exporters are imported into it, and each simulated event joins its feedback ledger (not its
    /// store), so later buyers see exporters' records as they build up.
    /// </summary>
    /// <param name="progress">Inquiries done so far.</param>
    public List<FeedbackEvent> Simulate(ProfileCatalog catalog, StatisticsEpochs epochs, Matcher matcher, FeedbackLedger ledger,
        IReadOnlyList<Exporter> exporters, IReadOnlyList<Inquiry> inquiries, int shown, DateTimeOffset asOf, Action<int>? progress = null)
    {
        var events = new List<FeedbackEvent>();
        foreach (var batch in exporters.Chunk(2_000))
        {
            catalog.ImportExporters(batch);
        }

        epochs.Refresh();
        var byId = exporters.ToDictionary(e => e.Id, StringComparer.Ordinal);
        var random = new Random(seed);
        // Inquiries spread over a year that ended 60 days ago, so every outcome (contracts come ~45 days on) is in the past.
        var start = asOf.AddDays(-365 - 60);
        for (var i = 0; i < inquiries.Count; i++)
        {
            var inquiry = inquiries[i];
            var at = start.AddMinutes(i * (365.0 * 24 * 60 / Math.Max(1, inquiries.Count)));
            IReadOnlyList<RankedMatch> ranked = matcher.MatchInquiry(inquiry, ExporterFilter.None, new MatchOptions(TopK: MatchOptions.MaxTopK)).Matches;
            if (_utility.PortalNoise > 0)
            {
                // The old portal's own order: the formula's score, blurred by its taste.
                ranked = [.. ranked.Select(m => (Match: m, Key: m.Score + (_utility.PortalNoise * Gaussian(random))))
                    .OrderByDescending(x => x.Key).Select(x => x.Match)];
            }

            var pairs = Shown(random, ranked, shown, _utility.Exploration).Select(m => (byId[m.Id], (DateTimeOffset?)at)).ToList();
            var rows = matcher.FeaturesFor(inquiry, pairs);
            var batch = new List<FeedbackEvent>();
            for (var p = 0; p < pairs.Count; p++)
            {
                var exporter = pairs[p].Item1;
                var reliability = ReliabilityOf(exporter.Id);
                var taste = _utility.Noise > 0 ? Gaussian(random) : 0;
                Buyer(random, _utility, inquiry, exporter, p + 1, _utility.Of(rows[p], reliability, taste), reliability, at, batch);
            }

            ledger.Add(batch);
            events.AddRange(batch);
            progress?.Invoke(i + 1);
        }

        return events;
    }

    /// <summary>
    /// The list the portal shows: the formula's top entries, with a quarter of the places given to
    /// candidates from further down at random positions (exploration). Without those, every logged
    /// pair would be one the formula liked, and a model trained on them could not learn what makes
    /// a candidate bad (it would never see a wrong HS code, say).
    /// </summary>
    private static List<RankedMatch> Shown(Random random, IReadOnlyList<RankedMatch> ranked, int shown, double exploration)
    {
        var explore = Math.Min((int)(shown * exploration), Math.Max(0, ranked.Count - shown));
        var list = ranked.Take(shown - explore).ToList();
        var rest = ranked.Skip(shown - explore).ToList();
        for (var i = 0; i < explore; i++)
        {
            var pick = random.Next(rest.Count);
            list.Insert(random.Next(list.Count + 1), rest[pick]);
            rest.RemoveAt(pick);
        }

        return list;
    }

    /// <summary>One buyer's reaction to one listed exporter; appends the events that happened.</summary>
    private static void Buyer(Random random, HiddenUtility world, Inquiry inquiry, Exporter exporter, int position, double utility, double reliability,
        DateTimeOffset at, List<FeedbackEvent> events)
    {
        utility -= world.Choosiness;
        void Add(FeedbackKind kind, double hours, double value = 0) =>
            events.Add(new FeedbackEvent(inquiry.Id, exporter.Id, kind, at.AddHours(hours), value, position, "simulator"));

        Add(FeedbackKind.Impression, 0);
        // Position bias: the chance of even looking falls with the rank shown.
        var looks = 1.0 / (1 + (world.PositionBias * (position - 1)));
        if (random.NextDouble() > looks * Sigmoid(utility - ViewAt))
        {
            return;
        }

        Add(FeedbackKind.View, 1 + random.NextDouble());
        if (random.NextDouble() > Sigmoid(utility - ContactAt))
        {
            if (random.NextDouble() < 0.3)
            {
                Add(FeedbackKind.Declined, 3);
            }

            return;
        }

        Add(random.NextDouble() < 0.5 ? FeedbackKind.Contact : FeedbackKind.Shortlist, 24);
        if (random.NextDouble() > Sigmoid(utility - MeetingAt))
        {
            return;
        }

        Add(FeedbackKind.MeetingRequested, 72);
        if (random.NextDouble() > Sigmoid((1.5 * reliability) + 0.8))
        {
            Add(FeedbackKind.NoShow, 24 * 14);
            return;
        }

        Add(FeedbackKind.MeetingHeld, 24 * 14);
        if (random.NextDouble() < 0.6)
        {
            Add(FeedbackKind.FollowUp, 24 * 21);
        }

        if (random.NextDouble() < Sigmoid(utility - ContractAt + reliability))
        {
            Add(FeedbackKind.ContractSigned, 24 * 45, Math.Round(20_000 + (random.NextDouble() * 480_000)));
        }
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    private static int HashCode(string s)
    {
        var hash = 2166136261u;
        foreach (var c in s)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)hash;
    }
}
