using Matchmaker.Store;

namespace Matchmaker.Events;

/// <summary>
/// Events' write path and reads: checked by <see cref="EventValidator"/>, written through the change
/// feed with the same version checks as profiles, read from their table.
/// </summary>
public sealed class EventCatalog(ChangeFeed changes, EventRosters rosters, EventBoards boards)
{
    private readonly IRecordTable<Event> _events = changes.Store.Table<Event>();

    /// <summary>Creates an event; without an id it gets one ("EVT-" and ten letters or digits).</summary>
    /// <exception cref="Profiles.ValidationException"/>
    /// <exception cref="RuleViolationException">An event with this id exists.</exception>
    /// <exception cref="VersionConflictException">One was created with this id at the same moment.</exception>
    public Change<Event> Create(Event e, string prefix = "")
    {
        var prepared = EventValidator.Prepare(e.Id.Trim().Length > 0 ? e : e with { Id = RandomId("EVT-", 10) }, prefix);
        return _events.Get(prepared.Id) is not null
            ? throw new RuleViolationException($"event {prepared.Id}", Rule.Of("event_exists", $"event {prepared.Id} already exists; UpdateEvent changes it"))
            : changes.Write<Event>(t => t.Upsert(prepared, expectedVersion: 0));
    }

    /// <summary>
    /// Replaces a stored event (its creation time and last schedule run's figures stay). A change that
    /// takes away a table a participant hosts at, or the table or slot of a live meeting, is refused
    /// with what depends on it, checked under the write lock.
    /// </summary>
    /// <exception cref="Profiles.ValidationException"/>
    /// <exception cref="RecordNotFoundException"/>
    /// <exception cref="VersionConflictException"/>
    /// <exception cref="RuleViolationException">Participants or meetings depend on a table or slot the change removes.</exception>
    public Change<Event> Update(Event e, long? expectedVersion, string prefix = "")
    {
        var prepared = EventValidator.Prepare(e, prefix);
        return changes.Write<Event>(t => t.Update(prepared.Id, expectedVersion, old =>
        {
            EnsureNothingLosesItsPlace(prepared);
            return prepared with { LastSchedule = old.LastSchedule };
        }));
    }

    public Event? Get(string id) => _events.Get(id);

    /// <summary>The stored event (the id trimmed).</summary>
    /// <exception cref="RecordNotFoundException"/>
    public Event Require(string id) => _events.Get(id.Trim()) ?? throw new RecordNotFoundException("event", id);

    /// <summary>The event, if it is not closed: a closed event's participants, requests and meetings stay as they are.</summary>
    /// <exception cref="RecordNotFoundException">No such event.</exception>
    /// <exception cref="RuleViolationException">The event is closed.</exception>
    public Event RequireOpen(string id)
    {
        var e = Require(id);
        return e.Status == EventStatus.Closed ? throw Closed(e) : e;
    }

    /// <summary>What a change to a closed event is refused with.</summary>
    public static RuleViolationException Closed(Event e) =>
        new($"event {e.Id}", Rule.Of("event_closed", $"the event is closed: its participants, requests and meetings stay as they are (outcomes can still be recorded; a status change reopens it)"));

    /// <summary>Events in the order they take place (drafts without days last), optionally of one status.</summary>
    public IReadOnlyList<Event> List(EventStatus? status = null) =>
        [.. _events.List()
            .Where(e => status is null || e.Status == status)
            .OrderBy(e => e.Days.Count == 0 ? DateOnly.MaxValue : e.Days[0].Date)
            .ThenBy(e => e.Name, StringComparer.Ordinal)
            .ThenBy(e => e.Id, StringComparer.Ordinal)];

    private void EnsureNothingLosesItsPlace(Event e)
    {
        var tables = e.Tables.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var slots = EventSlots.Of(e);
        var lost = new List<string>();
        lost.AddRange(rosters.Of(e.Id).ById.Values.Where(p => p.FixedTableId.Length > 0 && !tables.Contains(p.FixedTableId))
            .Select(p => $"{p.Id} hosts at table {p.FixedTableId}"));
        foreach (var m in boards.Of(e.Id).Meetings.Values.Where(m => m.Live && m.Placed))
        {
            if (!tables.Contains(m.TableId))
            {
                lost.Add($"meeting {m.Id} is at table {m.TableId}");
            }
            else if (EventSlots.At(slots, m.Date!.Value, m.Start!.Value) is null)
            {
                lost.Add($"meeting {m.Id} is at {m.Date:yyyy-MM-dd} {m.Start:HH\\:mm}, which would no longer be a meeting slot");
            }
        }

        if (lost.Count > 0)
        {
            var list = string.Join("; ", lost.Take(10)) + (lost.Count > 10 ? $"; and {lost.Count - 10} more" : "");
            throw new RuleViolationException($"event {e.Id}", Rule.Of("takes_away",
                $"the change takes away what {lost.Count} {(lost.Count == 1 ? "thing depends" : "things depend")} on: {list}. Move or cancel those meetings (or change those participants) first"));
        }
    }

    /// <summary>An id for a record staff did not name: the prefix and that many random hexadecimal digits.</summary>
    internal static string RandomId(string prefix, int digits) => prefix + Convert.ToHexString(Guid.NewGuid().ToByteArray())[..digits];
}
