namespace Matchmaker.Feedback;

/// <summary>Where the exporter-history features read from: the live ledger, or a frozen snapshot of it.</summary>
public abstract class ExporterHistorySource
{
    /// <summary>
    /// The exporter's record with every buyer except this pair's (no leak of the outcome being
    /// predicted). With <paramref name="asOf"/>, only events before that moment count, as they
    /// would have been known then.
    /// </summary>
    public abstract ExporterHistory HistoryOf(string exporterId, string excludeInquiryId, DateTimeOffset? asOf = null);

    /// <summary>
    /// Every exporter's pairs added together: the population an exporter without a record is
    /// assumed to be like (its rates are shrunk towards this one's).
    /// </summary>
    public abstract ExporterHistory Population { get; }
}
