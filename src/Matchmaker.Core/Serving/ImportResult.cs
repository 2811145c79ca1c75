namespace Matchmaker.Serving;

/// <summary>A record a bulk import refused: its place in the stream, its id, and why.</summary>
public sealed record ImportError(long Index, string Id, string Field, string Reason);

/// <summary>
/// What a bulk import did: counts (<paramref name="Imported"/> includes the <paramref name="Unchanged"/> records, those
/// already stored as they are), the change-log (or feedback-log) position it reached, and the refused records.
/// </summary>
public sealed record ImportResult(long Received, long Imported, long Failed, long LastSequence, IReadOnlyList<ImportError> Errors, bool ErrorsTruncated,
    long Unchanged = 0);
