using System.Text;

namespace Matchmaker.Profiles;

/// <summary>One field's problem: the API field path (e.g. "exporter.products[2].hs_code") and why.</summary>
public sealed record FieldViolation(string Field, string Reason)
{
    /// <summary>The most of a value an error message repeats.</summary>
    public const int QuotedLength = 40;

    /// <summary>
    /// A value as an error message quotes it: in quotes, at most <see cref="QuotedLength"/>
    /// characters (then "… (N characters)"), control characters shown as \uXXXX. A 1 MB bad value
    /// must not become a 1 MB status message (it would overflow the reply's headers).
    /// </summary>
    public static string Quote(string? value)
    {
        value ??= "";
        var shown = new StringBuilder("'");
        foreach (var c in value.Length <= QuotedLength ? value : value[..QuotedLength])
        {
            if (char.IsControl(c) || char.IsSurrogate(c))
            {
                shown.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                shown.Append(c);
            }
        }

        shown.Append('\'');
        if (value.Length > QuotedLength)
        {
            shown.Append(System.Globalization.CultureInfo.InvariantCulture, $"… ({value.Length:N0} characters)");
        }

        return shown.ToString();
    }
}
