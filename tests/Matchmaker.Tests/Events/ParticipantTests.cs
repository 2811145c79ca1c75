using Grpc.Core;
using Matchmaker.Hosting;
using Matchmaker.Mapping;
using Matchmaker.Serving;
using Matchmaker.Tests.Support;
using Matchmaker.V1;
using Participant = Matchmaker.V1.Participant;
using ParticipantRole = Matchmaker.V1.ParticipantRole;

namespace Matchmaker.Tests.Events;

/// <summary>Buyers, exporters and consultants in an event: checked against the event and the stored profiles, each exporter and buyer once.</summary>
public sealed class ParticipantTests : IDisposable
{
    private readonly InProcessService _service = FairSetup.Service();

    public static TheoryData<string, string, string> BadParticipants => new()
    {
        // case, expected field, a word the reason must contain
        { "no role", "participant.role", "buyer, exporter or consultant" },
        { "exporter not stored", "participant.exporter_id", "no exporter EXP-9" },
        { "exporter with a buyer id", "participant.buyer_id", "not for an exporter" },
        { "buyer without inquiries", "participant.inquiry_ids", "at least one" },
        { "inquiry of another buyer", "participant.inquiry_ids[0]", "buyer B-2's, not B-1's" },
        { "inquiry not stored", "participant.inquiry_ids[0]", "no inquiry Q-9" },
        { "consultant without a name", "participant.name", "needs a name" },
        { "more wanted than allowed", "participant.min_meetings", "more than max_meetings" },
        { "more meetings than slots", "participant.max_meetings", "21, the event's meeting slots" },
        { "unknown fixed table", "participant.fixed_table_id", "no table T9" },
        { "unavailable on another day", "participant.unavailable[0].date", "not a day of the event" },
        { "unavailable backwards", "participant.unavailable[0].to", "after from" },
        { "unavailable time that is not a time", "participant.unavailable[0].from", "09:30" },
        { "unknown language", "participant.languages[0]", "ISO 639-1" },
    };

