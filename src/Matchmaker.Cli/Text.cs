namespace Matchmaker.Cli;

internal static class Text
{
    /// <summary>A message from a parser or the server, cut to what a terminal line can carry (a bad file can make them huge).</summary>
    public static string Shortened(this string text, int max = 300) => text.Length <= max ? text : text[..max] + "…";

    /// <summary>"exporters" as a count wants it: "1 exporter", "2 exporters", "1 inquiry", "1 buyer".</summary>
    public static string Counted(long count, string plural) =>
        count != 1 ? plural : plural.EndsWith("ies", StringComparison.Ordinal) ? plural[..^3] + "y" : plural.TrimEnd('s');

    /// <summary>What to say of a path that is not a file to read: a folder given by mistake, or nothing there.</summary>
    public static string NotAFile(string path) => Directory.Exists(path) ? $"{path} is a folder, not a file" : $"no such file: {path}";
}
