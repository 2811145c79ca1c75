namespace Matchmaker.Web;

/// <summary>The console's texts (Resources/ConsoleText.resx, .ru.resx, .ko.resx), read through IStringLocalizer&lt;ConsoleText&gt;.</summary>
public sealed class ConsoleText
{
    private ConsoleText()
    {
    }

    /// <summary>The cultures the console speaks, the first the default.</summary>
    public static IReadOnlyList<string> Cultures { get; } = ["en", "ru", "ko"];
}
