using System.Collections.Frozen;

namespace Matchmaker.Feedback;

/// <summary>The feedback ledger frozen at one moment (one statistics epoch): what serving reads.</summary>
public sealed class HistorySnapshot : ExporterHistorySource
{
    private readonly FrozenDictionary<string, ExporterEntry> _byExporter;

    internal HistorySnapshot(FrozenDictionary<string, ExporterEntry> byExporter, ExporterHistory population, long sequence)
    {
        _byExporter = byExporter;
        Population = population;
        Sequence = sequence;
    }

    public static HistorySnapshot Empty { get; } = new(FrozenDictionary<string, ExporterEntry>.Empty, ExporterHistory.None, 0);

    public override ExporterHistory Population { get; }

    /// <summary>The feedback sequence number the snapshot reflects.</summary>
    public long Sequence { get; }

    public override ExporterHistory HistoryOf(string exporterId, string excludeInquiryId, DateTimeOffset? asOf = null) =>
        _byExporter.TryGetValue(exporterId, out var entry) ? entry.HistoryExcept(excludeInquiryId, asOf) : ExporterHistory.None;
}
