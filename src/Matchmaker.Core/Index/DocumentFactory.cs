using Lucene.Net.Documents;
using Matchmaker.Profiles;

namespace Matchmaker.Index;

/// <summary>Turns records into index documents. The record's JSON body is stored, so ranking needs no store read.</summary>
internal static class DocumentFactory
{
    public static Document ForExporter(Exporter e)
    {
        var doc = Common(IndexFields.ExporterUid(e.Id), IndexFields.ExporterType, e.Id);
        AddHs(doc, e.Products.Select(p => p.HsCode));
        AddText(doc, TextOf(e));
        AddKeyword(doc, IndexFields.Country, e.Country);
        AddKeyword(doc, IndexFields.Region, e.Region);
        AddKeywords(doc, IndexFields.Certification, e.Certifications.Select(ProfileNormalizer.CertificationKey));
        AddKeywords(doc, IndexFields.Language, e.Languages);
        AddKeywords(doc, IndexFields.Market, e.TargetMarkets);
        AddKeyword(doc, IndexFields.Active, e.Active ? "1" : "0");
        doc.Add(new StoredField(IndexFields.Body, ProfileRecordKinds.Exporter.Serialize(e)));
        return doc;
    }

    public static Document ForInquiry(Inquiry q)
    {
        var doc = Common(IndexFields.InquiryUid(q.Id), IndexFields.InquiryType, q.Id);
        AddHs(doc, q.HsCodes);
        AddText(doc, TextOf(q));
        AddKeyword(doc, IndexFields.Country, q.BuyerCountry);
        AddKeywords(doc, IndexFields.PreferredSupplier, q.PreferredSupplierCountries);
        AddKeywords(doc, IndexFields.Certification, q.RequiredCertifications.Select(ProfileNormalizer.CertificationKey));
        AddKeywords(doc, IndexFields.Language, q.Languages);
        AddKeyword(doc, IndexFields.BuyerType, ((int)q.BuyerType).ToString(System.Globalization.CultureInfo.InvariantCulture));
        AddKeyword(doc, IndexFields.Status, q.Status == InquiryStatus.Open ? "open" : "closed");
        doc.Add(new Int64Field(IndexFields.ValidUntil, ValidUntilMillis(q.ValidUntil), Field.Store.NO));
        doc.Add(new StoredField(IndexFields.Body, ProfileRecordKinds.Inquiry.Serialize(q)));
        return doc;
    }

    /// <summary>The texts an exporter puts in the text field (its cache buckets are their terms).</summary>
    public static string[] TextOf(Exporter e) => [e.Name, e.Description, string.Join('\n', e.Products.Select(p => p.Name + " " + p.Description))];

    /// <summary>The texts an inquiry puts in the text field.</summary>
    public static string[] TextOf(Inquiry q) => [q.Title, q.Description];

    /// <summary>No validity date means no expiry: indexed as the largest time.</summary>
    public static long ValidUntilMillis(DateTimeOffset? validUntil) =>
        validUntil?.ToUnixTimeMilliseconds() ?? long.MaxValue;

    public static Exporter ReadExporter(Document doc) =>
        ProfileRecordKinds.Exporter.Deserialize(doc.Get(IndexFields.Body, System.Globalization.CultureInfo.InvariantCulture));

    public static Inquiry ReadInquiry(Document doc) =>
        ProfileRecordKinds.Inquiry.Deserialize(doc.Get(IndexFields.Body, System.Globalization.CultureInfo.InvariantCulture));

    private static Document Common(string uid, string type, string id) =>
    [
        new StringField(IndexFields.Uid, uid, Field.Store.NO),
        new StringField(IndexFields.Type, type, Field.Store.NO),
        new StringField(IndexFields.Id, id, Field.Store.YES),
    ];

    /// <summary>Each code is indexed at its own level and every coarser one: 030389 as hs6 030389, hs4 0303, hs2 03.</summary>
    private static void AddHs(Document doc, IEnumerable<string> codes)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var code in codes)
        {
            for (var digits = 2; digits <= code.Length; digits += 2)
            {
                var prefix = code[..digits];
                if (seen.Add(prefix))
                {
                    doc.Add(new StringField(IndexFields.Hs(digits), prefix, Field.Store.NO));
                }
            }
        }
    }

    private static void AddText(Document doc, params string[] parts)
    {
        foreach (var part in parts)
        {
            if (part.Length > 0)
            {
                doc.Add(new TextField(IndexFields.Text, part, Field.Store.NO));
            }
        }
    }

    private static void AddKeyword(Document doc, string field, string value)
    {
        if (value.Length > 0)
        {
            doc.Add(new StringField(field, value, Field.Store.NO));
        }
    }

    private static void AddKeywords(Document doc, string field, IEnumerable<string> values)
    {
        foreach (var value in values.Distinct(StringComparer.Ordinal))
        {
            AddKeyword(doc, field, value);
        }
    }
}
