using Matchmaker.Events;
using Matchmaker.Profiles;

namespace Matchmaker.DemoData;

/// <summary>
/// A demo buyer-invitation fair over the demo records: four weeks after the as-of date, two days in
/// Khabarovsk (Asia/Vladivostok) of a morning and an afternoon session of 20-minute slots with a
/// coffee break each, twelve tables; buyers with their open inquiries, exporters whose products share
/// an HS heading with them, and two export consultants. Synthetic, like the records it uses.
/// </summary>
public static class DemoEvent
{
    public const string Id = "DEMO-FAIR";

    public static (Event Event, List<Participant> Participants) Build(IEnumerable<Exporter> exporters, IEnumerable<Inquiry> inquiries, DateTimeOffset asOf,
        int buyers = 30, int exporterCount = 60, string id = Id)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Vladivostok");
        var first = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(asOf, zone).Date).AddDays(28);
        var e = new Event
        {
            Id = id,
            Name = "Khabarovsk Krai buyer-invitation fair (demo)",
            Kind = EventKind.BuyerInvitationFair,
            TimeZone = "Asia/Vladivostok",
            Location = "Khabarovsk, export support centre",
            Description = "1:1 meetings between invited Asia–Pacific buyers and exporters of the Russian Far East. Synthetic demo data.",
            Days = [Day(first), Day(first.AddDays(1))],
            Tables = [.. Enumerable.Range(1, 12).Select(i => new EventTable { Id = $"T{i:00}", Name = $"Table {i}" })],
            RequestDeadline = new DateTimeOffset(first.AddDays(-2).ToDateTime(new TimeOnly(18, 0)), zone.BaseUtcOffset),
            Status = EventStatus.OpenForRequests,
        };

        // Buyers with open inquiries, up to two inquiries each, in id order.
        var open = inquiries.Where(q => q.IsOpenAt(asOf) && q.BuyerId.Length > 0).GroupBy(q => q.BuyerId, StringComparer.Ordinal)
            .OrderBy(g => g.Min(q => q.Id), StringComparer.Ordinal).Take(buyers).ToList();
        var headings = open.SelectMany(g => g.SelectMany(q => q.HsCodes)).Select(Heading).ToHashSet(StringComparer.Ordinal);
        var active = exporters.Where(x => x.Active).ToList();
        var chosen = active.Where(x => x.Products.Any(p => headings.Contains(Heading(p.HsCode)))).Take(exporterCount).ToList();
        chosen.AddRange(active.Where(x => !chosen.Contains(x)).Take(Math.Max(0, exporterCount - chosen.Count)));

        var participants = new List<Participant>();
        participants.AddRange(open.Select(g => new Participant
        {
            EventId = id, Id = g.Key, Role = ParticipantRole.Buyer, BuyerId = g.Key, InquiryIds = [.. g.OrderBy(q => q.Id, StringComparer.Ordinal).Take(2).Select(q => q.Id)],
            MaxMeetings = 12, MinMeetings = 4,
        }));
        participants.AddRange(chosen.OrderBy(x => x.Id, StringComparer.Ordinal).Select(x => new Participant
        {
            EventId = id, Id = x.Id, Role = ParticipantRole.Exporter, ExporterId = x.Id, MaxMeetings = 8, MinMeetings = 2,
        }));
        participants.Add(new Participant
        {
            EventId = id, Id = "C-LAW", Role = ParticipantRole.Consultant, Name = "Foreign trade lawyer", Organization = "Export support centre",
            Languages = ["ru", "en"], MaxMeetings = 10, FixedTableId = "T12",
        });
        participants.Add(new Participant
        {
            EventId = id, Id = "C-LOG", Role = ParticipantRole.Consultant, Name = "Logistics and customs adviser", Organization = "Export support centre",
            Languages = ["ru", "zh"], MaxMeetings = 10, FixedTableId = "T11",
        });
        return (e, participants);
    }

    private static EventDay Day(DateOnly date) => new()
    {
        Date = date,
        Sessions =
        [
            new EventSession { Period = SessionPeriod.Morning, Start = new TimeOnly(9, 30), SlotMinutes = 20, Slots = 9, BreakSlots = [4] },
            new EventSession { Period = SessionPeriod.Afternoon, Start = new TimeOnly(14, 0), SlotMinutes = 20, Slots = 10, BreakSlots = [5] },
        ],
    };

    private static string Heading(string hs) => hs.Length >= 4 ? hs[..4] : hs;
}
