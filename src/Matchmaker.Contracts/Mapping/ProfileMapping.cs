using Google.Protobuf.WellKnownTypes;
using Matchmaker.Profiles;

namespace Matchmaker.Mapping;

/// <summary>Exporter and inquiry messages ⇄ domain records, at the edge only (proto types never enter Core).</summary>
public static class ProfileMapping
{
    public static Exporter ToDomain(this V1.ExporterProfile p) => new()
    {
        Id = p.Id,
        Version = p.Version,
        Name = p.Name,
        Country = p.Country,
        Region = p.Region,
        Description = p.Description,
        Products = [.. p.Products.Select(x => new Product
        {
            HsCode = x.HsCode,
            Name = x.Name,
            Description = x.Description,
            AnnualCapacity = x.AnnualCapacity,
            Unit = x.Unit,
            MinOrderQuantity = x.MinOrderQuantity,
        })],
        Certifications = [.. p.Certifications],
        TargetMarkets = [.. p.TargetMarkets],
        Languages = [.. p.Languages],
        ExportExperienceYears = p.ExportExperienceYears,
        ExportMarketsCount = p.ExportMarketsCount,
        Employees = p.Employees,
        Website = p.Website,
        Contact = p.Contact is { } c ? new Contact(c.Name, c.Email, c.Phone) : null,
        Active = p.Active,
        UpdatedAt = p.UpdatedAt?.ToChecked("updated_at") ?? default,
    };

    public static V1.ExporterProfile ToProto(this Exporter e)
    {
        var p = new V1.ExporterProfile
        {
            Id = e.Id,
            Version = e.Version,
            Name = e.Name,
            Country = e.Country,
            Region = e.Region,
            Description = e.Description,
            ExportExperienceYears = e.ExportExperienceYears,
            ExportMarketsCount = e.ExportMarketsCount,
            Employees = e.Employees,
            Website = e.Website,
            Active = e.Active,
            UpdatedAt = e.UpdatedAt == default ? null : Timestamp.FromDateTimeOffset(e.UpdatedAt),
            Contact = e.Contact is { } c ? new V1.Contact { Name = c.Name, Email = c.Email, Phone = c.Phone } : null,
        };
        p.Products.AddRange(e.Products.Select(x => new V1.Product
        {
            HsCode = x.HsCode,
            Name = x.Name,
            Description = x.Description,
            AnnualCapacity = x.AnnualCapacity,
            Unit = x.Unit,
            MinOrderQuantity = x.MinOrderQuantity,
        }));
        p.Certifications.AddRange(e.Certifications);
        p.TargetMarkets.AddRange(e.TargetMarkets);
        p.Languages.AddRange(e.Languages);
        return p;
    }

    public static Inquiry ToDomain(this V1.BuyerInquiry p) => new()
    {
        Id = p.Id,
        Version = p.Version,
        BuyerId = p.BuyerId,
        BuyerName = p.BuyerName,
        BuyerCountry = p.BuyerCountry,
        BuyerType = (BuyerType)(int)p.BuyerType,
        Title = p.Title,
        Description = p.Description,
        HsCodes = [.. p.HsCodes],
        Quantity = p.Quantity,
        Unit = p.Unit,
        TargetUnitPriceUsd = p.HasTargetUnitPriceUsd ? p.TargetUnitPriceUsd : null,
        RequiredCertifications = [.. p.RequiredCertifications],
        PreferredSupplierCountries = [.. p.PreferredSupplierCountries],
        Languages = [.. p.Languages],
        ValidUntil = p.ValidUntil?.ToChecked("valid_until"),
        // Unspecified means open: a new inquiry is open unless said otherwise.
        Status = p.Status == V1.InquiryStatus.Unspecified ? InquiryStatus.Open : (InquiryStatus)(int)p.Status,
        CreatedAt = p.CreatedAt?.ToChecked("created_at") ?? default,
    };

    public static V1.BuyerInquiry ToProto(this Inquiry q)
    {
        var p = new V1.BuyerInquiry
        {
            Id = q.Id,
            Version = q.Version,
            BuyerId = q.BuyerId,
            BuyerName = q.BuyerName,
            BuyerCountry = q.BuyerCountry,
            BuyerType = (V1.BuyerType)(int)q.BuyerType,
            Title = q.Title,
            Description = q.Description,
            Quantity = q.Quantity,
            Unit = q.Unit,
            ValidUntil = q.ValidUntil is { } v ? Timestamp.FromDateTimeOffset(v) : null,
            Status = (V1.InquiryStatus)(int)q.Status,
            CreatedAt = q.CreatedAt == default ? null : Timestamp.FromDateTimeOffset(q.CreatedAt),
        };
        if (q.TargetUnitPriceUsd is { } price)
        {
            p.TargetUnitPriceUsd = price;
        }

        p.HsCodes.AddRange(q.HsCodes);
        p.RequiredCertifications.AddRange(q.RequiredCertifications);
        p.PreferredSupplierCountries.AddRange(q.PreferredSupplierCountries);
        p.Languages.AddRange(q.Languages);
        return p;
    }
}
