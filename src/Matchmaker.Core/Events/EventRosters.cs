using System.Collections.Concurrent;
using System.Collections.Immutable;
using Matchmaker.Profiles;
using Matchmaker.Store;

namespace Matchmaker.Events;

/// <summary>
/// Every event's live participants in memory, following participants on the change log (rebuilt
/// from the whole log at start-up): listing an event's participants, and checking that an exporter
/// or a buyer takes part once, read no store. Each event's roster is an immutable value replaced on
/// write, so readers never lock.
/// </summary>
public sealed class EventRosters : IChangeFollower<Participant>
{
    private readonly ConcurrentDictionary<string, Roster> _byEvent = new(StringComparer.Ordinal);

    long IChangeFollower.ReplayAfter => 0;

    public Roster Of(string eventId) => _byEvent.GetValueOrDefault(eventId, Roster.Empty);

    public void Follow(Change<Participant> change) =>
        _byEvent.AddOrUpdate(change.Record.EventId, _ => Roster.Empty.With(change.Record, change.Deleted), (_, r) => r.With(change.Record, change.Deleted));

    /// <summary>One event's participants, and who is which exporter and which buyer.</summary>
    public sealed class Roster
    {
        private Roster(ImmutableSortedDictionary<string, Participant> byId, ImmutableDictionary<string, string> byExporter,
            ImmutableDictionary<string, string> byBuyer)
        {
            ById = byId;
            ByExporter = byExporter;
            ByBuyer = byBuyer;
        }

        public static Roster Empty { get; } = new(ImmutableSortedDictionary.Create<string, Participant>(StringComparer.Ordinal),
            ImmutableDictionary.Create<string, string>(StringComparer.Ordinal), ImmutableDictionary.Create<string, string>(StringComparer.Ordinal));

        /// <summary>Participants by id, in id order.</summary>
        public ImmutableSortedDictionary<string, Participant> ById { get; }

        /// <summary>Exporter id → the participant who is that exporter.</summary>
        public ImmutableDictionary<string, string> ByExporter { get; }

        /// <summary>Buyer id → the participant who is that buyer.</summary>
        public ImmutableDictionary<string, string> ByBuyer { get; }

        /// <summary>Participant id → its name, or its id when it has none: as agendas, grids and the API's meetings name people.</summary>
        public Dictionary<string, string> Names() => ById.Values.ToDictionary(p => p.Id, p => p.Name.Length > 0 ? p.Name : p.Id, StringComparer.Ordinal);

        /// <summary>Two different participants of this roster's open event, for a request, a block or a meeting.</summary>
        /// <exception cref="ValidationException">Either is missing or unknown, or they are the same.</exception>
        /// <exception cref="RuleViolationException">The event is closed.</exception>
        public (Participant A, Participant B) Pair(Event e, string a, string b, string fieldA, string fieldB)
        {
            var check = new FieldChecker("");
            var pa = ById.GetValueOrDefault(a.Trim());
            var pb = ById.GetValueOrDefault(b.Trim());
            if (pa is null)
            {
                check.Add(fieldA, a.Trim().Length == 0 ? "is required" : $"no participant {a.Trim()} in event {e.Id}");
            }

            if (pb is null)
            {
                check.Add(fieldB, b.Trim().Length == 0 ? "is required" : $"no participant {b.Trim()} in event {e.Id}");
            }
            else if (pa is not null && pa.Id == pb.Id)
            {
                check.Add(fieldB, "a participant does not meet itself");
            }

            check.ThrowIfAny();
            return e.Status == EventStatus.Closed ? throw EventCatalog.Closed(e) : (pa!, pb!);
        }

        internal Roster With(Participant p, bool deleted)
        {
            var (byId, byExporter, byBuyer) = (ById, ByExporter, ByBuyer);
            if (byId.TryGetValue(p.Id, out var old))
            {
                byExporter = old.ExporterId.Length > 0 ? byExporter.Remove(old.ExporterId) : byExporter;
                byBuyer = old.BuyerId.Length > 0 ? byBuyer.Remove(old.BuyerId) : byBuyer;
                byId = byId.Remove(p.Id);
            }

            if (!deleted)
            {
                byId = byId.SetItem(p.Id, p);
                byExporter = p.ExporterId.Length > 0 ? byExporter.SetItem(p.ExporterId, p.Id) : byExporter;
                byBuyer = p.BuyerId.Length > 0 ? byBuyer.SetItem(p.BuyerId, p.Id) : byBuyer;
            }

            return new Roster(byId, byExporter, byBuyer);
        }
    }
}
