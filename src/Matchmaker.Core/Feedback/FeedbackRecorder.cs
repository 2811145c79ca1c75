using Matchmaker.Profiles;
using Matchmaker.Store;

namespace Matchmaker.Feedback;

/// <summary>
/// The feedback write path: check each event, store it durably, then add it to the in-memory
/// ledger the exporter-history features read. Events name stored profiles only: feedback on an id
/// the store does not hold could never be joined to features, so it is refused, not kept.
/// </summary>
public sealed class FeedbackRecorder(IFeedbackLog log, FeedbackLedger ledger, ChangeFeed changes, TimeProvider? clock = null)
{
    public const int MaxSourceLength = 100;

    /// <summary>Events dated further ahead than this are refused as clock or unit mistakes.</summary>
    public static readonly TimeSpan MaxFutureSkew = TimeSpan.FromDays(1);

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly RecordVersions.OfKind _inquiries = changes.Versions.For<Inquiry>();
    private readonly RecordVersions.OfKind _exporters = changes.Versions.For<Exporter>();

    /// <summary>The feedback log's position: the sequence number of the newest event recorded.</summary>
    public long LastSequence => ledger.LastSequence;

    /// <summary>Fills defaults (time: now, source: "api") and checks every field.</summary>
    /// <exception cref="ValidationException">Every problem, by field path under <paramref name="prefix"/>.</exception>
    public FeedbackEvent Prepare(FeedbackEvent e, string prefix = "")
    {
        var now = _clock.GetUtcNow();
        var violations = new List<FieldViolation>();
        e = e with
        {
            InquiryId = e.InquiryId.Trim(),
            ExporterId = e.ExporterId.Trim(),
            Source = e.Source.Trim().Length == 0 ? "api" : e.Source.Trim(),
            OccurredAt = e.OccurredAt == default ? now : e.OccurredAt,
        };
        if (e.InquiryId.Length == 0)
        {
            violations.Add(new FieldViolation(prefix + "inquiry_id", "is required"));
        }
        else if (_inquiries.Of(e.InquiryId) is null)
        {
            violations.Add(new FieldViolation(prefix + "inquiry_id", $"no inquiry {e.InquiryId} is stored; import the inquiry first"));
        }

        if (e.ExporterId.Length == 0)
        {
            violations.Add(new FieldViolation(prefix + "exporter_id", "is required"));
        }
        else if (_exporters.Of(e.ExporterId) is null)
        {
            violations.Add(new FieldViolation(prefix + "exporter_id", $"no exporter {e.ExporterId} is stored; import the exporter first"));
        }

        if (!Enum.IsDefined(e.Kind))
        {
            violations.Add(new FieldViolation(prefix + "kind", "is required (impression, view, contact, shortlist, meeting_requested, meeting_held, follow_up, contract_signed, declined, no_show)"));
        }

        if (!double.IsFinite(e.ValueUsd) || e.ValueUsd < 0)
        {
            violations.Add(new FieldViolation(prefix + "value_usd", "must be a finite amount of at least 0"));
        }

        if (e.Position < 0)
        {
            violations.Add(new FieldViolation(prefix + "position", "must be 0 (unknown) or a 1-based rank"));
        }

        if (e.OccurredAt > now + MaxFutureSkew)
        {
            violations.Add(new FieldViolation(prefix + "occurred_at", $"is more than a day in the future ({e.OccurredAt:O})"));
        }

        if (e.Source.Length > MaxSourceLength)
        {
            violations.Add(new FieldViolation(prefix + "source", $"is longer than {MaxSourceLength} characters"));
        }

        return violations.Count == 0 ? e : throw new ValidationException(violations);
    }

    /// <summary>Checks, stores and counts one event; returns it with its sequence number and the pair's label now.</summary>
    /// <exception cref="ValidationException">The event is invalid; nothing was stored.</exception>
    public (FeedbackEvent Stored, int Label) RecordOne(FeedbackEvent e)
    {
        var stored = Record([Prepare(e)])[0];
        return (stored, FeedbackGains.Label(ledger.PairEvents(stored.InquiryId, stored.ExporterId)));
    }

    /// <summary>Stores events already through <see cref="Prepare"/> in one transaction and makes them count.</summary>
    public IReadOnlyList<FeedbackEvent> Record(IReadOnlyList<FeedbackEvent> prepared)
    {
        var stored = log.Append(prepared);
        ledger.Add(stored);
        return stored;
    }
}
