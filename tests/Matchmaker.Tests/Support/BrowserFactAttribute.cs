namespace Matchmaker.Tests.Support;

/// <summary>
/// A test in a real browser: Debian's chromium (apt-get install chromium) driven by Playwright. Skipped with how to
/// set it up when chromium is missing, except under CI=true (.ci/run installs it), where it runs and fails.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string Chromium = "/usr/bin/chromium";

    public BrowserFactAttribute()
    {
        if (!File.Exists(Chromium) && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = "needs Debian's chromium at /usr/bin/chromium: apt-get install chromium";
        }
    }
}
