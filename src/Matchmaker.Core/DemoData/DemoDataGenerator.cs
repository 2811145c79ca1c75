using System.Globalization;
using Matchmaker.Profiles;

namespace Matchmaker.DemoData;

/// <summary>
/// Synthetic, plainly fictional data for demos, tests and benchmarks: exporters from Khabarovsk
/// Krai and the rest of the Russian Far East, buyers from China, Korea, Japan and other
/// Asia–Pacific markets. The same seed and as-of date always give the same records.
/// </summary>
public sealed class DemoDataGenerator(int seed, DateTimeOffset asOf)
{
    // ~65% Khabarovsk Krai, the rest spread over the Far Eastern regions.
    private static readonly (string Region, string City, string RussianCity, double Weight)[] Regions =
    [
        ("RU-KHA", "Khabarovsk", "Хабаровск", 0.45), ("RU-KHA", "Komsomolsk-on-Amur", "Комсомольск-на-Амуре", 0.12),
        ("RU-KHA", "Nikolaevsk-on-Amur", "Николаевск-на-Амуре", 0.04), ("RU-KHA", "Vanino", "Ванино", 0.04),
        ("RU-PRI", "Vladivostok", "Владивосток", 0.10), ("RU-SAK", "Yuzhno-Sakhalinsk", "Южно-Сахалинск", 0.06),
        ("RU-AMU", "Blagoveshchensk", "Благовещенск", 0.06), ("RU-KAM", "Petropavlovsk-Kamchatsky", "Петропавловск-Камчатский", 0.04),
        ("RU-MAG", "Magadan", "Магадан", 0.03), ("RU-YEV", "Birobidzhan", "Биробиджан", 0.03), ("RU-SA", "Yakutsk", "Якутск", 0.03),
    ];

    private static readonly (string Country, double Weight, string Language, string[] Cities)[] BuyerCountries =
    [
        ("CN", 0.40, "zh", ["Harbin", "Dalian", "Qingdao", "Shanghai", "Suifenhe", "Beijing"]),
        ("KR", 0.18, "ko", ["Busan", "Seoul", "Incheon"]),
        ("JP", 0.14, "ja", ["Osaka", "Tokyo", "Niigata", "Sapporo"]),
        ("VN", 0.06, "vi", ["Ho Chi Minh City", "Hanoi"]),
        ("TH", 0.04, "th", ["Bangkok"]),
        ("TW", 0.04, "zh", ["Taipei", "Kaohsiung"]),
        ("HK", 0.03, "zh", ["Hong Kong"]),
        ("SG", 0.03, "en", ["Singapore"]),
        ("MN", 0.03, "mn", ["Ulaanbaatar"]),
        ("IN", 0.02, "hi", ["Mumbai", "Chennai"]),
        ("MY", 0.02, "ms", ["Kuala Lumpur"]),
        ("US", 0.01, "en", ["Seattle"]),
    ];

    private static readonly string[] Places = ["Amur", "Khabarovsk", "Dalnevostochny", "Okhotsk", "Vostok", "Sikhote-Alin", "Bureya", "Ussuri", "Tatar Strait", "Shantar", "Anyui", "Gorin"];
    private static readonly string[] TradeWords = ["Trading", "Import", "International", "Industrial", "Foods", "Resources", "Supply"];
    private static readonly string[] FirstNames = ["Ivan", "Olga", "Sergei", "Natalia", "Dmitry", "Elena", "Alexei", "Irina", "Pavel", "Tatiana"];
    private static readonly string[] LastNames = ["Sukhanov", "Ivanova", "Petrov", "Kim", "Sokolova", "Lee", "Volkov", "Pak", "Morozova", "Ten"];


    /// <summary>Exporter profiles EXP-000001 … in a stable order.</summary>
    public IEnumerable<Exporter> Exporters(int count)
    {
        var random = new Random(seed);
        for (var i = 1; i <= count; i++)
        {
            yield return Exporter(random, i);
        }
    }

    /// <summary>Buyer inquiries INQ-000001 …; about 10% closed and 8% already expired at the as-of date.</summary>
    public IEnumerable<Inquiry> Inquiries(int count)
    {
        var random = new Random(unchecked(seed * 7919 + 17));
        for (var i = 1; i <= count; i++)
        {
            yield return Inquiry(random, i);
        }
    }

