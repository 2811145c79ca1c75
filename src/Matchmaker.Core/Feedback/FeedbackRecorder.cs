using System.Collections.Concurrent;
using Matchmaker.Profiles;
using Matchmaker.Store;

namespace Matchmaker.Feedback;

/// <summary>
/// The feedback write path: check each event, store it durably, then add it to the in-memory
/// ledger the exporter-history features read. Events name stored profiles only: feedback on an id
/// the store has never seen could never be joined to features, so it is refused, not kept.
/// </summary>
public sealed class FeedbackRecorder(IRecordStore store, FeedbackLedger ledger, TimeProvider? clock = null)
{
    public const int MaxSourceLength = 100;

    /// <summary>Events dated further ahead than this are refused as clock or unit mistakes.</summary>
    public static readonly TimeSpan MaxFutureSkew = TimeSpan.FromDays(1);

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    // Ids already found in the store; profiles are rarely deleted, and a stale hit only admits feedback on a deleted profile.
    private readonly ConcurrentDictionary<string, bool> _known = new(StringComparer.Ordinal);

    public FeedbackLedger Ledger => ledger;

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
        else if (!Known("q:", e.InquiryId, id => store.GetInquiry(id) is not null))
        {
            violations.Add(new FieldViolation(prefix + "inquiry_id", $"no inquiry {e.InquiryId} is stored; import the inquiry first"));
        }

        if (e.ExporterId.Length == 0)
        {
            violations.Add(new FieldViolation(prefix + "exporter_id", "is required"));
        }
        else if (!Known("e:", e.ExporterId, id => store.GetExporter(id) is not null))
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

    /// <summary>Stores events already through <see cref="Prepare"/> in one transaction and makes them count.</summary>
    public IReadOnlyList<FeedbackEvent> Record(IReadOnlyList<FeedbackEvent> prepared)
    {
        var stored = store.AppendFeedback(prepared);
        ledger.Add(stored);
        return stored;
    }

    /// <summary>Start-up: the ledger from every stored event.</summary>
    public long Load()
    {
        long count = 0;
        foreach (var chunk in store.ReadFeedback().Chunk(50_000))
        {
            ledger.Add(chunk);
            count += chunk.Length;
        }

        return count;
    }

    private bool Known(string kind, string id, Func<string, bool> exists)
    {
        if (_known.ContainsKey(kind + id))
        {
            return true;
        }

        if (!exists(id))
        {
            return false;
        }

        if (_known.Count > 200_000)
        {
            _known.Clear();
        }

        _known[kind + id] = true;
        return true;
    }
}
