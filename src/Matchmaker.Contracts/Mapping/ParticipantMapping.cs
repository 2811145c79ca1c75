using Google.Protobuf.WellKnownTypes;
using Matchmaker.Events;
using Matchmaker.Profiles;

namespace Matchmaker.Mapping;

/// <summary>Participants and their unavailable times, proto ⇄ domain.</summary>
public static class ParticipantMapping
{
    /// <param name="prefix">The participant's path in the request ("participant."), for errors.</param>
    /// <exception cref="ValidationException">A date or a time that does not parse, each with its field.</exception>
    public static Participant ToDomain(this V1.Participant p, string prefix = "") => new()
    {
        EventId = p.EventId,
        Id = p.Id,
        Version = p.Version,
        Role = (ParticipantRole)(int)p.Role,
        ExporterId = p.ExporterId,
        BuyerId = p.BuyerId,
        InquiryIds = [.. p.InquiryIds],
        Name = p.Name,
        Organization = p.Organization,
        Languages = [.. p.Languages],
        MaxMeetings = p.MaxMeetings,
        MinMeetings = p.MinMeetings,
        FixedTableId = p.FixedTableId,
        Unavailable = p.Unavailable.ToDomain(prefix + "unavailable"),
    };

    /// <param name="field">The list's path in the request, for errors.</param>
    /// <exception cref="ValidationException">A date or a time that does not parse, each with its field.</exception>
    public static IReadOnlyList<LocalTimeRange> ToDomain(this IReadOnlyList<V1.LocalTimeRange> ranges, string field) =>
        LocalTimeText.Ranges([.. ranges.Select(r => (r.Date, r.From, r.To))], field);

    public static V1.Participant ToProto(this Participant p)
    {
        var proto = new V1.Participant
        {
            EventId = p.EventId,
            Id = p.Id,
            Version = p.Version,
            Role = (V1.ParticipantRole)(int)p.Role,
            ExporterId = p.ExporterId,
            BuyerId = p.BuyerId,
            Name = p.Name,
            Organization = p.Organization,
            MaxMeetings = p.MaxMeetings,
            MinMeetings = p.MinMeetings,
            FixedTableId = p.FixedTableId,
            CreatedAt = p.CreatedAt == default ? null : Timestamp.FromDateTimeOffset(p.CreatedAt),
            UpdatedAt = p.UpdatedAt == default ? null : Timestamp.FromDateTimeOffset(p.UpdatedAt),
        };
        proto.InquiryIds.AddRange(p.InquiryIds);
        proto.Languages.AddRange(p.Languages);
        proto.Unavailable.AddRange(p.Unavailable.Select(r => new V1.LocalTimeRange
        {
            Date = LocalTimes.Format(r.Date),
            From = LocalTimes.Format(r.From),
            To = r.To == TimeOnly.MaxValue ? "24:00" : LocalTimes.Format(r.To),
        }));
        return proto;
    }
}
