using Matchmaker.Events;
using Matchmaker.Profiles;
using Matchmaker.Store;

namespace Matchmaker.Web;

/// <summary>Core refusing a change the console asked for, with a message staff can read: a rule, a field, someone else's change first, a record gone.</summary>
internal static class Refusal
{
    public static bool Is(Exception e) => e is RuleViolationException or ValidationException or VersionConflictException or RecordNotFoundException;
}
