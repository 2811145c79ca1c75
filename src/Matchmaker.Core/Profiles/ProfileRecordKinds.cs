using Matchmaker.Store;

namespace Matchmaker.Profiles;

/// <summary>
/// Exporters and inquiries as record kinds of the store: their tables, and the fields the store
/// sets on every write (an exporter's updated_at, an inquiry's created_at, which an update keeps).
/// </summary>
public static class ProfileRecordKinds
{
    public static RecordKind<Exporter> Exporter { get; } = new("exporter", "exporters", ProfileJsonContext.Stored.Exporter, e => e.Id,
        (e, stamp) => e with { Version = stamp.Version, UpdatedAt = stamp.Now });

    public static RecordKind<Inquiry> Inquiry { get; } = new("inquiry", "inquiries", ProfileJsonContext.Stored.Inquiry, q => q.Id,
        (q, stamp) => q with { Version = stamp.Version, CreatedAt = stamp.Previous?.CreatedAt ?? stamp.Now });

    public static IReadOnlyList<RecordKind> All { get; } = [Exporter, Inquiry];
}
