using System.Collections.Frozen;

namespace Matchmaker.Features;

/// <summary>The product space frozen at one moment (one statistics epoch); immutable, read without locks.</summary>
public sealed class ProductSpaceSnapshot(FrozenDictionary<int, int> firms, FrozenDictionary<long, int> shared, int firmCount) : ProductProximity
{
    public static ProductSpaceSnapshot Empty { get; } = new(FrozenDictionary<int, int>.Empty, FrozenDictionary<long, int>.Empty, 0);

    public int FirmCount => firmCount;

    protected override int FirmsMaking(int heading) => firms.GetValueOrDefault(heading);

    protected override int FirmsMakingBoth(long pair) => shared.GetValueOrDefault(pair);
}
