using System.Globalization;
using System.Net;
using System.Text;

namespace Matchmaker.Events;

/// <summary>
/// An event's meetings as files people use: an RFC 5545 iCalendar agenda (stable UIDs, SEQUENCE raised
/// on every change, STATUS:CANCELLED kept, local times with their TZID and a VTIMEZONE, so re-importing
/// after a change updates a calendar instead of duplicating entries or shifting them across a
/// daylight-saving change), a printable slots × tables grid as one self-contained HTML page, and a CSV
/// of all meetings for spreadsheets.
/// </summary>
public static class AgendaWriter
{
    /// <param name="names">Participant id → the name shown.</param>
    /// <param name="forParticipant">Whose agenda ("" for the whole event): its meetings, named from its side.</param>
    public static string Ics(Event e, IEnumerable<Meeting> meetings, IReadOnlyDictionary<string, string> names, string forParticipant = "")
    {
        var ics = new StringBuilder();
        void Line(string text) => Fold(ics, text);
        Line("BEGIN:VCALENDAR");
        Line("VERSION:2.0");
        Line("PRODID:-//Matchmaker//1:1 meetings//EN");
        Line("CALSCALE:GREGORIAN");
        Line("METHOD:PUBLISH");
        Line("X-WR-CALNAME:" + Escape(forParticipant.Length == 0 ? e.Name : $"{e.Name}: {names.GetValueOrDefault(forParticipant, forParticipant)}"));
        Line("X-WR-TIMEZONE:" + e.TimeZone);
        foreach (var line in TimeZoneLines(e))
        {
            Line(line);
        }

        foreach (var m in meetings.Where(m => m.Placed).OrderBy(m => m.Date).ThenBy(m => m.Start).ThenBy(m => m.Id, StringComparer.Ordinal))
        {
            var start = m.Date!.Value.ToDateTime(m.Start!.Value);
            var table = e.Tables.FirstOrDefault(t => t.Id == m.TableId);
            var (me, other) = forParticipant.Length > 0 && m.Involves(forParticipant) ? (forParticipant, m.Other(forParticipant)) : (m.A, m.B);
            var title = forParticipant.Length > 0
                ? $"Meeting with {names.GetValueOrDefault(other, other)}"
                : $"{names.GetValueOrDefault(me, me)} – {names.GetValueOrDefault(other, other)}";
            Line("BEGIN:VEVENT");
            Line($"UID:{m.Id}.{e.Id}@matchmaker");
            Line("DTSTAMP:" + Utc(m.UpdatedAt == default ? DateTimeOffset.UnixEpoch : m.UpdatedAt));
            Line("SEQUENCE:" + m.Sequence.ToString(CultureInfo.InvariantCulture));
            Line($"DTSTART;TZID={e.TimeZone}:{Local(start)}");
            Line($"DTEND;TZID={e.TimeZone}:{Local(start.AddMinutes(m.SlotMinutes))}");
            Line("SUMMARY:" + Escape(title));
            Line("LOCATION:" + Escape(table is null ? m.TableId : table.VideoLink.Length > 0 ? table.VideoLink : table.Name.Length > 0 ? table.Name : $"Table {table.Id}"));
            if (table?.VideoLink.Length > 0)
            {
                Line("URL:" + table.VideoLink);
            }

            var description = $"{e.Name}. {names.GetValueOrDefault(m.A, m.A)} and {names.GetValueOrDefault(m.B, m.B)}"
                + (m.Reason.Length > 0 ? $". {Capital(m.Status)}: {m.Reason}" : "");
            Line("DESCRIPTION:" + Escape(description));
            Line("STATUS:" + (m.Status switch
            {
                MeetingStatus.Cancelled or MeetingStatus.Declined => "CANCELLED",
                MeetingStatus.Proposed => "TENTATIVE",
                _ => "CONFIRMED",
            }));
            Line("END:VEVENT");
        }

        Line("END:VCALENDAR");
        return ics.ToString();
    }

