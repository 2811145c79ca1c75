using Matchmaker.DemoData;
using Matchmaker.Profiles;
using Matchmaker.Tests.Support;

namespace Matchmaker.Tests.DemoData;

/// <summary>The synthetic demo data: deterministic, valid, shaped like the Far East's exports.</summary>
public sealed class DemoDataTests
{
    private static readonly DateTimeOffset AsOf = new(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_command_lines_demo_files_hold_the_servers_demo_records_as_they_are()
    {
        using var data = new TempDirectory();
        using var server = new ServerProcess(Path.Combine(data.Path, "server"), "--Matchmaker:DemoData:SeedWhenEmpty", "true",
            "--Matchmaker:DemoData:Exporters", "300", "--Matchmaker:DemoData:Inquiries", "100", "--Matchmaker:DemoData:ScheduleFair", "false");
        await server.StartAsync();
        var demo = Path.Combine(data.Path, "demo");
        Assert.Equal(0, (await Cli.RunAsync("demo-data", "--out", demo, "--exporters", "300", "--inquiries", "100")).Exit);

        // Drawn as of the same day: importing them into the server that seeded itself stores nothing new.
        foreach (var (kind, count) in new[] { ("exporters", 300), ("inquiries", 100) })
        {
            var (exit, stdout, stderr) = await Cli.RunAsync("import", kind, Path.Combine(demo, $"{kind}.jsonl"), "--server", server.Url);
            Assert.True(exit == 0, stderr);
            Assert.Contains($"; {count} unchanged", stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Russian_descriptions_are_written_in_russian_with_the_years_declined()
    {
        var russian = new DemoDataGenerator(42, AsOf).Exporters(2_000).Select(e => e.Description).Where(d => d.StartsWith("Компания", StringComparison.Ordinal)).ToList();

        Assert.True(russian.Count > 300, $"{russian.Count} Russian descriptions");
        // Cities in Cyrillic ("г. Khabarovsk" mixed scripts), no "0 лет", and 2–4 years are "года".
        Assert.All(russian, d => Assert.Matches(@"^Компания из г\. [А-ЯЁ][а-яё]+(-[А-ЯЁа-яё]+)*:", d));
        Assert.DoesNotContain(russian, d => d.Contains(" 0 лет", StringComparison.Ordinal));
        Assert.Contains(russian, d => d.EndsWith("Начинаем экспорт.", StringComparison.Ordinal));
        Assert.DoesNotContain(russian, d => System.Text.RegularExpressions.Regex.IsMatch(d, @"(?<!1)[234] лет\.$"));
        Assert.Equal(["1 год", "2 года", "4 года", "5 лет", "11 лет", "12 лет", "21 год", "22 года", "25 лет"],
            new[] { 1, 2, 4, 5, 11, 12, 21, 22, 25 }.Select(DemoDataGenerator.RussianYears));
    }

    [Fact]
    public void The_same_seed_gives_the_same_data_and_another_seed_other_data()
    {
        static string Dump(int seed)
        {
            var g = new DemoDataGenerator(seed, AsOf);
            return string.Join('\n', g.Exporters(200).Select(e => $"{e.Id}|{e.Name}|{e.Region}|{string.Join(',', e.Products.Select(p => p.HsCode + ":" + p.AnnualCapacity))}|{string.Join(',', e.Certifications)}"))
                + string.Join('\n', g.Inquiries(100).Select(q => $"{q.Id}|{q.BuyerCountry}|{q.Title}|{string.Join(',', q.HsCodes)}|{q.Quantity}|{q.ValidUntil}"));
        }

        Assert.Equal(Dump(7), Dump(7));
        Assert.NotEqual(Dump(7), Dump(8));
    }

    [Fact]
    public void Demo_records_are_valid_and_look_like_the_far_east_export_structure()
    {
        var g = new DemoDataGenerator(42, AsOf);
        var exporters = g.Exporters(2_000).Select(e => ProfileValidator.Prepare(e)).ToList();
        var inquiries = g.Inquiries(1_000).Select(q => ProfileValidator.Prepare(q)).ToList();

        Assert.True(exporters.Count(e => e.Region == "RU-KHA") > exporters.Count / 2);
        var chapters = exporters.SelectMany(e => e.Products).GroupBy(p => p.HsCode[..2]).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(chapters["44"] > 300 && chapters["03"] > 300, "timber (44) and fish (03) lead the mix");
        Assert.Contains(exporters, e => e.Description.Any(c => c is >= 'а' and <= 'я'));
        Assert.True(inquiries.Count(q => q.BuyerCountry is "CN" or "KR" or "JP") > inquiries.Count / 2);
        Assert.Contains(inquiries, q => !q.IsOpenAt(AsOf));
        Assert.True(inquiries.Count(q => q.IsOpenAt(AsOf)) > inquiries.Count * 3 / 4);
    }

    [Fact]
    public void Demo_hs_codes_exist_in_the_hs_nomenclature_when_it_is_present()
    {
        var file = Path.Combine(RepoPaths.SharedData, "harmonized-system", "harmonized-system.csv");
        if (!File.Exists(file))
        {
            return; // the reference data is optional; the product never needs it
        }

        var known = File.ReadLines(file).Skip(1).Select(l => l.Split(',')[1]).ToHashSet(StringComparer.Ordinal);
        var g = new DemoDataGenerator(1, AsOf);
        var used = g.Exporters(3_000).SelectMany(e => e.Products).Select(p => p.HsCode)
            .Concat(g.UnmetDemand(200, 1).SelectMany(q => q.HsCodes)).Distinct();
        Assert.All(used, code => Assert.Contains(code, known));
    }

    [Fact]
    public void Unmet_demand_asks_for_headings_no_demo_exporter_makes_and_is_the_same_for_the_same_seed()
    {
        var g = new DemoDataGenerator(42, AsOf);
        var made = g.Exporters(5_000).SelectMany(e => e.Products).Select(p => p.HsCode[..4]).ToHashSet(StringComparer.Ordinal);
        var unmet = g.UnmetDemand(100, 601).Select(q => ProfileValidator.Prepare(q)).ToList();

        Assert.Equal("INQ-000601", unmet[0].Id);
        Assert.All(unmet, q => Assert.Contains(q.HsCodes, c => c.Length >= 4 && !made.Contains(c[..4])));
        Assert.True(unmet.Select(q => q.HsCodes[0][..Math.Min(4, q.HsCodes[0].Length)]).Distinct().Count() >= 4, "several headings, not one");
        Assert.Equal(unmet.Select(q => q.Title), new DemoDataGenerator(42, AsOf).UnmetDemand(100, 601).Select(q => q.Title));
        // Their buyers are not the other inquiries' buyers.
        Assert.Empty(unmet.Select(q => q.BuyerId).Intersect(g.Inquiries(2_000).Select(q => q.BuyerId)));
    }

    [Fact]
    public async Task A_fresh_server_loads_the_demo_data_and_schedules_its_fair_in_the_background()
    {
        var logs = new CapturedLogs();
        using var service = new InProcessService(logs, ("Matchmaker:DemoData:SeedWhenEmpty", "true"), ("Matchmaker:DemoData:Exporters", "400"),
            ("Matchmaker:DemoData:Inquiries", "120"), ("Matchmaker:DemoData:ScheduleSeconds", "2"));

        var deadline = DateTime.UtcNow.AddSeconds(90);
        V1.Schedule schedule;
        while ((schedule = await service.Events.GetScheduleAsync(new V1.GetScheduleRequest { EventId = DemoEvent.Id })).Meetings.Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the demo fair was not scheduled:\n" + Text(logs));
            await Task.Delay(250);
        }

        Assert.All(schedule.Meetings, m => Assert.NotEmpty(m.Date));
        // 120 inquiries and 6 (one in 20) for products nobody makes.
        Assert.Equal("BUY-10126", (await service.Profiles.GetInquiryAsync(new V1.GetInquiryRequest { Id = "INQ-000126" })).BuyerId);
        Assert.False(await ExistsAsync(service, "INQ-000127"));
        deadline = DateTime.UtcNow.AddSeconds(10);
        while (!Text(logs).Contains("Demo event DEMO-FAIR scheduled:", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, "no log line says the fair was scheduled:\n" + Text(logs));
            await Task.Delay(100);
        }
    }

    private static string Text(CapturedLogs logs) => string.Join('\n', logs.Entries.Select(e => e.Message));

    private static async Task<bool> ExistsAsync(InProcessService service, string inquiryId)
    {
        try
        {
            await service.Profiles.GetInquiryAsync(new V1.GetInquiryRequest { Id = inquiryId });
            return true;
        }
        catch (Grpc.Core.RpcException e) when (e.StatusCode == Grpc.Core.StatusCode.NotFound)
        {
            return false;
        }
    }
}