    /// <summary>
    /// Inquiries INQ-(first) … for products the region's exporters do not make (each sector's
    /// <see cref="DemoSector.Wanted"/>): the demand gaps a report should find, next to the made
    /// products an export support centre could build on.
    /// </summary>
    public IEnumerable<Inquiry> UnmetDemand(int count, int first)
    {
        var random = new Random(unchecked(seed * 104_729 + 3));
        for (var i = first; i < first + count; i++)
        {
            yield return Inquiry(random, i, unmet: true);
        }
    }

    private static Exporter Exporter(Random random, int number)
    {
        var sector = Pick(random, ProductCatalog.Sectors, s => s.Share);
        var (region, city, russianCity, _) = Pick(random, Regions, r => r.Weight);
        var russian = random.NextDouble() < 0.3;
        var productCount = 1 + random.Next(Math.Min(4, sector.Products.Length));
        var products = Shuffle(random, sector.Products).Take(productCount).Select(p =>
        {
            var capacity = Round(p.MinCapacity + (random.NextDouble() * (p.MaxCapacity - p.MinCapacity)));
            return new Product
            {
                // One product in six is declared at heading level only, as small firms often do.
                HsCode = random.NextDouble() < 1.0 / 6 ? p.HsCode[..4] : p.HsCode,
                Name = russian ? p.Russian : Capitalize(p.English),
                Description = russian ? $"{Capitalize(p.Russian)}, собственное производство, {city}" : $"{Capitalize(p.English)} from {city}, own production",
                AnnualCapacity = capacity,
                Unit = p.Unit,
                MinOrderQuantity = Round(capacity * (0.005 + (random.NextDouble() * 0.05))),
            };
        }).ToArray();
        var markets = new List<string> { "CN" };
        foreach (var (country, chance) in new[] { ("KR", 0.5), ("JP", 0.45), ("VN", 0.15), ("TW", 0.1), ("MN", 0.1), ("SG", 0.08), ("TH", 0.08), ("US", 0.05), ("IN", 0.05) })
        {
            if (random.NextDouble() < chance)
            {
                markets.Add(country);
            }
        }

        if (random.NextDouble() < 0.1)
        {
            markets.Clear(); // some SMEs have not chosen markets yet
        }

        var languages = new List<string> { "ru" };
        foreach (var (language, chance) in new[] { ("en", 0.6), ("zh", 0.25), ("ko", 0.1), ("ja", 0.08) })
        {
            if (random.NextDouble() < chance)
            {
                languages.Add(language);
            }
        }

        var name = $"{Pick(random, Places)} {Pick(random, sector.NameWords)} {(random.NextDouble() < 0.7 ? "LLC" : "JSC")}";
        var years = random.NextDouble() < 0.2 ? 0 : 1 + random.Next(25);
        var first = Pick(random, FirstNames);
        var last = Pick(random, LastNames);
        var productList = string.Join(", ", products.Select(p => p.Name.ToLowerInvariant()));
        return new Exporter
        {
            Id = $"EXP-{number:D6}",
            Name = name,
            Country = "RU",
            Region = region,
            Description = russian
                ? $"Компания из г. {russianCity}: {sector.Russian}. Производим и экспортируем {productList}. {(years > 0 ? $"Опыт экспорта {RussianYears(years)}" : "Начинаем экспорт")}."
                : $"{city}-based producer of {sector.English}: {productList}. {(years > 0 ? $"Exporting for {years} years" : "New to export")}, looking for long-term buyers in Asia-Pacific.",
            Products = products,
            Certifications = [.. Shuffle(random, sector.Certifications).Take(random.Next(sector.Certifications.Length + 1))],
            TargetMarkets = markets,
            Languages = languages,
            ExportExperienceYears = years,
            ExportMarketsCount = years == 0 ? 0 : Math.Max(1, markets.Count - random.Next(2)),
            Employees = 5 + random.Next(random.NextDouble() < 0.8 ? 100 : 1_000),
            Website = $"https://{name.Split(' ')[0].ToLowerInvariant()}-{number}.example.ru",
            Contact = new Contact($"{first} {last}", $"{first.ToLowerInvariant()}.{last.ToLowerInvariant()}@exp{number}.example.ru", $"+7 4212 {random.Next(100_000, 999_999)}"),
            Active = random.NextDouble() >= 0.05,
        };
    }

