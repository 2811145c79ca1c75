using Google.Protobuf.WellKnownTypes;
using Matchmaker.V1;

namespace Matchmaker.Tests.Support;

/// <summary>Valid records to start from; each test changes what it is about.</summary>
public static class Samples
{
    public static ExporterProfile Exporter(string id, params string[] hsCodes)
    {
        var e = new ExporterProfile
        {
            Id = id,
            Name = $"Exporter {id}",
            Country = "RU",
            Region = "RU-KHA",
            Description = "Producer from Khabarovsk",
            Active = true,
            ExportExperienceYears = 5,
            Certifications = { "HACCP" },
            TargetMarkets = { "KR", "CN" },
            Languages = { "ru", "en" },
        };
        foreach (var code in hsCodes.DefaultIfEmpty("030367"))
        {
            e.Products.Add(new Product { HsCode = code, Name = "product", AnnualCapacity = 1000, Unit = "t", MinOrderQuantity = 10 });
        }

        return e;
    }

    public static BuyerInquiry Inquiry(string id, params string[] hsCodes)
    {
        var q = new BuyerInquiry
        {
            Id = id,
            BuyerId = "B-1",
            BuyerName = "Busan Seafood Trading",
            BuyerCountry = "KR",
            BuyerType = BuyerType.Importer,
            Title = "Wanted",
            Quantity = 100,
            Unit = "t",
            PreferredSupplierCountries = { "RU" },
            Languages = { "ko", "en" },
            ValidUntil = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(60)),
        };
        q.HsCodes.AddRange(hsCodes.DefaultIfEmpty("030367"));
        return q;
    }
}
