using Lucene.Net.Documents;
using Matchmaker.Profiles;

namespace Matchmaker.Index;

/// <summary>Turns records into index documents. The record's JSON body is stored, so ranking needs no store read.</summary>
internal static class DocumentFactory
{
    /// <summary>
    /// The exporter's document, built from this thread's reused fields (<see cref="FieldBuffer"/>):
    /// valid until the next document built on this thread, which is how the index consumes it.
    /// </summary>
    /// <param name="body">The record's stored JSON when the caller already has it (the store's write did it).</param>
    public static Document ForExporter(Exporter e, string? body = null)
    {
        var doc = FieldBuffer.Start(IndexFields.ExporterUid(e.Id), IndexFields.ExporterType, e.Id);
        AddHs(doc, e.Products.Select(p => p.HsCode));
        AddText(doc, TextOf(e));
        doc.Keyword(IndexFields.Country, e.Country);
        doc.Keyword(IndexFields.Region, e.Region);
        AddKeywords(doc, IndexFields.Certification, e.Certifications.Select(ProfileNormalizer.CertificationKey));
        AddKeywords(doc, IndexFields.Language, e.Languages);
        AddKeywords(doc, IndexFields.Market, e.TargetMarkets);
        doc.Keyword(IndexFields.Active, e.Active ? "1" : "0");
        doc.StoredUtf8(IndexFields.Body, body ?? ProfileRecordKinds.Exporter.Serialize(e));
        return doc.Document;
    }

    /// <inheritdoc cref="ForExporter"/>
    public static Document ForInquiry(Inquiry q, string? body = null)
    {
        var doc = FieldBuffer.Start(IndexFields.InquiryUid(q.Id), IndexFields.InquiryType, q.Id);
        AddHs(doc, q.HsCodes);
        AddText(doc, TextOf(q));
        doc.Keyword(IndexFields.Country, q.BuyerCountry);
        AddKeywords(doc, IndexFields.PreferredSupplier, q.PreferredSupplierCountries);
        AddKeywords(doc, IndexFields.Certification, q.RequiredCertifications.Select(ProfileNormalizer.CertificationKey));
        AddKeywords(doc, IndexFields.Language, q.Languages);
        doc.Keyword(IndexFields.BuyerType, ((int)q.BuyerType).ToString(System.Globalization.CultureInfo.InvariantCulture));
        doc.Keyword(IndexFields.Status, q.Status == InquiryStatus.Open ? "open" : "closed");
        doc.Int64(IndexFields.ValidUntil, ValidUntilMillis(q.ValidUntil));
        doc.StoredUtf8(IndexFields.Body, body ?? ProfileRecordKinds.Inquiry.Serialize(q));
        return doc.Document;
    }

    /// <summary>The texts an exporter puts in the text field (its cache buckets are their terms).</summary>
    public static string[] TextOf(Exporter e) => [e.Name, e.Description, string.Join('\n', e.Products.Select(p => p.Name + " " + p.Description))];

    /// <summary>The texts an inquiry puts in the text field.</summary>
    public static string[] TextOf(Inquiry q) => [q.Title, q.Description];

    /// <summary>No validity date means no expiry: indexed as the largest time.</summary>
    public static long ValidUntilMillis(DateTimeOffset? validUntil) =>
        validUntil?.ToUnixTimeMilliseconds() ?? long.MaxValue;

    /// <summary>The exporter a document's stored body holds (UTF-8 bytes; a string in indexes written before 2026-11-29).</summary>
    public static Exporter ReadExporter(Document doc) =>
        FieldBuffer.StoredText(doc, IndexFields.Body, ProfileRecordKinds.Exporter.Deserialize, ProfileRecordKinds.Exporter.Deserialize)
        ?? throw new InvalidDataException("an exporter document without a stored body");

    /// <inheritdoc cref="ReadExporter"/>
    public static Inquiry ReadInquiry(Document doc) =>
        FieldBuffer.StoredText(doc, IndexFields.Body, ProfileRecordKinds.Inquiry.Deserialize, ProfileRecordKinds.Inquiry.Deserialize)
        ?? throw new InvalidDataException("an inquiry document without a stored body");

    /// <summary>Each code is indexed at its own level and every coarser one: 030389 as hs6 030389, hs4 0303, hs2 03.</summary>
    private static void AddHs(FieldBuffer doc, IEnumerable<string> codes)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var code in codes)
        {
            for (var digits = 2; digits <= code.Length; digits += 2)
            {
                var prefix = code[..digits];
                if (seen.Add(prefix))
                {
                    doc.Keyword(IndexFields.Hs(digits), prefix);
                }
            }
        }
    }

    private static void AddText(FieldBuffer doc, params string[] parts)
    {
        foreach (var part in parts)
        {
            if (part.Length > 0)
            {
                doc.Text(IndexFields.Text, part);
            }
        }
    }

    private static void AddKeywords(FieldBuffer doc, string field, IEnumerable<string> values)
    {
        foreach (var value in values.Distinct(StringComparer.Ordinal))
        {
            doc.Keyword(field, value);
        }
    }
}
