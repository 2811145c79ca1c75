using System.Globalization;
using System.Text.RegularExpressions;
using Matchmaker.Events;
using Matchmaker.Tests.Support;
using Matchmaker.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Matchmaker.Tests.Console;

/// <summary>Core's rules said in the console's languages: a coded rule in the user's words with its values, anything else as Core said it.</summary>
public sealed partial class RefusalTests : ConsoleComponentTest
{
    private IStringLocalizer<ConsoleText> Texts => Services.GetRequiredService<IStringLocalizer<ConsoleText>>();

    [Fact]
    public void A_coded_rule_is_said_in_the_users_language_with_its_values_and_the_words_among_them()
    {
        var held = new RuleViolationException("meeting M-1", Rule.Of("does_not_move", $"a {new Rule.Term("Status_Held", "held")} meeting does not move"));
        var away = new RuleViolationException("meeting M-1", Rule.Of("unavailable", $"{"EXP-000032"} is unavailable"));

        Assert.Equal("a held meeting does not move", held.Message);
        Assert.Equal("a meeting with the status “held” does not move", Refusal.Text(held, Texts));
        Assert.Equal("EXP-000032 is unavailable", Refusal.Text(away, Texts));
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ru");
        Assert.Equal("встреча со статусом «состоялась» не переносится", Refusal.Text(held, Texts));
        Assert.Equal("EXP-000032 в это время недоступен", Refusal.Text(away, Texts));
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ko");
        Assert.Equal("EXP-000032은(는) 이 시간에 참석할 수 없습니다", Refusal.Text(away, Texts));

        // A rule without a code, or with one the console has no words for, stays as Core said it.
        Assert.Equal("plain words", Refusal.Text(new RuleViolationException("event E", "plain words"), Texts));
        Assert.Equal("new rule", Refusal.Text(new RuleViolationException("event E", Rule.Of("not_in_the_console", $"new rule")), Texts));
    }

    [Fact]
    public void Every_rule_code_core_raises_has_its_words_in_english_russian_and_korean()
    {
        var core = Path.Combine(RepoPaths.Root, "src", "Matchmaker.Core");
        var codes = Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => RuleCode().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value)).Distinct().Order().ToList();
        Assert.True(codes.Count >= 30, $"{codes.Count} codes found");

        foreach (var culture in new[] { "en", "ru", "ko" })
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            var missing = codes.Where(c => Texts["Rule_" + c].ResourceNotFound).ToList();
            Assert.True(missing.Count == 0, $"{culture}: no text for {string.Join(", ", missing)}");
        }
    }

    [GeneratedRegex(@"Rule\.Of\(""([a-z_]+)""")]
    private static partial Regex RuleCode();
}
