using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace Matchmaker.Tests.Console;

/// <summary>A bUnit context for the console's components: its texts (the resource files) in English unless a test switches.</summary>
public abstract class ConsoleComponentTest : BunitContext
{
    protected ConsoleComponentTest()
    {
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en");
    }
}
