using System.Globalization;

namespace Matchmaker;

/// <summary>
/// A rule that forbids something, as its English text and as a code with the values in it, so a
/// client in another language can say it in its own words ("Rule_unavailable": "{0} недоступен").
/// A value that is a word of the product (a meeting's status) travels as a <see cref="Term"/>: its
/// key in <see cref="Values"/>, its English in <see cref="Text"/>. The text is formatted only when
/// read: the schedule's search asks for rules millions of times and only looks at whether there is one.
/// </summary>
public sealed class Rule
{
    private readonly FormattableString _text;

    private Rule(string code, FormattableString text) => (Code, _text) = (code, text);

    /// <summary>A word the product defines (its key, e.g. "Status_Held") and its English.</summary>
    public sealed record Term(string Key, string English)
    {
        public override string ToString() => English;
    }

    public string Code { get; }

    public string Text => _text.ToString(CultureInfo.InvariantCulture);

    public IReadOnlyList<string> Values =>
        [.. _text.GetArguments().Select(a => a is Term t ? t.Key : Convert.ToString(a, CultureInfo.InvariantCulture) ?? "")];

    /// <param name="text">The English text; its holes are the values, in order.</param>
    public static Rule Of(string code, FormattableString text) => new(code, text);

    public override string ToString() => Text;
}
