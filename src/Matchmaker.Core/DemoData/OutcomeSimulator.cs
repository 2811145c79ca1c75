using Matchmaker.Features;
using Matchmaker.Feedback;
using Matchmaker.Matching;
using Matchmaker.Profiles;
using Matchmaker.Serving;
using static Matchmaker.Features.FeatureSchema;

namespace Matchmaker.DemoData;

/// <summary>
/// SYNTHETIC outcomes for the demo data, so a fresh install can train and ship a model before any
/// real feedback exists. Nothing here is measured from real buyers. For each inquiry, in time
/// order over the year before the as-of date, the portal shows the baseline formula's top
/// <c>shown</c> exporters, a quarter of them explored from further down its list (inquiries spread over a year ending 60 days before the as-of date); a simulated buyer then looks, reaches out, meets and signs according
/// to a hidden utility (<see cref="Utility"/>) that differs from the baseline formula in ways a
/// learned ranker can discover: required certifications and minimum orders are near-hard
/// constraints, capacity matters more than the formula says, related products count, and every
/// exporter has a hidden reliability that shows only through its record with earlier buyers
/// (the exporter-history features). Buyers look at top positions more (position bias).
/// </summary>
public sealed class OutcomeSimulator(int seed)
{
    /// <summary>
    /// The simulated buyer's utility for a pair: the weights are the simulator's assumptions,
    /// documented in the README, not findings.
    /// </summary>
    public static double Utility(ReadOnlySpan<float> f, double reliability) =>
        (f[HsMatch] >= 1 ? 2.0 : f[HsMatch] >= 0.6 ? 0.9 : 0)
        + (0.9 * f[ProductRelatedness])
        + (0.4 * f[TextRelevance])
        + (f[CertificationCoverage] < 1 ? -2.5 * (1 - f[CertificationCoverage]) : 0.3)
        + (f[SupplierCountry] == 0 ? -0.8 : f[SupplierCountry] == 1 ? 0.4 : 0)
        + (f[MinOrderFit] < 1 ? -2.0 * (1 - f[MinOrderFit]) : 0)
        + (1.2 * f[CapacityFit] * f[CapacityFit])
        + (f[LanguageOverlap] == 1 ? 0.5 : f[LanguageOverlap] == 0 ? -0.3 : 0)
        + (0.3 * f[ExportExperience])
        + (1.1 * reliability);

    /// <summary>Utility at which a buyer who looks is even odds to open the profile, to reach out, to ask for a meeting, to sign.</summary>
    public const double ViewAt = 2.5, ContactAt = 4.8, MeetingAt = 5.0, ContractAt = 6.5;

    /// <summary>Chance of looking at the exporter at position p: 1 / (1 + PositionBias × (p − 1)); 20th place is looked at 40% as often as 1st.</summary>
    public const double PositionBias = 0.08;

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
            var ranked = matcher.MatchInquiry(inquiry, ExporterFilter.None, new MatchOptions(TopK: MatchOptions.MaxTopK)).Matches;
            var pairs = Shown(random, ranked, shown).Select(m => (byId[m.Id], (DateTimeOffset?)at)).ToList();
            var rows = matcher.FeaturesFor(inquiry, pairs);
            var batch = new List<FeedbackEvent>();
            for (var p = 0; p < pairs.Count; p++)
            {
                var exporter = pairs[p].Item1;
                Buyer(random, inquiry, exporter, p + 1, Utility(rows[p], ReliabilityOf(exporter.Id)), ReliabilityOf(exporter.Id), at, batch);
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
    private static List<RankedMatch> Shown(Random random, IReadOnlyList<RankedMatch> ranked, int shown)
    {
        var explore = Math.Min(shown / 4, Math.Max(0, ranked.Count - shown));
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
    private static void Buyer(Random random, Inquiry inquiry, Exporter exporter, int position, double utility, double reliability,
        DateTimeOffset at, List<FeedbackEvent> events)
    {
        void Add(FeedbackKind kind, double hours, double value = 0) =>
            events.Add(new FeedbackEvent(inquiry.Id, exporter.Id, kind, at.AddHours(hours), value, position, "simulator"));

        Add(FeedbackKind.Impression, 0);
        // Position bias: the chance of even looking falls with the rank shown.
        var looks = 1.0 / (1 + (PositionBias * (position - 1)));
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