    /// <summary>A self-contained printable page: per day, its slots down and its tables across, each meeting with both names.</summary>
    public static string Grid(Event e, IEnumerable<Meeting> meetings, IReadOnlyDictionary<string, string> names)
    {
        var live = meetings.Where(m => m.Live && m.Placed).ToList();
        var at = live.GroupBy(m => (m.Date!.Value, m.Start!.Value, m.TableId)).ToDictionary(g => g.Key, g => g.First());
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(Html(e.Name)).Append(" — schedule</title>\n<style>")
            .Append("body{font:13px system-ui,sans-serif;margin:1.5em}table{border-collapse:collapse;margin-bottom:2em;width:100%}")
            .Append("th,td{border:1px solid #999;padding:3px 5px;vertical-align:top}th{background:#eee}td.time{white-space:nowrap;font-weight:600}")
            .Append(".confirmed{background:#e6f4e6}.proposed{background:#fff}.held{background:#d8ecf8}.no-show{background:#f8dddd}.break td{background:#f4f4f4;color:#777}")
            .Append("@media print{body{margin:0}h2{page-break-before:always}h2:first-of-type{page-break-before:avoid}}</style></head><body>\n")
            .Append("<h1>").Append(Html(e.Name)).Append("</h1>\n<p>").Append(Html(e.Location)).Append(e.Location.Length > 0 ? " · " : "").Append("times in ").Append(Html(e.TimeZone))
            .Append(" · ").Append(live.Count).Append(" meetings</p>\n");
        foreach (var day in e.Days)
        {
            html.Append("<h2>").Append(day.Date.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture)).Append("</h2>\n<table><tr><th>Time</th>");
            foreach (var t in e.Tables)
            {
                html.Append("<th>").Append(Html(t.DisplayName)).Append("</th>");
            }

            html.Append("</tr>\n");
            foreach (var session in day.Sessions.OrderBy(s => s.Start))
            {
                for (var i = 0; i < session.Slots; i++)
                {
                    var start = session.Start.AddMinutes((double)i * session.SlotMinutes);
                    var time = $"{start:HH\\:mm}–{start.AddMinutes(session.SlotMinutes):HH\\:mm}";
                    if (session.BreakSlots.Contains(i))
                    {
                        html.Append("<tr class=\"break\"><td class=\"time\">").Append(time).Append("</td><td colspan=\"").Append(e.Tables.Count).Append("\">Break</td></tr>\n");
                        continue;
                    }

                    html.Append("<tr><td class=\"time\">").Append(time).Append("</td>");
                    foreach (var t in e.Tables)
                    {
                        var m = at.GetValueOrDefault((day.Date, start, t.Id));
                        html.Append(m is null ? "<td></td>" : $"<td class=\"{Css(m.Status)}\">{Html(names.GetValueOrDefault(m.A, m.A))}<br>{Html(names.GetValueOrDefault(m.B, m.B))}</td>");
                    }

                    html.Append("</tr>\n");
                }
            }

            html.Append("</table>\n");
        }

