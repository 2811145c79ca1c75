using Matchmaker.Profiles;
using Matchmaker.Store;

namespace Matchmaker.Events;

/// <summary>
/// Participants' write path and reads. Checked against their event and the stored profiles
/// (<see cref="ParticipantValidator"/>); an exporter or a buyer takes part in an event once, which
/// is checked under the feed's write lock so two staff adding the same exporter cannot both succeed.
/// Reads come from the in-memory rosters.
/// </summary>
public sealed class ParticipantCatalog(ChangeFeed changes, EventCatalog events, EventRosters rosters, EventBoards boards)
{
    private readonly IRecordTable<Inquiry> _inquiries = changes.Store.Table<Inquiry>();
    private readonly IRecordTable<Exporter> _exporters = changes.Store.Table<Exporter>();

    /// <summary>Where the change log stands.</summary>
    public long LastSequence => changes.Store.LastSequence;

    /// <summary>Adds a participant; without an id it is known by its exporter or buyer id (a consultant gets "C-" and eight letters or digits).</summary>
    /// <exception cref="RecordNotFoundException">No such event.</exception>
    /// <exception cref="ValidationException"/>
    /// <exception cref="VersionConflictException">The event already has a participant with this id.</exception>
    public Change<Participant> Add(Participant p, string prefix = "")
    {
        var named = p.Role == ParticipantRole.Consultant && p.Id.Trim().Length == 0 ? p with { Id = EventCatalog.RandomId("C-", 8) } : p;
        var prepared = Prepare(named, prefix);
        return changes.Write<Participant>(t =>
        {
            EnsureOnce(prepared, prefix);
            return t.Upsert(prepared, expectedVersion: 0);
        });
    }

    /// <summary>Replaces a participant of an event.</summary>
    /// <exception cref="RecordNotFoundException">No such event or participant.</exception>
    /// <exception cref="ValidationException"/>
    /// <exception cref="VersionConflictException"/>
    public Change<Participant> Update(Participant p, long? expectedVersion, string prefix = "")
    {
        var prepared = Prepare(p, prefix);
        return changes.Write<Participant>(t =>
        {
            EnsureOnce(prepared, prefix);
            return t.Update(prepared.Key, expectedVersion, _ => prepared);
        });
    }

    /// <summary>Replaces when a participant cannot meet.</summary>
    /// <exception cref="RecordNotFoundException">No such event or participant.</exception>
    /// <exception cref="ValidationException"/>
    /// <exception cref="VersionConflictException"/>
    public Change<Participant> SetAvailability(string eventId, string participantId, IReadOnlyList<LocalTimeRange> unavailable, long? expectedVersion,
        string prefix = "")
    {
        var current = Get(eventId, participantId) ?? throw new RecordNotFoundException("participant", Participant.KeyOf(eventId, participantId));
        return Update(current with { Unavailable = unavailable }, expectedVersion, prefix);
    }

    /// <summary>
    /// Takes a participant out of the event (the record stays as a tombstone) and cancels its meetings
    /// not yet held, with the withdrawal as the reason; returns the removal and how many meetings it cancelled.
    /// </summary>
    /// <exception cref="RecordNotFoundException">No such participant.</exception>
    /// <exception cref="VersionConflictException"/>
    public (Change<Participant> Removal, int Cancelled) Remove(string eventId, string participantId, long? expectedVersion, string reason = "")
    {
        events.RequireOpen(eventId);
        var removal = changes.Write<Participant>(t => t.Delete(Participant.KeyOf(eventId, participantId), expectedVersion));
        var why = $"{participantId} withdrew" + (reason.Trim().Length > 0 ? $": {reason.Trim()}" : "");
        var open = boards.Of(eventId).Meetings.Values
            .Where(m => m.Involves(participantId) && m.Status is MeetingStatus.Proposed or MeetingStatus.Confirmed).ToList();
        if (open.Count > 0)
        {
            changes.WriteMany<Meeting>(table =>
                [.. open.Select(m => table.Update(m.Key, null, x => x.Becomes(MeetingStatus.Cancelled, why)))]);
        }

        return (removal, open.Count);
    }

    public Participant? Get(string eventId, string participantId) => rosters.Of(eventId).ById.GetValueOrDefault(participantId);

    /// <summary>The event's participants by id, optionally of one role.</summary>
    public IReadOnlyList<Participant> List(string eventId, ParticipantRole? role = null) =>
        [.. rosters.Of(eventId).ById.Values.Where(p => role is null || p.Role == role)];

    private Participant Prepare(Participant p, string prefix)
    {
        var e = events.RequireOpen(p.EventId);
        return ParticipantValidator.Prepare(p, e, id => _exporters.Get(id)?.Name, _inquiries.Get, prefix);
    }

    /// <summary>Under the write lock: the exporter or buyer is not already another participant of the event.</summary>
    private void EnsureOnce(Participant p, string prefix)
    {
        var roster = rosters.Of(p.EventId);
        if (p.ExporterId.Length > 0 && roster.ByExporter.TryGetValue(p.ExporterId, out var asExporter) && asExporter != p.Id)
        {
            throw ValidationException.Of(prefix + "exporter_id", $"exporter {p.ExporterId} already takes part as participant {asExporter}");
        }

        if (p.BuyerId.Length > 0 && roster.ByBuyer.TryGetValue(p.BuyerId, out var asBuyer) && asBuyer != p.Id)
        {
            throw ValidationException.Of(prefix + "buyer_id", $"buyer {p.BuyerId} already takes part as participant {asBuyer}");
        }
    }
}
