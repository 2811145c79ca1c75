namespace Matchmaker.Profiles;

/// <summary>
/// Harmonized System codes: 2 digits (chapter), 4 (heading) or 6 (subheading).
/// Chapters run 01–97; 77 is reserved and never used.
/// </summary>
public static class HsCode
{
    public static bool IsValid(string code)
    {
        if (code.Length is not (2 or 4 or 6))
        {
            return false;
        }

        foreach (var c in code)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        var chapter = ((code[0] - '0') * 10) + (code[1] - '0');
        return chapter is >= 1 and <= 97 and not 77;
    }

    /// <summary>
    /// How deeply a seller's code covers a wanted code: 6, 4 or 2 digits shared, or 0.
    /// A seller's code inside the wanted one (seller 030389 for wanted 0303) covers it fully,
    /// so the answer is then the wanted code's own length.
    /// </summary>
    public static int MatchDepth(string wanted, string offered)
    {
        var shared = 0;
        var max = Math.Min(wanted.Length, offered.Length);
        while (shared < max && wanted[shared] == offered[shared])
        {
            shared++;
        }

        return shared - (shared % 2) is var even && even >= 2 ? even : 0;
    }

    /// <summary>True when the offered code lies inside the wanted one (same code, or a finer code below it).</summary>
    public static bool Covers(string wanted, string offered) =>
        offered.Length >= wanted.Length && offered.StartsWith(wanted, StringComparison.Ordinal);
}
