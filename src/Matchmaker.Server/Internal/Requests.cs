using Matchmaker.Profiles;

namespace Matchmaker.Server.Internal;

/// <summary>Checks every service makes on a request before it reaches Core.</summary>
internal static class Requests
{
    /// <summary>The id a request names; an empty one is INVALID_ARGUMENT on <paramref name="field"/>.</summary>
    /// <exception cref="ValidationException"/>
    public static string Id(string id, string field) => id.Length > 0 ? id : throw ValidationException.Required(field);
}
