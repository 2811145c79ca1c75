using Matchmaker.Features;
using Matchmaker.Feedback;
using Matchmaker.Index;
using Matchmaker.Profiles;

namespace Matchmaker.Serving;

/// <summary>
/// Bulk imports of exporters, inquiries and feedback history; each ends with a new statistics epoch
/// and a background warm-up of the index's decoded records (<see cref="SearchIndex.WarmDecodedRecords"/>).
/// </summary>
public sealed class Imports(ProfileCatalog catalog, FeedbackRecorder feedback, StatisticsEpochs epochs, LimitsOptions? limits = null,
    SearchIndex? index = null)
{
    private readonly int _limit = limits?.ImportItems ?? int.MaxValue;

    public BulkImport<Exporter> Exporters() =>
        new("exporters", e => ProfileValidator.Prepare(e), batch => Stored(catalog.ImportExporters(batch, bulk: true)), Refresh, () => catalog.SingleWritesRecently, _limit, index?.ImportUnderWay(), () => catalog.LastSequence);

    public BulkImport<Inquiry> Inquiries() =>
        new("inquiries", q => ProfileValidator.Prepare(q), batch => Stored(catalog.ImportInquiries(batch, bulk: true)), Refresh, () => catalog.SingleWritesRecently, _limit, index?.ImportUnderWay(), () => catalog.LastSequence);

    /// <summary>Imported history changes exporters' records at once, like a profile import.</summary>
    public BulkImport<FeedbackEvent> Feedback() =>
        new("feedback", e => feedback.Prepare(e), batch => (feedback.Record(batch)[^1].Sequence, 0), Refresh, () => catalog.SingleWritesRecently, _limit, index?.ImportUnderWay(),
            () => feedback.LastSequence);

    /// <summary>
    /// The change log's position after a batch (its last change, or where the log stands when every record was
    /// unchanged) and how many of its records were stored as they are already.
    /// </summary>
    private (long Sequence, long Unchanged) Stored<T>(IReadOnlyList<Store.Change<T>> changes)
        where T : class =>
        (changes.LastOrDefault(c => !c.Unchanged)?.Sequence ?? catalog.LastSequence, changes.Count(c => c.Unchanged));

    /// <summary>An import's end: what its batches left unpublished becomes visible, then a new statistics epoch.</summary>
    private void Refresh()
    {
        catalog.Publish();
        epochs.Refresh();
        _ = index?.WarmDecodedRecords();
    }
}