        return html.Append("</body></html>\n").ToString();
    }

    /// <summary>Every meeting (cancelled and declined too), one row each, with its outcomes summed up; RFC 4180.</summary>
    public static string Csv(Event e, IEnumerable<Meeting> meetings, IReadOnlyDictionary<string, string> names)
    {
        var csv = new StringBuilder("event_id,meeting_id,date,start,end,table_id,table_name,a_id,a_name,b_id,b_name,status,pinned,origin,reason,value,inquiry_id,sequence,held_reports,no_show_reports,ratings,follow_up,contract_signed,contract_value_usd\r\n");
        foreach (var m in meetings.OrderBy(m => m.Date ?? DateOnly.MaxValue).ThenBy(m => m.Start).ThenBy(m => m.TableId, StringComparer.Ordinal).ThenBy(m => m.Id, StringComparer.Ordinal))
        {
            var table = e.Tables.FirstOrDefault(t => t.Id == m.TableId);
            string[] row =
            [
                e.Id, m.Id, m.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", m.Start?.ToString("HH:mm", CultureInfo.InvariantCulture) ?? "",
                m.Start?.AddMinutes(m.SlotMinutes).ToString("HH:mm", CultureInfo.InvariantCulture) ?? "", m.TableId, table?.Name ?? "",
                m.A, names.GetValueOrDefault(m.A, m.A), m.B, names.GetValueOrDefault(m.B, m.B), Css(m.Status), m.Pinned ? "yes" : "no",
                m.Origin == MeetingOrigin.Staff ? "staff" : "schedule", m.Reason, m.Value.ToString("0.###", CultureInfo.InvariantCulture), m.InquiryId,
                m.Sequence.ToString(CultureInfo.InvariantCulture),
                m.Outcomes.Count(o => o.Held == true).ToString(CultureInfo.InvariantCulture), m.Outcomes.Count(o => o.Held == false).ToString(CultureInfo.InvariantCulture),
                string.Join(' ', m.Outcomes.Where(o => o.Rating > 0).Select(o => $"{o.ReportedBy}:{o.Rating}")),
                m.Outcomes.Any(o => o.FollowUp) ? "yes" : "no", m.Outcomes.Any(o => o.ContractSigned) ? "yes" : "no",
                m.Outcomes.Select(o => o.ContractValueUsd).DefaultIfEmpty(0).Max().ToString("0.##", CultureInfo.InvariantCulture),
            ];
            csv.AppendJoin(',', row.Select(CsvField)).Append("\r\n");
        }

        return csv.ToString();
    }

    /// <summary>
    /// The zone's VTIMEZONE: every offset change from a year before the event to a year after it, each
    /// as its own STANDARD or DAYLIGHT part, so a calendar converts the local times exactly as .NET does.
    /// </summary>
    internal static IEnumerable<string> TimeZoneLines(Event e)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(e.TimeZone);
        var first = e.Days.Count == 0 ? DateTime.UtcNow.Date : e.Days.Min(d => d.Date).ToDateTime(TimeOnly.MinValue);
        var last = e.Days.Count == 0 ? first : e.Days.Max(d => d.Date).ToDateTime(TimeOnly.MinValue);
        var from = DateTime.SpecifyKind(first.AddYears(-1), DateTimeKind.Utc);
        var to = DateTime.SpecifyKind(last.AddYears(1), DateTimeKind.Utc);
        yield return "BEGIN:VTIMEZONE";
        yield return "TZID:" + e.TimeZone;
        var offset = zone.GetUtcOffset(from);
        var daylight = zone.IsDaylightSavingTime(from);
        var transitions = new List<(DateTime Utc, TimeSpan Before, TimeSpan After, bool Daylight)>();
        for (var t = from; t < to; t = t.AddHours(6))
        {
            var next = zone.GetUtcOffset(t.AddHours(6));
            if (next == offset)
            {
                continue;
            }

            // The change lies in (t, t+6h]: find its minute.
            var (lo, hi) = (t, t.AddHours(6));
            while ((hi - lo).TotalMinutes > 1)
            {
                var mid = lo.AddTicks((hi - lo).Ticks / 2);
                (lo, hi) = zone.GetUtcOffset(mid) == offset ? (mid, hi) : (lo, mid);
            }

            transitions.Add((hi, offset, next, zone.IsDaylightSavingTime(hi)));
            offset = next;
        }

        var initial = transitions.Count == 0 ? zone.GetUtcOffset(from) : transitions[0].Before;
        foreach (var line in Part(daylight, from, initial, initial))
        {
            yield return line;
        }

        foreach (var (utc, before, after, isDaylight) in transitions)
        {
            foreach (var line in Part(isDaylight, utc, before, after))
            {
                yield return line;
            }
        }

        yield return "END:VTIMEZONE";

        IEnumerable<string> Part(bool isDaylight, DateTime utc, TimeSpan before, TimeSpan after)
        {
            var kind = isDaylight ? "DAYLIGHT" : "STANDARD";
            yield return "BEGIN:" + kind;
            yield return "DTSTART:" + Local(utc + before);
            yield return "TZOFFSETFROM:" + Offset(before);
            yield return "TZOFFSETTO:" + Offset(after);
            yield return "END:" + kind;
        }
    }

    private static string Offset(TimeSpan o) =>
        (o < TimeSpan.Zero ? "-" : "+") + Math.Abs(o.Hours).ToString("00", CultureInfo.InvariantCulture) + Math.Abs(o.Minutes).ToString("00", CultureInfo.InvariantCulture);

    private static string Local(DateTime t) => t.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);

    private static string Utc(DateTimeOffset t) => t.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal).Replace(",", "\\,", StringComparison.Ordinal)
            .Replace("\r\n", "\\n", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>RFC 5545 lines: CRLF, folded so no line passes 75 octets (never inside a UTF-8 character).</summary>
    private static void Fold(StringBuilder ics, string line)
    {
        var bytes = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (bytes + size > 75)
            {
                ics.Append("\r\n ");
                bytes = 1;
            }

            ics.Append(rune.ToString());
            bytes += size;
        }

        ics.Append("\r\n");
    }

    private static string Html(string text) => WebUtility.HtmlEncode(text);

    private static string Css(MeetingStatus status) => status == MeetingStatus.NoShow ? "no-show" : status.ToString().ToLowerInvariant();

    private static string Capital(MeetingStatus status) => status == MeetingStatus.NoShow ? "No-show" : status.ToString();

    /// <summary>One RFC 4180 field: quoted when it holds a comma, a quote or a line break.</summary>
    internal static string CsvField(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
