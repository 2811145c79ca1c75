namespace Matchmaker.Security;

/// <summary>
/// The four roles a caller can hold, and the groups of them each rpc admits. An rpc's
/// <c>[Authorize(Roles = …)]</c> names one of the groups, so this file is the access table:
/// <list type="bullet">
/// <item>portal: profiles, inquiries, match lists (previews included), feedback;</item>
/// <item>staff: events, participants, meetings, outcomes, KPIs, plus what the portal can read;</item>
/// <item>data-scientist: training data and models;</item>
/// <item>admin: everything (keys and reindex are offline commands on the data folder).</item>
/// </list>
/// Personal contact data (an exporter's contact) is returned to staff and admin only.
/// </summary>
public static class Roles
{
    public const string Portal = "portal";
    public const string Staff = "staff";
    public const string DataScientist = "data-scientist";
    public const string Admin = "admin";

    /// <summary>Writes of profiles and inquiries, imports, feedback.</summary>
    public const string ProfileWriters = Portal + "," + Admin;

    /// <summary>Reading a profile or an inquiry, and match lists.</summary>
    public const string Readers = Portal + "," + Staff + "," + Admin;

    /// <summary>Everything about events.</summary>
    public const string EventStaff = Staff + "," + Admin;

    /// <summary>Models and training data.</summary>
    public const string ModelUsers = DataScientist + "," + Admin;

    /// <summary>Roles that may see personal contact data.</summary>
    public const string ContactReaders = Staff + "," + Admin;

    public static IReadOnlyList<string> All { get; } = [Portal, Staff, DataScientist, Admin];

    public static bool IsRole(string? value) => value is not null && All.Contains(value);

    /// <summary>The role's canonical spelling (case-insensitive, "data_scientist" and "datascientist" too), or null.</summary>
    public static string? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var normal = value.Trim().ToLowerInvariant().Replace('_', '-');
        return normal == "datascientist" ? DataScientist : All.FirstOrDefault(r => r == normal);
    }
}
