using Matchmaker.Store;

namespace Matchmaker.Events;

/// <summary>
/// Events' write path and reads: checked by <see cref="EventValidator"/>, written through the change
/// feed with the same version checks as profiles, read from their table.
/// </summary>
public sealed class EventCatalog(ChangeFeed changes)
{
    private readonly IRecordTable<Event> _events = changes.Store.Table<Event>();

    /// <summary>Creates an event; without an id it gets one ("EVT-" and ten letters or digits).</summary>
    /// <exception cref="Profiles.ValidationException"/>
    /// <exception cref="VersionConflictException">An event with this id exists.</exception>
    public Change<Event> Create(Event e, string prefix = "")
    {
        var prepared = EventValidator.Prepare(e.Id.Trim().Length > 0 ? e : e with { Id = RandomId("EVT-", 10) }, prefix);
        return changes.Write<Event>(t => t.Upsert(prepared, expectedVersion: 0));
    }

    /// <summary>Replaces a stored event (its creation time and last schedule run's figures stay).</summary>
    /// <exception cref="Profiles.ValidationException"/>
    /// <exception cref="RecordNotFoundException"/>
    /// <exception cref="VersionConflictException"/>
    public Change<Event> Update(Event e, long? expectedVersion, string prefix = "")
    {
        var prepared = EventValidator.Prepare(e, prefix);
        return changes.Write<Event>(t => t.Update(prepared.Id, expectedVersion, old => prepared with { LastSchedule = old.LastSchedule }));
    }

    public Event? Get(string id) => _events.Get(id);

    /// <summary>Events in the order they take place (drafts without days last), optionally of one status.</summary>
    public IReadOnlyList<Event> List(EventStatus? status = null) =>
        [.. _events.List()
            .Where(e => status is null || e.Status == status)
            .OrderBy(e => e.Days.Count == 0 ? DateOnly.MaxValue : e.Days[0].Date)
            .ThenBy(e => e.Name, StringComparer.Ordinal)
            .ThenBy(e => e.Id, StringComparer.Ordinal)];

    /// <summary>An id for a record staff did not name: the prefix and that many random hexadecimal digits.</summary>
    internal static string RandomId(string prefix, int digits) => prefix + Convert.ToHexString(Guid.NewGuid().ToByteArray())[..digits];
}
