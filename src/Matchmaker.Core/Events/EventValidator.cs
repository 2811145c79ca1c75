using Matchmaker.Profiles;

namespace Matchmaker.Events;

/// <summary>
/// Normalizes and checks an event. Every problem is reported with its API field path under the
/// caller's prefix ("event."). A draft may lack days and tables; an event open for requests or
/// further along needs both.
/// </summary>
public static class EventValidator
{
    public const int MaxDays = 31;
    public const int MaxSessionsPerDay = 6;
    public const int MinSlotMinutes = 5;
    public const int MaxSlotMinutes = 240;
    public const int MaxSlotsPerSession = 96;
    public const int MaxTables = 1_000;
    public const int LocationLength = 300;

    /// <exception cref="ValidationException">Every problem of the event.</exception>
    public static Event Prepare(Event e, string prefix = "")
    {
        var normalized = Normalize(e);
        var v = new FieldChecker(prefix);
        v.Id("id", normalized.Id);
        if (normalized.Name.Length == 0)
        {
            v.Add("name", "must not be empty");
        }

        v.Text("name", normalized.Name, ProfileLimits.NameLength);
        v.Text("location", normalized.Location, LocationLength);
        v.Text("description", normalized.Description, ProfileLimits.DescriptionLength);
        if (!Enum.IsDefined(normalized.Kind))
        {
            v.Add("kind", "is required: buyer_invitation_fair, export_consultation_meeting or online");
        }

        if (!Enum.IsDefined(normalized.Status))
        {
            v.Add("status", $"unknown status {(int)normalized.Status}");
        }

        var zone = Zone(v, normalized.TimeZone);
        Days(v, normalized.Days);
        Tables(v, normalized);
        if (normalized.Status is not EventStatus.Draft && (normalized.Days.Count == 0 || normalized.Tables.Count == 0))
        {
            v.Add(normalized.Days.Count == 0 ? "days" : "tables", $"an event that is not a draft needs days with sessions and tables (status {normalized.Status})");
        }

        if (zone is not null && normalized.RequestDeadline is { } deadline && EndOf(normalized, zone) is { } end && deadline > end)
        {
            v.Add("request_deadline", $"is after the event's last slot ends ({end:yyyy-MM-dd HH:mm zzz})");
        }

        v.ThrowIfAny();
        return normalized;
    }

