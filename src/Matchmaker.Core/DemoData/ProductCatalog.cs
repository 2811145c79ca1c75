namespace Matchmaker.DemoData;

/// <summary>A product the Russian Far East exports, as the demo data uses it.</summary>
internal sealed record DemoProduct(string HsCode, string English, string Russian, string Unit, double MinCapacity, double MaxCapacity, string? Chinese = null);

/// <summary>An export sector of Khabarovsk Krai and its neighbours, with its products and usual certificates.</summary>
/// <param name="Wanted">Products buyers ask for that no demo exporter makes (demand gaps).</param>
internal sealed record DemoSector(string Key, string English, string Russian, double Share, string[] NameWords, string[] Certifications, DemoProduct[] Products,
    DemoProduct[]? Wanted = null)
{
    public DemoProduct[] Wanted { get; } = Wanted ?? [];
}

/// <summary>
/// Sectors and HS codes after the export structure of Khabarovsk Krai described in the KSP
/// 2017/18 report (shared/seeds/000_…): timber and wood, fish and seafood, food, machinery,
/// plus construction materials, chemicals, metals and fuel from its SME survey (Table 2-5).
/// Shares are rough weights for a plausible mix, not statistics.
/// </summary>
internal static class ProductCatalog
{
    public static DemoSector[] Sectors { get; } =
    [
        new("timber", "timber and wood products", "лесопромышленная продукция", 0.27,
            ["Les", "Timber", "Taiga Wood", "Lesprom", "Forest"], ["FSC", "PEFC", "ISO 9001"],
            [
                new("440321", "pine logs", "бревна сосны", "m3", 5_000, 150_000, "松木原木"),
                new("440323", "fir and spruce logs", "бревна пихты и ели", "m3", 5_000, 120_000, "云冷杉原木"),
                new("440325", "larch logs", "бревна лиственницы", "m3", 5_000, 200_000),
                new("440711", "sawn pine timber", "пиломатериалы из сосны", "m3", 2_000, 60_000, "松木锯材"),
                new("440712", "sawn fir and spruce timber", "пиломатериалы из пихты и ели", "m3", 2_000, 50_000),
                new("440719", "sawn larch timber", "пиломатериалы из лиственницы", "m3", 1_000, 40_000),
                new("440810", "coniferous veneer sheets", "листы шпона хвойных пород", "m3", 500, 15_000),
                new("440131", "wood pellets", "древесные пеллеты", "t", 1_000, 30_000),
                new("441299", "plywood and laminated panels", "фанера и клееные панели", "m3", 500, 20_000),
                new("441819", "wooden windows and frames", "деревянные окна и рамы", "pcs", 1_000, 20_000),
            ],
            [
                new("440910", "wood flooring strips and mouldings", "погонажные изделия из древесины", "m3", 200, 10_000),
                new("441012", "oriented strand board (OSB)", "ориентированно-стружечные плиты (OSB)", "m3", 1_000, 50_000),
            ]),
        new("fish", "fish and seafood", "рыба и морепродукты", 0.27,
            ["Ryba", "Okhotsk Fish", "Rybprom", "Sea Harvest", "Pacific Catch"], ["HACCP", "MSC", "ISO 22000", "EAC"],
            [
                new("030367", "frozen Alaska pollock", "минтай мороженый", "t", 500, 20_000, "冷冻狭鳕鱼"),
                new("030494", "frozen Alaska pollock fillets", "филе минтая мороженое", "t", 200, 8_000),
                new("030312", "frozen Pacific salmon", "лосось тихоокеанский мороженый", "t", 200, 10_000, "冷冻太平洋鲑鱼"),
                new("030351", "frozen herring", "сельдь мороженая", "t", 300, 12_000),
                new("030363", "frozen cod", "треска мороженая", "t", 200, 8_000),
                new("030614", "frozen crab", "краб мороженый", "t", 20, 1_500, "冷冻蟹"),
                new("030633", "live king crab", "живой краб", "t", 10, 600),
                new("030722", "frozen scallops", "гребешок мороженый", "t", 20, 1_000),
                new("030541", "smoked salmon", "лосось копченый", "t", 10, 500),
                new("160431", "salmon caviar", "икра лососевая", "t", 5, 200, "鲑鱼籽"),
            ],
            [
                new("160510", "canned crab meat", "консервы из мяса краба", "t", 5, 300),
            ]),
        new("food", "food and beverages", "продукты питания и напитки", 0.22,
            ["Agro", "Dalfood", "Amur Produkt", "Far East Foods", "Ussuri"], ["HACCP", "ISO 22000", "Halal", "EAC", "Organic"],
            [
                new("040900", "natural honey", "натуральный мед", "t", 5, 400, "天然蜂蜜"),
                new("071239", "dried wild mushrooms", "сушеные дикорастущие грибы", "t", 2, 150),
                new("200799", "berry jam", "ягодное варенье", "t", 5, 300),
                new("210500", "ice cream", "мороженое", "t", 50, 3_000),
                new("220860", "vodka", "водка", "l", 50_000, 2_000_000, "伏特加"),
                new("150790", "refined soybean oil", "соевое масло рафинированное", "t", 500, 30_000),
                new("120190", "soybeans", "соевые бобы", "t", 1_000, 80_000, "大豆"),
                new("100199", "wheat", "пшеница", "t", 2_000, 100_000),
                new("100590", "maize (corn)", "кукуруза", "t", 2_000, 80_000),
                new("040221", "milk powder", "сухое молоко", "t", 50, 3_000),
                new("190590", "bakery and confectionery", "хлебобулочные и кондитерские изделия", "t", 20, 2_000),
                new("220210", "mineral water", "минеральная вода", "l", 100_000, 5_000_000),
            ],
            [
                new("081120", "frozen wild berries", "замороженные дикорастущие ягоды", "t", 20, 1_000),
                new("200989", "berry juice", "ягодный сок", "l", 10_000, 500_000),
            ]),
        new("machinery", "machinery and engineering", "машиностроение и металлообработка", 0.12,
            ["Mash", "Energomash", "Amur Engineering", "Dalzavod", "Tekhnika"], ["ISO 9001", "CE", "EAC"],
            [
                new("843850", "meat and fish processing equipment", "оборудование для переработки мяса и рыбы", "pcs", 10, 300),
                new("841480", "industrial compressors", "промышленные компрессоры", "pcs", 20, 1_000),
                new("850239", "power generating sets", "электрогенераторные установки", "pcs", 5, 200),
                new("890190", "cargo boats and vessels", "грузовые суда и катера", "pcs", 1, 20),
                new("880730", "aircraft parts and components", "части и компоненты самолетов", "pcs", 50, 5_000),
                new("843049", "drilling machinery", "буровое оборудование", "pcs", 2, 100),
                new("903180", "sensor and measuring systems", "датчики и измерительные системы", "pcs", 100, 10_000),
            ],
            [
                new("846591", "sawing machines for wood", "деревообрабатывающие пильные станки", "pcs", 5, 200),
            ]),
        new("construction", "construction materials", "строительные материалы", 0.05,
            ["Stroy", "Basalt", "Dalstroy"], ["ISO 9001", "EAC"],
            [
                new("680610", "basalt wool insulation", "базальтовая теплоизоляция", "t", 500, 20_000),
                new("730890", "steel screw piles", "стальные винтовые сваи", "t", 100, 5_000),
                new("320890", "industrial paints", "промышленные краски", "t", 50, 3_000),
            ]),
        new("chemical", "chemicals and extracts", "химическая продукция и экстракты", 0.03,
            ["Khim", "Fito", "Taiga Extract"], ["ISO 9001", "Organic", "GMP"],
            [
                new("330129", "fir essential oil", "пихтовое эфирное масло", "t", 1, 50),
                new("210690", "plant extracts (Ganoderma, ginseng)", "растительные экстракты", "t", 1, 100),
                new("310100", "organic fertilizers", "органические удобрения", "t", 100, 10_000),
            ]),
        new("metal", "metals and scrap", "металлы и лом", 0.02,
            ["Metall", "Vtorchermet", "Far East Steel"], ["ISO 9001"],
            [
                new("720449", "ferrous scrap", "лом черных металлов", "t", 1_000, 50_000),
                new("720712", "steel slabs", "стальные слябы", "t", 1_000, 80_000),
                new("760200", "aluminium scrap", "лом алюминия", "t", 100, 5_000),
            ]),
        new("fuel", "coal and fuel", "уголь и топливо", 0.02,
            ["Ugol", "Energo", "Amur Fuel"], ["ISO 9001", "ISO 14001"],
            [
                new("270112", "bituminous coal", "каменный уголь", "t", 10_000, 500_000),
                new("271019", "diesel fuel", "дизельное топливо", "t", 1_000, 100_000),
            ]),
    ];
}
