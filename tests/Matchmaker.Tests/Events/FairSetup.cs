using Microsoft.Extensions.DependencyInjection;
using Matchmaker.Tests.Support;
using Matchmaker.V1;
using Participant = Matchmaker.V1.Participant;
using ParticipantRole = Matchmaker.V1.ParticipantRole;

namespace Matchmaker.Tests.Events;

/// <summary>A small buyer-invitation fair the event tests share.</summary>
internal static class FairSetup
{
    /// <summary>
    /// The time the event tests live in: real time, shifted so that it starts at 2026-11-29 12:00 UTC when the tests
    /// start. Their fairs are in December 2026; under the real clock, from the day after them, every request would
    /// come after the deadline and pending ones would read as expired.
    /// </summary>
    public static TimeProvider Clock { get; } = new ShiftedClock(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));

    /// <summary>The service with <see cref="Clock"/> as its time.</summary>
    public static InProcessService Service(params (string Key, string Value)[] settings) =>
        new(null, s => s.AddSingleton(Clock), settings);

    /// <summary>Today in <see cref="Clock"/>'s time, YYYY-MM-DD (UTC).</summary>
    public static string Today => Clock.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private sealed class ShiftedClock(DateTimeOffset start) : TimeProvider
    {
        private readonly TimeSpan _shift = start - DateTimeOffset.UtcNow;

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _shift;
    }

    /// <summary>
    /// Buyers B-1 (fish, unavailable from 16:00 on the first day) and B-2 (fish), fish exporters EXP-1 and EXP-2, a timber
    /// exporter EXP-3 and a consultant C-1; three tables; each day 12 morning slots from 09:00 and 10 afternoon ones from 14:00
    /// with a break at 15:40; open for requests.
    /// </summary>
    public static async Task CreateAsync(InProcessService service, string eventId, string timeZone, params string[] days)
    {
        await service.Profiles.UpsertExporterAsync(new UpsertExporterRequest { Exporter = Samples.Exporter("EXP-1") });
        await service.Profiles.UpsertExporterAsync(new UpsertExporterRequest { Exporter = Samples.Exporter("EXP-2") });
        var timber = Samples.Exporter("EXP-3", "440710");
        timber.Description = "Sawn larch timber from Khabarovsk";
        await service.Profiles.UpsertExporterAsync(new UpsertExporterRequest { Exporter = timber });
        await service.Profiles.UpsertInquiryAsync(new UpsertInquiryRequest { Inquiry = Samples.Inquiry("Q-1") });
        var second = Samples.Inquiry("Q-2");
        second.BuyerId = "B-2";
        await service.Profiles.UpsertInquiryAsync(new UpsertInquiryRequest { Inquiry = second });
        var fair = new V1.Event
        {
            Id = eventId,
            Name = "Khabarovsk buyer-invitation fair",
            Kind = EventKind.BuyerInvitationFair,
            TimeZone = timeZone,
            Status = V1.EventStatus.OpenForRequests,
            Tables = { new EventTable { Id = "T1", Name = "Table 1" }, new EventTable { Id = "T2", Name = "Table 2" }, new EventTable { Id = "T3", Name = "Table 3" } },
        };
        foreach (var day in days)
        {
            fair.Days.Add(new EventDay
            {
                Date = day,
                Sessions =
                {
                    new EventSession { Period = SessionPeriod.Morning, Start = "09:00", SlotMinutes = 20, Slots = 12 },
                    new EventSession { Period = SessionPeriod.Afternoon, Start = "14:00", SlotMinutes = 20, Slots = 10, BreakSlots = { 5 } },
                },
            });
        }

        await service.Events.CreateEventAsync(new CreateEventRequest { Event = fair });
        var buyer = new Participant { EventId = eventId, Role = ParticipantRole.Buyer, BuyerId = "B-1", InquiryIds = { "Q-1" }, MaxMeetings = 6 };
        buyer.Unavailable.Add(new V1.LocalTimeRange { Date = days[0], From = "16:00", To = "24:00" });
        await service.Events.AddParticipantAsync(new AddParticipantRequest { Participant = buyer });
        await service.Events.AddParticipantAsync(new AddParticipantRequest
        {
            Participant = new Participant { EventId = eventId, Role = ParticipantRole.Buyer, BuyerId = "B-2", InquiryIds = { "Q-2" }, MaxMeetings = 6 },
        });
        foreach (var id in new[] { "EXP-1", "EXP-2", "EXP-3" })
        {
            await service.Events.AddParticipantAsync(new AddParticipantRequest { Participant = new Participant { EventId = eventId, Role = ParticipantRole.Exporter, ExporterId = id } });
        }

        await service.Events.AddParticipantAsync(new AddParticipantRequest
        {
            Participant = new Participant { EventId = eventId, Id = "C-1", Role = ParticipantRole.Consultant, Name = "Export consultant" },
        });
    }
}