    [Fact]
    public async Task Buyers_exporters_and_consultants_join_an_event_once_each()
    {
        await Setup();
        var exporter = await Add(new Participant { EventId = "KHV-1", Role = ParticipantRole.Exporter, ExporterId = "EXP-1", MaxMeetings = 8 });
        var buyer = await Add(new Participant { EventId = "KHV-1", Role = ParticipantRole.Buyer, BuyerId = "B-1", InquiryIds = { "Q-1" }, MinMeetings = 4 });
        var consultant = await Add(new Participant { EventId = "KHV-1", Role = ParticipantRole.Consultant, Name = "Olga Petrova", Organization = "Export support centre" });

        Assert.Equal(("EXP-1", "Exporter EXP-1", 1L), (exporter.Participant.Id, exporter.Participant.Name, exporter.Participant.Version));
        Assert.Equal(("B-1", "Busan Seafood Trading"), (buyer.Participant.Id, buyer.Participant.Name));
        Assert.StartsWith("C-", consultant.Participant.Id, StringComparison.Ordinal);
        Assert.Equal(["B-1", consultant.Participant.Id, "EXP-1"], await Ids());
        Assert.Equal(["B-1"], await Ids(ParticipantRole.Buyer));

        var again = await Assert.ThrowsAsync<RpcException>(() => _service.Events.AddParticipantAsync(new AddParticipantRequest
        {
            Participant = new Participant { EventId = "KHV-1", Id = "EXP-1-AGAIN", Role = ParticipantRole.Exporter, ExporterId = "EXP-1" },
        }).ResponseAsync);
        RpcAssert.Violation(again, "participant.exporter_id", "already takes part as participant EXP-1");
        var sameId = await Assert.ThrowsAsync<RpcException>(() => _service.Events.AddParticipantAsync(new AddParticipantRequest
        {
            Participant = new Participant { EventId = "KHV-1", Role = ParticipantRole.Exporter, ExporterId = "EXP-1" },
        }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, sameId.StatusCode);
        var noEvent = await Assert.ThrowsAsync<RpcException>(() => Add(new Participant { EventId = "NO-SUCH", Role = ParticipantRole.Exporter, ExporterId = "EXP-2" }));
        Assert.Equal(StatusCode.NotFound, noEvent.StatusCode);

        var away = await _service.Events.SetAvailabilityAsync(new SetAvailabilityRequest
        {
            EventId = "KHV-1",
            ParticipantId = "B-1",
            Unavailable = { new V1.LocalTimeRange { Date = "2026-12-03", From = "09:00", To = "10:30" } },
            ExpectedVersion = 1,
        });
        Assert.Equal((2L, "10:30"), (away.Participant.Version, away.Participant.Unavailable.Single().To));
        Assert.Equal(["Q-1"], away.Participant.InquiryIds);
        var stale = await Assert.ThrowsAsync<RpcException>(() => _service.Events.SetAvailabilityAsync(new SetAvailabilityRequest
        {
            EventId = "KHV-1",
            ParticipantId = "B-1",
            ExpectedVersion = 1,
        }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, stale.StatusCode);

        await _service.Events.RemoveParticipantAsync(new RemoveParticipantRequest { EventId = "KHV-1", ParticipantId = consultant.Participant.Id });
        Assert.Equal(["B-1", "EXP-1"], await Ids());
        var gone = await Assert.ThrowsAsync<RpcException>(() => _service.Events.GetParticipantAsync(new GetParticipantRequest
        {
            EventId = "KHV-1",
            ParticipantId = consultant.Participant.Id,
        }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, gone.StatusCode);
        Assert.Equal(away.Participant, await _service.Events.GetParticipantAsync(new GetParticipantRequest { EventId = "KHV-1", ParticipantId = "B-1" }));
    }

    [Theory]
    [MemberData(nameof(BadParticipants))]
    public async Task A_bad_participant_is_refused_with_the_field_and_nothing_is_stored(string problem, string field, string reason)
    {
        await Setup();
        var p = new Participant { EventId = "KHV-1", Id = "P-1", Role = ParticipantRole.Exporter, ExporterId = "EXP-1" };
        var buyer = new Participant { EventId = "KHV-1", Id = "P-1", Role = ParticipantRole.Buyer, BuyerId = "B-1", InquiryIds = { "Q-1" } };
        switch (problem)
        {
            case "no role": p.Role = ParticipantRole.Unspecified; break;
            case "exporter not stored": p.ExporterId = "EXP-9"; break;
            case "exporter with a buyer id": p.BuyerId = "B-1"; break;
            case "buyer without inquiries": p = buyer; p.InquiryIds.Clear(); break;
            case "inquiry of another buyer": p = buyer; p.InquiryIds[0] = "Q-2"; break;
            case "inquiry not stored": p = buyer; p.InquiryIds[0] = "Q-9"; break;
            case "consultant without a name": p = new Participant { EventId = "KHV-1", Id = "P-1", Role = ParticipantRole.Consultant }; break;
            case "more wanted than allowed": p.MaxMeetings = 3; p.MinMeetings = 5; break;
            case "more meetings than slots": p.MaxMeetings = 22; break;
            case "unknown fixed table": p.FixedTableId = "T9"; break;
            case "unavailable on another day": p.Unavailable.Add(new V1.LocalTimeRange { Date = "2026-12-04", From = "09:00", To = "10:00" }); break;
            case "unavailable backwards": p.Unavailable.Add(new V1.LocalTimeRange { Date = "2026-12-03", From = "11:00", To = "10:00" }); break;
            case "unavailable time that is not a time": p.Unavailable.Add(new V1.LocalTimeRange { Date = "2026-12-03", From = "nine", To = "10:00" }); break;
            case "unknown language": p.Languages.Add("xx"); break;
            default: throw new ArgumentException(problem);
        }

        var error = await Assert.ThrowsAsync<RpcException>(() => Add(p));

        RpcAssert.Violation(error, field, reason);
        Assert.Empty(await Ids());
    }

    [Fact]
    public void Rosters_are_rebuilt_from_the_change_log_at_start_up()
    {
        using var data = new TempDirectory();
        using (var engine = MatchmakerEngine.Start(data.Path, ("Matchmaker:ActivateShippedModel", "false")))
        {
            engine.Get<ProfileCatalog>().UpsertExporter(Samples.Exporter("EXP-1").ToDomain(), null);
            engine.Get<ProfileCatalog>().UpsertExporter(Samples.Exporter("EXP-2").ToDomain(), null);
            engine.Get<Matchmaker.Events.EventCatalog>().Create(Fair("KHV-1").ToDomain());
            var participants = engine.Get<Matchmaker.Events.ParticipantCatalog>();
            participants.Add(new Matchmaker.Events.Participant { EventId = "KHV-1", Id = "", Role = Matchmaker.Events.ParticipantRole.Exporter, ExporterId = "EXP-1" });
            participants.Add(new Matchmaker.Events.Participant { EventId = "KHV-1", Id = "", Role = Matchmaker.Events.ParticipantRole.Exporter, ExporterId = "EXP-2" });
            participants.Remove("KHV-1", "EXP-1", expectedVersion: 1);
        }

        using var again = MatchmakerEngine.Start(data.Path, ("Matchmaker:ActivateShippedModel", "false"));
        var roster = again.Get<Matchmaker.Events.ParticipantCatalog>();
        Assert.Equal(["EXP-2"], roster.List("KHV-1").Select(p => p.Id));
        // Removed, so the exporter may join again.
        Assert.Equal(3, roster.Add(new Matchmaker.Events.Participant { EventId = "KHV-1", Id = "", Role = Matchmaker.Events.ParticipantRole.Exporter, ExporterId = "EXP-1" }).Version);
    }

    public void Dispose() => _service.Dispose();

    private static V1.Event Fair(string id) => new()
    {
        Id = id,
        Name = "Khabarovsk buyer-invitation fair",
        Kind = EventKind.BuyerInvitationFair,
        TimeZone = "Asia/Vladivostok",
        Days =
        {
            new EventDay
            {
                Date = "2026-12-03",
                Sessions =
                {
                    new EventSession { Period = SessionPeriod.Morning, Start = "09:00", SlotMinutes = 20, Slots = 12 },
                    new EventSession { Period = SessionPeriod.Afternoon, Start = "14:00", SlotMinutes = 20, Slots = 10, BreakSlots = { 5 } },
                },
            },
        },
        Tables = { new EventTable { Id = "T1" }, new EventTable { Id = "T2" } },
    };

    private async Task Setup()
    {
        foreach (var id in new[] { "EXP-1", "EXP-2" })
        {
            await _service.Profiles.UpsertExporterAsync(new UpsertExporterRequest { Exporter = Samples.Exporter(id) });
        }

        await _service.Profiles.UpsertInquiryAsync(new UpsertInquiryRequest { Inquiry = Samples.Inquiry("Q-1") });
        var other = Samples.Inquiry("Q-2");
        other.BuyerId = "B-2";
        await _service.Profiles.UpsertInquiryAsync(new UpsertInquiryRequest { Inquiry = other });
        await _service.Events.CreateEventAsync(new CreateEventRequest { Event = Fair("KHV-1") });
    }

    private async Task<ParticipantResponse> Add(Participant p) =>
        await _service.Events.AddParticipantAsync(new AddParticipantRequest { Participant = p });

    private async Task<List<string>> Ids(ParticipantRole role = ParticipantRole.Unspecified) =>
        [.. (await _service.Events.ListParticipantsAsync(new ListParticipantsRequest { EventId = "KHV-1", Role = role })).Participants.Select(p => p.Id)];
}
