using Matchmaker.Profiles;

namespace Matchmaker.Store;

/// <summary>The latest state of one record, as the change log hands it to followers such as the index.</summary>
public sealed record Change(long Sequence, bool Deleted, Exporter? Exporter, Inquiry? Inquiry)
{
    public static Change Of(StoredWrite<Exporter> w) => new(w.Sequence, w.Deleted, w.Record, null);

    public static Change Of(StoredWrite<Inquiry> w) => new(w.Sequence, w.Deleted, null, w.Record);
}
