using System.Globalization;
using System.Text;

namespace Matchmaker.Events;

/// <summary>
/// The trade-hub indicators over time, one calendar month across every event: requests by the month
/// they were sent (and how they were answered), meetings by the month they take place, contracts by
/// the month they were reported — a contract signed months after a fair counts when it is known; one reported before its
/// meeting took place counts in the meeting's month.
/// </summary>
public sealed record MonthKpis(int Year, int Month)
{
    public int RequestsSent { get; init; }

    public int RequestsAccepted { get; init; }

    public int RequestsDeclined { get; init; }

    public int RequestsExpired { get; init; }

    public int MeetingsScheduled { get; init; }

    public int MeetingsHeld { get; init; }

    public int NoShows { get; init; }

    public int Contracts { get; init; }

    public double ContractValueUsd { get; init; }

    /// <summary>Requests answered or run out: what <see cref="AcceptanceRate"/> is a share of.</summary>
    public int RequestsAnswered => RequestsAccepted + RequestsDeclined + RequestsExpired;

    /// <summary>Accepted ÷ (accepted + declined + expired), as <see cref="EventKpis.AcceptanceRate"/>.</summary>
    public double AcceptanceRate => EventKpis.Acceptance(RequestsAccepted, RequestsDeclined, RequestsExpired);

    /// <summary>Meetings whose outcome is known (held or no-show): what <see cref="NoShowRate"/> is a share of.</summary>
    public int OutcomesKnown => MeetingsHeld + NoShows;

    /// <summary>No-shows ÷ (held + no-shows).</summary>
    public double NoShowRate => OutcomesKnown == 0 ? 0 : NoShows / (double)OutcomesKnown;

    /// <summary>Nothing happened in the month (no request sent, no meeting, no contract reported).</summary>
    public bool IsEmpty => RequestsSent + MeetingsScheduled + Contracts == 0;

    public DateOnly First => new(Year, Month, 1);

    /// <summary>One row per month, RFC 4180.</summary>
    public static string Csv(IEnumerable<MonthKpis> rows)
    {
        var csv = new StringBuilder("month,requests_sent,accepted,declined,expired,acceptance_rate,meetings_scheduled,held,no_shows,no_show_rate,contracts,contract_value_usd\r\n");
        foreach (var m in rows)
        {
            csv.AppendJoin(',',
            [
                m.First.ToString("yyyy-MM", CultureInfo.InvariantCulture), EventKpis.CsvCount(m.RequestsSent), EventKpis.CsvCount(m.RequestsAccepted),
                EventKpis.CsvCount(m.RequestsDeclined), EventKpis.CsvCount(m.RequestsExpired), EventKpis.CsvRate(m.AcceptanceRate), EventKpis.CsvCount(m.MeetingsScheduled),
                EventKpis.CsvCount(m.MeetingsHeld), EventKpis.CsvCount(m.NoShows), EventKpis.CsvRate(m.NoShowRate), EventKpis.CsvCount(m.Contracts), EventKpis.CsvUsd(m.ContractValueUsd),
            ]).Append("\r\n");
        }

        return csv.ToString();
    }
}
