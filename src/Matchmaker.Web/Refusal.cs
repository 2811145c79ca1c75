using System.Globalization;
using Matchmaker.Events;
using Matchmaker.Profiles;
using Matchmaker.Store;
using Microsoft.Extensions.Localization;

namespace Matchmaker.Web;

/// <summary>Core refusing a change the console asked for, with a message staff can read: a rule, a field, someone else's change first, a record gone.</summary>
internal static class Refusal
{
    public static bool Is(Exception e) => e is RuleViolationException or ValidationException or VersionConflictException or RecordNotFoundException;

    /// <summary>
    /// The refusal in the user's language: a coded rule from the console's texts ("Rule_" + its code, its values
    /// filled in, a value that names a text — a status — in its words too); anything else as Core said it.
    /// </summary>
    public static string Text(Exception e, IStringLocalizer<ConsoleText> texts)
    {
        if (e is RuleViolationException { Rule: { } rule } && texts["Rule_" + rule.Code] is { ResourceNotFound: false } template)
        {
            var values = rule.Values.Select(v => texts[v] is { ResourceNotFound: false } word ? (object)word.Value : v).ToArray();
            return string.Format(CultureInfo.CurrentCulture, template.Value, values);
        }

        return e.Message;
    }
}
