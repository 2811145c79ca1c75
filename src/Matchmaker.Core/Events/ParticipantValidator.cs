using Matchmaker.Profiles;

namespace Matchmaker.Events;

/// <summary>
/// Normalizes and checks a participant against its event and the stored profiles, reporting every
/// problem with its API field path under the caller's prefix ("participant.").
/// </summary>
public static class ParticipantValidator
{
    public const int MaxUnavailableRanges = 200;

    /// <param name="exporterName">The stored exporter's name, or null when no such exporter is stored.</param>
    /// <param name="inquiryOf">A stored inquiry by id, or null.</param>
    /// <exception cref="ValidationException">Every problem of the participant.</exception>
    public static Participant Prepare(Participant p, Event e, Func<string, string?> exporterName, Func<string, Inquiry?> inquiryOf, string prefix = "")
    {
        var v = new FieldChecker(prefix);
        var n = Normalize(p);
        switch (n.Role)
        {
            case ParticipantRole.Exporter:
                if (n.ExporterId.Length == 0)
                {
                    v.Add("exporter_id", "an exporter participant names a stored exporter");
                }
                else if (exporterName(n.ExporterId) is { } name)
                {
                    n = n with { Name = n.Name.Length > 0 ? n.Name : name };
                }
                else
                {
                    v.Add("exporter_id", $"no exporter {n.ExporterId} is stored; import the exporter first");
                }

                NotFor(v, "buyer_id", n.BuyerId.Length > 0, "an exporter");
                NotFor(v, "inquiry_ids", n.InquiryIds.Count > 0, "an exporter");
                break;
            case ParticipantRole.Buyer:
                n = Buyer(v, n, inquiryOf);
                NotFor(v, "exporter_id", n.ExporterId.Length > 0, "a buyer");
                break;
            case ParticipantRole.Consultant:
                if (n.Name.Length == 0)
                {
                    v.Add("name", "a consultant needs a name");
                }

                NotFor(v, "exporter_id", n.ExporterId.Length > 0, "a consultant");
                NotFor(v, "buyer_id", n.BuyerId.Length > 0, "a consultant");
                NotFor(v, "inquiry_ids", n.InquiryIds.Count > 0, "a consultant");
                break;
            default:
                v.Add("role", "is required: buyer, exporter or consultant");
                break;
        }

        v.Id("id", n.Id);
        v.Text("name", n.Name, ProfileLimits.NameLength);
        v.Text("organization", n.Organization, ProfileLimits.NameLength);
        v.Languages("languages", n.Languages);
        Meetings(v, n, e);
        if (n.FixedTableId.Length > 0 && !e.Tables.Any(t => t.Id == n.FixedTableId))
        {
            v.Add("fixed_table_id", $"the event has no table {n.FixedTableId}");
        }

        v.Count("unavailable", n.Unavailable.Count, MaxUnavailableRanges);
        for (var i = 0; i < n.Unavailable.Count; i++)
        {
            var range = n.Unavailable[i];
            if (!e.Days.Any(d => d.Date == range.Date))
            {
                v.Add($"unavailable[{i}].date", $"{range.Date:yyyy-MM-dd} is not a day of the event");
            }

            if (range.From >= range.To)
            {
                v.Add($"unavailable[{i}].to", $"must be after from ({range.From:HH\\:mm})");
            }
        }

        v.ThrowIfAny();
        return n;
    }

    /// <summary>How many slots the event holds for meetings (its sessions' slots less their breaks).</summary>
    private static int MeetingSlots(Event e) => e.Days.Sum(d => d.Sessions.Sum(s => s.Slots - s.BreakSlots.Distinct().Count()));

    private static Participant Normalize(Participant p) => p with
    {
        EventId = p.EventId.Trim(),
        Id = p.Id.Trim().Length > 0 ? p.Id.Trim()
            : p.Role == ParticipantRole.Exporter ? p.ExporterId.Trim()
            : p.Role == ParticipantRole.Buyer ? p.BuyerId.Trim()
            : "",
        ExporterId = p.ExporterId.Trim(),
        BuyerId = p.BuyerId.Trim(),
        InquiryIds = [.. p.InquiryIds.Select(i => i.Trim()).Distinct(StringComparer.Ordinal)],
        Name = p.Name.Trim(),
        Organization = p.Organization.Trim(),
        Languages = [.. p.Languages.Select(l => l.Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal)],
        FixedTableId = p.FixedTableId.Trim(),
        Unavailable = [.. p.Unavailable.OrderBy(r => r.Date).ThenBy(r => r.From)],
    };

    private static Participant Buyer(FieldChecker v, Participant n, Func<string, Inquiry?> inquiryOf)
    {
        if (n.BuyerId.Length == 0)
        {
            v.Add("buyer_id", "a buyer participant names its buyer id (as its inquiries give it)");
        }

        if (n.InquiryIds.Count == 0)
        {
            v.Add("inquiry_ids", "a buyer participant names at least one of its stored inquiries");
        }

        v.Count("inquiry_ids", n.InquiryIds.Count, ProfileLimits.ListItems);
        var name = n.Name;
        for (var i = 0; i < n.InquiryIds.Count; i++)
        {
            if (inquiryOf(n.InquiryIds[i]) is not { } inquiry)
            {
                v.Add($"inquiry_ids[{i}]", $"no inquiry {n.InquiryIds[i]} is stored; import the inquiry first");
            }
            else if (!string.Equals(inquiry.BuyerId, n.BuyerId, StringComparison.Ordinal))
            {
                v.Add($"inquiry_ids[{i}]", $"inquiry {inquiry.Id} is buyer {inquiry.BuyerId}'s, not {n.BuyerId}'s");
            }
            else if (name.Length == 0)
            {
                name = inquiry.BuyerName;
            }
        }

        return n with { Name = name };
    }

    private static void Meetings(FieldChecker v, Participant n, Event e)
    {
        var slots = MeetingSlots(e);
        if (n.MaxMeetings < 0 || n.MaxMeetings > slots)
        {
            v.Add("max_meetings", $"must be 0 (as many as the schedule allows) to {slots}, the event's meeting slots (got {n.MaxMeetings})");
        }

        if (n.MinMeetings < 0 || n.MinMeetings > slots)
        {
            v.Add("min_meetings", $"must be 0 to {slots}, the event's meeting slots (got {n.MinMeetings})");
        }
        else if (n.MaxMeetings > 0 && n.MinMeetings > n.MaxMeetings)
        {
            v.Add("min_meetings", $"is more than max_meetings ({n.MinMeetings} > {n.MaxMeetings})");
        }
    }

    private static void NotFor(FieldChecker v, string field, bool given, string who)
    {
        if (given)
        {
            v.Add(field, $"is not for {who}");
        }
    }
}
