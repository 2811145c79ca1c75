using System.Collections.Concurrent;
using Matchmaker.Events;
using Matchmaker.Features;
using Matchmaker.Matching;
using Matchmaker.Profiles;
using Matchmaker.Store;
using Microsoft.Extensions.Options;

namespace Matchmaker.Reports;

/// <summary>
/// Where buyers' demand found no supply (the product-space analysis of the Khabarovsk report, turned
/// into a list an export support centre can act on): each inquiry of the period is matched, one
/// wanted heading at a time, as the portal would match it; a heading is served when enough of the
/// matches make it with a good formula score, or when the buyer met one of its makers at an event.
/// The unserved headings come with the buyers' countries and with the exporters who make related
/// headings — the firms that could be helped to supply them.
/// </summary>
public sealed class DemandGaps(ChangeFeed changes, Matcher matcher, ProductSpace space, EventCatalog events, EventRosters rosters,
    EventBoards boards, ReferenceProductSpace reference, IOptions<ReportOptions> options)
{
    /// <summary>Exporter records read per heading while looking for related exporters that pass the filters.</summary>
    private const int MaxLookups = 500;

    private readonly IRecordTable<Inquiry> _inquiries = changes.Store.Table<Inquiry>();
    private readonly IRecordTable<Exporter> _exporters = changes.Store.Table<Exporter>();

    private sealed record Want(Inquiry Inquiry, int Heading, int MakersMatched, int Good, double BestScore, bool Served);

    /// <exception cref="ValidationException">A bad period or limit.</exception>
    public DemandGapReport For(DemandGapQuery query, CancellationToken cancellationToken = default)
    {
        Validate(query);
        var filter = Filter(query);
        var settings = options.Value;
        var from = new DateTimeOffset(query.From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var until = new DateTimeOffset(query.To.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var inquiries = _inquiries.List().Where(q => q.CreatedAt >= from && q.CreatedAt < until).ToList();
        var makers = space.Makers().ToDictionary(m => m.Key, m => m.Value.ToHashSet(StringComparer.Ordinal));
        var met = MetExporters();
        var wanted = inquiries.SelectMany(q => HeadingsOf(q).Select(h => (Inquiry: q, Heading: h))).ToList();
        var wants = new ConcurrentBag<Want>();
        Parallel.ForEach(wanted, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken }, w =>
        {
            var prefix = ProductProximity.Format(w.Heading);
            var narrowed = w.Inquiry with { HsCodes = [.. w.Inquiry.HsCodes.Where(c => c.StartsWith(prefix, StringComparison.Ordinal))] };
            var pairs = matcher.MatchInquiry(narrowed, filter, new MatchOptions(settings.MatchesLookedAt) { Cancellation = cancellationToken }).Pairs
                .Where(p => p.Features[FeatureSchema.HsMatch] >= 0.6f).ToList();
            var good = pairs.Count(p => p.Features[FeatureSchema.FormulaScore] >= settings.GoodScore);
            var best = pairs.Select(p => (double)p.Features[FeatureSchema.FormulaScore]).DefaultIfEmpty(0).Max();
            var served = met.TryGetValue(w.Inquiry.Id, out var exporters) && makers.TryGetValue(w.Heading, out var making) && exporters.Overlaps(making);
            wants.Add(new Want(w.Inquiry, w.Heading, pairs.Count, good, best, served));
        });

        var passes = new Dictionary<string, Exporter?>(StringComparer.Ordinal);
        var gaps = wants.GroupBy(w => w.Heading)
            .Select(g => (Heading: g.Key, All: g.Count(), Gap: g.Where(w => !w.Served && w.Good < settings.GoodExporters).ToList()))
            .Where(g => g.Gap.Count > 0)
            .OrderByDescending(g => g.Gap.Count).ThenBy(g => g.Heading).Take(query.Top)
            .Select(g => Gap(g.Heading, g.All, g.Gap, makers, filter, passes, query.RelatedExporters))
            .ToList();
        return new DemandGapReport(query.From, query.To, inquiries.Count, wants.Select(w => w.Heading).Distinct().Count(), gaps)
        {
            ChapterOnlyInquiries = inquiries.Count(q => !HeadingsOf(q).Any()),
            NetworkSource = reference.Source,
            GoodExporters = settings.GoodExporters,
            GoodScore = settings.GoodScore,
        };
    }

    private DemandGap Gap(int heading, int all, List<Want> gap, Dictionary<int, HashSet<string>> makers, ExporterFilter filter,
        Dictionary<string, Exporter?> passes, int relatedCount)
    {
        var code = ProductProximity.Format(heading);
        var making = makers.GetValueOrDefault(heading) ?? [];
        return new DemandGap
        {
            Heading = code,
            Label = reference.Label(code) is { Length: > 0 } label ? label : LabelOf([.. gap.Select(w => w.Inquiry.Title)]),
            Inquiries = gap.Count,
            InquiriesWanting = all,
            Buyers = gap.Select(w => w.Inquiry.BuyerId.Length > 0 ? w.Inquiry.BuyerId : w.Inquiry.BuyerName).Distinct(StringComparer.Ordinal).Count(),
            BuyerCountries = [.. gap.GroupBy(w => w.Inquiry.BuyerCountry).Select(c => new CountryCount(c.Key, c.Count()))
                .OrderByDescending(c => c.Inquiries).ThenBy(c => c.Country, StringComparer.Ordinal)],
            MeanMakersMatched = gap.Average(w => w.MakersMatched),
            MeanGoodMatches = gap.Average(w => w.Good),
            BestScore = gap.Max(w => w.BestScore),
            Makers = making.Take(MaxLookups).Count(id => Passing(id, filter, passes) is not null),
            InquiryIds = [.. gap.Select(w => w.Inquiry.Id).Order(StringComparer.Ordinal).Take(50)],
            Related = Related(heading, making, makers, filter, passes, relatedCount),
        };
    }

    /// <summary>Exporters passing the filters who make a heading close to <paramref name="heading"/> but not it, each once with its closest heading.</summary>
    private List<RelatedExporter> Related(int heading, HashSet<string> making, Dictionary<int, HashSet<string>> makers, ExporterFilter filter,
        Dictionary<string, Exporter?> passes, int count)
    {
        var code = ProductProximity.Format(heading);
        var close = new Dictionary<int, (double Proximity, RelatednessBasis Basis)>();
        foreach (var other in makers.Keys.Where(h => h != heading))
        {
            var proximity = space.Proximity(code, ProductProximity.Format(other));
            if (proximity > 0)
            {
                close[other] = (proximity, RelatednessBasis.Store);
            }
        }

        foreach (var (other, proximity) in reference.Neighbours(code))
        {
            var h = ProductProximity.Heading(other);
            if (makers.ContainsKey(h) && proximity > close.GetValueOrDefault(h).Proximity)
            {
                close[h] = (proximity, RelatednessBasis.Network);
            }
        }

        // Headings of the same chapter come after every related one, for when those have no maker
        // that passes the filters (or nothing relates the heading at all).
        var chapter = makers.Keys.Where(h => h != heading && h / 100 == heading / 100 && !close.ContainsKey(h))
            .ToDictionary(h => h, _ => (Proximity: 0.0, Basis: RelatednessBasis.SameChapter));
        var related = new List<RelatedExporter>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var lookups = 0;
        foreach (var tier in new[] { close, chapter })
        {
            // Round-robin over the tier's headings, closest first, so the list shows who could build on
            // each of them rather than every maker of the closest one.
            var queues = tier.OrderByDescending(c => c.Value.Proximity).ThenBy(c => Math.Abs(c.Key - heading)).ThenBy(c => c.Key)
                .Select(c => (Heading: c.Key, c.Value.Proximity, c.Value.Basis, Makers: new Queue<string>(makers[c.Key].Where(id => !making.Contains(id)).Order(StringComparer.Ordinal))))
                .Where(q => q.Makers.Count > 0).ToList();
            while (related.Count < count && lookups < MaxLookups && queues.Count > 0)
            {
                foreach (var q in queues)
                {
                    while (related.Count < count && lookups < MaxLookups && q.Makers.TryDequeue(out var id))
                    {
                        if (!seen.Add(id))
                        {
                            continue;
                        }

                        lookups++;
                        if (Passing(id, filter, passes) is { } e)
                        {
                            related.Add(new RelatedExporter(e.Id, e.Name, e.Country, e.Region, ProductProximity.Format(q.Heading), q.Proximity, q.Basis));
                            break;
                        }
                    }
                }

                queues.RemoveAll(q => q.Makers.Count == 0);
            }
        }

        return [.. related.OrderByDescending(r => r.Proximity)];
    }

    private Exporter? Passing(string id, ExporterFilter filter, Dictionary<string, Exporter?> passes)
    {
        if (!passes.TryGetValue(id, out var exporter))
        {
            exporter = _exporters.Get(id);
            if (exporter is not null && (!exporter.Active
                || (filter.Countries.Count > 0 && !filter.Countries.Contains(exporter.Country, StringComparer.OrdinalIgnoreCase))
                || (filter.Regions.Count > 0 && !filter.Regions.Contains(exporter.Region, StringComparer.OrdinalIgnoreCase))))
            {
                exporter = null;
            }

            passes[id] = exporter;
        }

        return exporter;
    }

    /// <summary>Inquiry id → the stored exporters its buyer meets or met at any event (meetings placed and not cancelled, declined or missed).</summary>
    private Dictionary<string, HashSet<string>> MetExporters()
    {
        var met = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var e in events.List())
        {
            var people = rosters.Of(e.Id).ById;
            foreach (var m in boards.Of(e.Id).Meetings.Values.Where(m => m.Live && m.Placed && m.Status != MeetingStatus.NoShow))
            {
                if (people.GetValueOrDefault(m.A) is not { } a || people.GetValueOrDefault(m.B) is not { } b)
                {
                    continue;
                }

                foreach (var (buyer, exporter) in new[] { (a, b), (b, a) })
                {
                    if (buyer.Role != ParticipantRole.Buyer || exporter.Role != ParticipantRole.Exporter)
                    {
                        continue;
                    }

                    foreach (var inquiry in buyer.InquiryIds)
                    {
                        if (!met.TryGetValue(inquiry, out var set))
                        {
                            met[inquiry] = set = new HashSet<string>(StringComparer.Ordinal);
                        }

                        set.Add(exporter.ExporterId);
                    }
                }
            }
        }

        return met;
    }

    private static readonly string[] Connectors = ["for", "from", "to", "of", "in", "-", "–", "—", ":"];

    /// <summary>
    /// A heading's name from its inquiries' titles when no nomenclature is configured: the words they all begin
    /// with ("Canned crab meat" of "Canned crab meat for Harbin" and "… for Osaka"), else the most frequent title.
    /// </summary>
    private static string LabelOf(IReadOnlyList<string> titles)
    {
        var words = titles.Select(t => t.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        var common = words.Min(w => w.Zip(words[0]).TakeWhile(p => string.Equals(p.First, p.Second, StringComparison.OrdinalIgnoreCase)).Count());
        while (common > 0 && Connectors.Contains(words[0][common - 1], StringComparer.OrdinalIgnoreCase))
        {
            common--;
        }

        return titles.Count > 1 && common > 0
            ? string.Join(' ', words[0].Take(common))
            : titles.GroupBy(t => t).OrderByDescending(t => t.Count()).ThenBy(t => t.Key, StringComparer.Ordinal).First().Key;
    }

    private static IEnumerable<int> HeadingsOf(Inquiry inquiry) =>
        inquiry.HsCodes.Where(c => c.Length >= 4).Select(ProductProximity.Heading).Distinct();

    /// <summary>The exporter filter, its codes checked as a match request's are (a mistyped region would make every heading a gap).</summary>
    private static ExporterFilter Filter(DemandGapQuery query)
    {
        try
        {
            return MatchRules.Check(new ExporterFilter { Countries = query.ExporterCountries, Regions = query.ExporterRegions });
        }
        catch (ValidationException e)
        {
            throw new ValidationException([.. e.Violations.Select(v => v with
            {
                Field = v.Field.Replace("filters.countries", "exporter_countries", StringComparison.Ordinal)
                    .Replace("filters.regions", "exporter_regions", StringComparison.Ordinal),
            })]);
        }
    }

    private static void Validate(DemandGapQuery query)
    {
        if (query.To < query.From)
        {
            throw ValidationException.Of("to", $"{query.To:yyyy-MM-dd} is before from ({query.From:yyyy-MM-dd})");
        }

        if (query.To.DayNumber - query.From.DayNumber > 3_660)
        {
            throw ValidationException.Of("to", "makes a period longer than ten years");
        }

        if (query.Top is < 1 or > 200)
        {
            throw ValidationException.Of("top", "must be 1–200");
        }

        if (query.RelatedExporters is < 0 or > 100)
        {
            throw ValidationException.Of("related_exporters", "must be 0–100");
        }
    }
}
