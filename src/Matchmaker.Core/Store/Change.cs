using Matchmaker.Profiles;

namespace Matchmaker.Store;

/// <summary>The latest state of one record, as the change log hands it to followers such as the index.</summary>
public sealed record Change(long Sequence, bool Deleted, Exporter? Exporter, Inquiry? Inquiry)
{
    /// <summary>The live exporter this change replaced (known on the write path; null when replayed from the store).</summary>
    public Exporter? PreviousExporter { get; init; }

    /// <summary>The live inquiry this change replaced (known on the write path; null when replayed from the store).</summary>
    public Inquiry? PreviousInquiry { get; init; }

    public static Change Of(StoredWrite<Exporter> w) => new(w.Sequence, w.Deleted, w.Record, null) { PreviousExporter = w.Previous };

    public static Change Of(StoredWrite<Inquiry> w) => new(w.Sequence, w.Deleted, null, w.Record) { PreviousInquiry = w.Previous };
}
