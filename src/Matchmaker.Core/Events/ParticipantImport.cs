using Matchmaker.Profiles;
using Matchmaker.Serving;
using Matchmaker.Store;

namespace Matchmaker.Events;

/// <summary>
/// Participants added one message at a time from a stream (a registration system's export): each is
/// checked and added on its own, so one bad line costs only itself, and what was refused comes back
/// with its place in the stream, field and reason. An exporter or a buyer appears once across the
/// stream as in the event, since each add is checked against the roster its predecessors built. A
/// participant the event has already (by id, or by exporter or buyer id) is replaced by its line, so
/// importing a registration system's corrected export again updates the event instead of failing.
/// </summary>
public sealed class ParticipantImport(ParticipantCatalog catalog)
{
    public const int MaxErrors = 1_000;

    private readonly List<ImportError> _errors = [];
    private long _received;
    private long _imported;
    private long _failed;
    private long _lastSequence;
    private long _unchanged;

    /// <param name="id">The message's participant id (or exporter/buyer id) for the error list.</param>
    /// <param name="read">Maps the message; a <see cref="ValidationException"/> from it is this message's error.</param>
    public void Add(string id, Func<Participant> read)
    {
        var index = _received++;
        try
        {
            var participant = read();
            Change<Participant> change;
            try
            {
                change = catalog.Add(participant);
            }
            catch (VersionConflictException)
            {
                // Already in the event: the file's line replaces it, so a corrected export can be imported again.
                change = catalog.Update(participant, expectedVersion: null);
            }

            _imported++;
            if (change.Unchanged)
            {
                _unchanged++;
            }
            else
            {
                _lastSequence = change.Sequence;
            }
        }
        catch (ValidationException e)
        {
            Fail(index, id, e.Violations[0].Field, string.Join("; ", e.Violations.Select(v => v.Field == e.Violations[0].Field ? v.Reason : $"{v.Field}: {v.Reason}")));
        }
        catch (RecordNotFoundException e)
        {
            Fail(index, id, "event_id", e.Message);
        }
        catch (RuleViolationException e)
        {
            // The event refuses (closed): each line says so, and the import goes on to its summary.
            Fail(index, id, "event_id", e.Message);
        }
        catch (VersionConflictException)
        {
            Fail(index, id, "id", $"the event already has a participant {id}");
        }
    }

    /// <summary>The counts; the change log's position after the import, whether or not it added to it.</summary>
    public ImportResult Complete() =>
        new(_received, _imported, _failed, _lastSequence > 0 ? _lastSequence : catalog.LastSequence, _errors, _failed > _errors.Count, _unchanged);

    private void Fail(long index, string id, string field, string reason)
    {
        _failed++;
        if (_errors.Count < MaxErrors)
        {
            _errors.Add(new ImportError(index, id, field, reason));
        }
    }
}
