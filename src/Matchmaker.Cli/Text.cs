namespace Matchmaker.Cli;

internal static class Text
{
    /// <summary>A message from a parser or the server, cut to what a terminal line can carry (a bad file can make them huge).</summary>
    public static string Shortened(this string text, int max = 300) => text.Length <= max ? text : text[..max] + "…";
}