    /// <summary>A number of years as Russian says it: 1 год, 2 года, 5 лет, 21 год, 22 года.</summary>
    internal static string RussianYears(int years)
    {
        var (last, lastTwo) = (years % 10, years % 100);
        var word = last == 1 && lastTwo != 11 ? "год" : last is >= 2 and <= 4 && lastTwo is < 12 or > 14 ? "года" : "лет";
        return $"{years} {word}";
    }

    private Inquiry Inquiry(Random random, int number, bool unmet = false)
    {
        var sector = unmet ? Pick(random, ProductCatalog.Sectors.Where(s => s.Wanted.Length > 0).ToList(), s => s.Share) : Pick(random, ProductCatalog.Sectors, s => s.Share);
        var product = Pick(random, unmet ? sector.Wanted : sector.Products);
        var (country, _, language, cities) = Pick(random, BuyerCountries, b => b.Weight);
        var city = Pick(random, cities);
        var precision = random.NextDouble();
        // Unmet demand names its heading at least: a chapter alone would not say what is missing.
        var codes = new List<string> { precision < 0.6 ? product.HsCode : precision < 0.9 || unmet ? product.HsCode[..4] : product.HsCode[..2] };
        var second = Pick(random, sector.Products).HsCode;
        if (random.NextDouble() < 0.25 && !second.StartsWith(codes[0], StringComparison.Ordinal))
        {
            codes.Add(second);
        }

        var quantity = Round(product.MinCapacity * (0.2 + (random.NextDouble() * 3)));
        var created = asOf.AddDays(-random.Next(1, 90));
        var expired = random.NextDouble() < 0.08;
        var buyerName = $"{city} {Pick(random, TradeWords)} {(country == "JP" ? "KK" : country == "KR" ? "Co., Ltd." : "Co.")}";
        var chinese = country is "CN" or "TW" or "HK" && product.Chinese is not null && random.NextDouble() < 0.3;
        var required = sector.Certifications.Where(_ => random.NextDouble() < 0.2).ToArray();
        return new Inquiry
        {
            Id = $"INQ-{number:D6}",
            BuyerId = unmet ? $"BUY-{10_000 + number:D5}" : $"BUY-{(number * 37 % 9973) + 1:D5}",
            BuyerName = buyerName,
            BuyerCountry = country,
            BuyerType = (BuyerType)(1 + random.Next(5)),
            Title = chinese ? $"求购{product.Chinese}" : $"{Capitalize(product.English)} for {city}",
            Description = chinese
                ? $"{city}进口商求购{product.Chinese}，数量{quantity.ToString(CultureInfo.InvariantCulture)} {product.Unit}，长期合作。 Looking for {product.English} from the Russian Far East."
                : $"{buyerName} is looking for {product.English} from the Russian Far East, {quantity.ToString("#,0", CultureInfo.InvariantCulture)} {product.Unit} per year, CIF {city}. Long-term contract possible.",
            HsCodes = codes,
            Quantity = quantity,
            Unit = product.Unit,
            TargetUnitPriceUsd = random.NextDouble() < 0.5 ? Math.Round(50 + (random.NextDouble() * 2_000), 2) : null,
            RequiredCertifications = required,
            PreferredSupplierCountries = random.NextDouble() < 0.7 ? ["RU"] : random.NextDouble() < 0.5 ? ["RU", "KZ", "MN"] : [],
            Languages = language == "en" ? ["en"] : [language, "en"],
            ValidUntil = expired ? asOf.AddDays(-random.Next(1, 30)) : asOf.AddDays(random.Next(30, 180)),
            Status = random.NextDouble() < 0.1 ? InquiryStatus.Closed : InquiryStatus.Open,
            CreatedAt = created,
        };
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static T Pick<T>(Random random, IReadOnlyList<T> items, Func<T, double> weight)
    {
        var total = items.Sum(weight);
        var x = random.NextDouble() * total;
        foreach (var item in items)
        {
            x -= weight(item);
            if (x < 0)
            {
                return item;
            }
        }

        return items[^1];
    }

    private static T[] Shuffle<T>(Random random, IReadOnlyList<T> items)
    {
        var copy = items.ToArray();
        random.Shuffle(copy);
        return copy;
    }

    private static double Round(double value) => value >= 100 ? Math.Round(value / 10) * 10 : Math.Round(value, 1);

    private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
