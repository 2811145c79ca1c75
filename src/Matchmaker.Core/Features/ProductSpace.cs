using System.Collections.Concurrent;
using System.Collections.Frozen;
using Matchmaker.Profiles;
using Matchmaker.Store;

namespace Matchmaker.Features;

/// <summary>
/// Product relatedness in the sense of the Product Space (Hidalgo et al., used in the Khabarovsk
/// report's analysis of which new exports a region can reach): two HS headings are close when the
/// same firms tend to make both. Here the firms are the active exporters in the store:
/// proximity(a, b) = min(P(a | b), P(b | a)) = firms making both / max(firms making a, firms making b).
/// Counts follow every profile write, so relatedness is always that of the current store.
/// A pair seen together at fewer than <see cref="ProductProximity.MinSharedFirms"/> firms counts as unrelated: one
/// diversified firm does not make its products related. Follows exporters on the change log
/// (rebuilt from the whole log at start-up).
/// </summary>
public sealed class ProductSpace : ProductProximity, IChangeFollower<Exporter>
{
    private readonly ConcurrentDictionary<int, int> _firms = new();
    private readonly ConcurrentDictionary<long, int> _shared = new();
    private readonly Dictionary<string, int[]> _headingsOf = new(StringComparer.Ordinal);
    private readonly Lock _writeLock = new();

    /// <summary>Exporters counted (active ones with at least one 4- or 6-digit product).</summary>
    public int FirmCount { get; private set; }

    long IChangeFollower.ReplayAfter => 0;

    public void Follow(Change<Exporter> change) => Apply(change.Record, change.Deleted);

    /// <summary>Applies the current state of an exporter (deleted or inactive ones count for nothing).</summary>
    public void Apply(Exporter exporter, bool deleted)
    {
        var headings = deleted || !exporter.Active ? [] : HeadingsOf(exporter.Products.Select(p => p.HsCode));
        lock (_writeLock)
        {
            if (_headingsOf.Remove(exporter.Id, out var old))
            {
                Count(old, -1);
            }

            if (headings.Length > 0)
            {
                _headingsOf[exporter.Id] = headings;
                Count(headings, +1);
            }

            FirmCount = _headingsOf.Count;
        }
    }

    private void Count(int[] headings, int delta)
    {
        for (var i = 0; i < headings.Length; i++)
        {
            _firms.AddOrUpdate(headings[i], delta, (_, n) => n + delta);
            for (var j = i + 1; j < headings.Length; j++)
            {
                _shared.AddOrUpdate(Key(headings[i], headings[j]), delta, (_, n) => n + delta);
            }
        }
    }

    /// <summary>The counts as they are now, frozen: what serving reads during one statistics epoch.</summary>
    public ProductSpaceSnapshot Snapshot()
    {
        lock (_writeLock)
        {
            return new ProductSpaceSnapshot(_firms.Where(f => f.Value > 0).ToFrozenDictionary(),
                _shared.Where(s => s.Value >= MinSharedFirms).ToFrozenDictionary(), FirmCount);
        }
    }

    /// <summary>Active exporters' ids by the headings (4-digit) they make, as the counts stand now.</summary>
    public Dictionary<int, List<string>> Makers()
    {
        var makers = new Dictionary<int, List<string>>();
        lock (_writeLock)
        {
            foreach (var (exporter, headings) in _headingsOf)
            {
                foreach (var heading in headings)
                {
                    if (!makers.TryGetValue(heading, out var list))
                    {
                        makers[heading] = list = [];
                    }

                    list.Add(exporter);
                }
            }
        }

        return makers;
    }

    protected override int FirmsMaking(int heading) => _firms.GetValueOrDefault(heading);

    protected override int FirmsMakingBoth(long pair) => _shared.GetValueOrDefault(pair);

    private static int[] HeadingsOf(IEnumerable<string> codes) =>
        [.. codes.Where(c => c.Length >= 4).Select(Heading).Distinct().Order()];
}