    /// <summary>The end of the last session of the last day, as an instant; null without days.</summary>
    private static DateTimeOffset? EndOf(Event e, TimeZoneInfo zone)
    {
        var last = e.Days.Count == 0 ? null : e.Days[^1];
        if (last is null || last.Sessions.Count == 0)
        {
            return null;
        }

        var local = last.Date.ToDateTime(TimeOnly.MinValue).AddMinutes(last.Sessions.Max(EndMinutes));
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private static Event Normalize(Event e) => e with
    {
        Id = e.Id.Trim(),
        Name = e.Name.Trim(),
        Location = e.Location.Trim(),
        Description = e.Description.Trim(),
        TimeZone = e.TimeZone.Trim(),
        Status = e.Status == 0 ? EventStatus.Draft : e.Status,
        Days = [.. e.Days.OrderBy(d => d.Date).Select(d => d with
        {
            Sessions = [.. d.Sessions.OrderBy(s => s.Start).Select(s => s with { BreakSlots = [.. s.BreakSlots.Order()] })],
        })],
        Tables = [.. e.Tables.Select(t => t with { Id = t.Id.Trim(), Name = t.Name.Trim(), VideoLink = t.VideoLink.Trim() })],
    };

    private static TimeZoneInfo? Zone(FieldChecker v, string id)
    {
        if (id.Length == 0)
        {
            v.Add("time_zone", "must not be empty: an IANA time zone such as Asia/Vladivostok");
            return null;
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        {
            v.Add("time_zone", $"{FieldViolation.Quote(id)} is not a known IANA time zone (e.g. Asia/Vladivostok, Asia/Seoul)");
            return null;
        }

        if (!zone.HasIanaId)
        {
            v.Add("time_zone", $"{FieldViolation.Quote(id)} is a Windows zone name; give its IANA name (e.g. Europe/Moscow)");
            return null;
        }

        return zone;
    }

    private static void Days(FieldChecker v, IReadOnlyList<EventDay> days)
    {
        v.Count("days", days.Count, MaxDays);
        for (var d = 0; d < days.Count; d++)
        {
            var day = days[d];
            var at = $"days[{d}].";
            if (d > 0 && days[d - 1].Date == day.Date)
            {
                v.Add(at + "date", $"{day.Date:yyyy-MM-dd} is given twice");
            }

            if (day.Sessions.Count == 0)
            {
                v.Add(at + "sessions", "a day needs at least one session");
            }

            v.Count(at + "sessions", day.Sessions.Count, MaxSessionsPerDay);
            for (var s = 0; s < day.Sessions.Count; s++)
            {
                Session(v, $"{at}sessions[{s}].", day.Sessions[s], s > 0 ? day.Sessions[s - 1] : null);
            }
        }
    }

    private static void Session(FieldChecker v, string at, EventSession session, EventSession? before)
    {
        if (!Enum.IsDefined(session.Period))
        {
            v.Add(at + "period", "is required: morning or afternoon");
        }

        if (session.SlotMinutes is < MinSlotMinutes or > MaxSlotMinutes)
        {
            v.Add(at + "slot_minutes", $"must be {MinSlotMinutes}–{MaxSlotMinutes} (got {session.SlotMinutes})");
            return;
        }

        if (session.Slots is < 1 or > MaxSlotsPerSession)
        {
            v.Add(at + "slots", $"must be 1–{MaxSlotsPerSession} (got {session.Slots})");
            return;
        }

        if (EndMinutes(session) > 24 * 60)
        {
            v.Add(at + "slots", $"{session.Slots} slots of {session.SlotMinutes} minutes from {session.Start:HH\\:mm} run past midnight");
        }

        if (before is not null && session.Start < before.End)
        {
            v.Add(at + "start", $"{session.Start:HH\\:mm} is inside the session before it (until {before.End:HH\\:mm})");
        }

        for (var b = 0; b < session.BreakSlots.Count; b++)
        {
            var slot = session.BreakSlots[b];
            if (slot < 0 || slot >= session.Slots)
            {
                v.Add($"{at}break_slots[{b}]", $"slot {slot} is not one of the session's slots 0–{session.Slots - 1}");
            }
            else if (b > 0 && session.BreakSlots[b - 1] == slot)
            {
                v.Add($"{at}break_slots[{b}]", $"slot {slot} is given twice");
            }
        }

        if (session.BreakSlots.Distinct().Count() >= session.Slots)
        {
            v.Add(at + "break_slots", "every slot of the session is a break");
        }
    }

    private static void Tables(FieldChecker v, Event e)
    {
        v.Count("tables", e.Tables.Count, MaxTables);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var t = 0; t < e.Tables.Count; t++)
        {
            var table = e.Tables[t];
            var at = $"tables[{t}].";
            v.Id(at + "id", table.Id);
            if (table.Id.Length > 0 && !seen.Add(table.Id))
            {
                v.Add(at + "id", $"{FieldViolation.Quote(table.Id)} is given twice");
            }

            v.Text(at + "name", table.Name, ProfileLimits.NameLength);
            if (table.VideoLink.Length == 0)
            {
                if (e.Kind == EventKind.Online)
                {
                    v.Add(at + "video_link", "an online event needs a video link for every table");
                }
            }
            else if (!Uri.TryCreate(table.VideoLink, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")
                || table.VideoLink.Length > ProfileLimits.WebsiteLength)
            {
                v.Add(at + "video_link", $"{FieldViolation.Quote(table.VideoLink)} is not an http(s) link");
            }
        }
    }

    private static double EndMinutes(EventSession s) => s.Start.ToTimeSpan().TotalMinutes + ((double)s.SlotMinutes * s.Slots);
}
