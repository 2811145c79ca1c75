using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Matchmaker.DemoData;
using Matchmaker.Index;
using Matchmaker.Profiles;

namespace Matchmaker.Tests.Index;

/// <summary>
/// How a record becomes an index document is an internal matter, but an index written by an earlier
/// version must still be read (a data folder survives upgrades), and searches must find the same terms.
/// </summary>
public sealed class DocumentLayoutTests
{
    private static readonly DateTimeOffset AsOf = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Keyword_values_index_the_terms_one_untokenized_field_per_value_does()
    {
        var generator = new DemoDataGenerator(7, AsOf);
        var exporters = generator.Exporters(40).Select(e => ProfileValidator.Prepare(e)).ToList();
        var inquiries = generator.Inquiries(40).Select(q => ProfileValidator.Prepare(q)).ToList();
        using var built = new RAMDirectory();
        using var oneFieldPerValue = new RAMDirectory();

        Write(built, exporters.Select(e => DocumentFactory.ForExporter(e)).Concat(inquiries.Select(q => DocumentFactory.ForInquiry(q))));
        Write(oneFieldPerValue, exporters.Select(OneFieldPerValue).Concat(inquiries.Select(OneFieldPerValue)));

        using var a = DirectoryReader.Open(built);
        using var b = DirectoryReader.Open(oneFieldPerValue);
        var fieldsA = MultiFields.GetMergedFieldInfos(a);
        var fieldsB = MultiFields.GetMergedFieldInfos(b);
        var indexed = fieldsB.Where(f => f.IsIndexed).Select(f => (f.Name, f.IndexOptions, f.HasNorms)).OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
        Assert.Equal(indexed, fieldsA.Where(f => f.IsIndexed).Select(f => (f.Name, f.IndexOptions, f.HasNorms)).OrderBy(f => f.Name, StringComparer.Ordinal));
        Assert.True(indexed.Count >= 14, $"{indexed.Count} indexed fields");
        foreach (var (field, _, _) in indexed)
        {
            Assert.Equal(Postings(b, field), Postings(a, field));
        }
    }

    [Fact]
    public void A_body_stored_as_text_by_an_earlier_version_is_read_as_the_same_record()
    {
        var exporter = ProfileValidator.Prepare(new DemoDataGenerator(3, AsOf).Exporters(1).First());
        var body = ProfileRecordKinds.Exporter.Serialize(exporter);
        using var directory = new RAMDirectory();
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(MultilingualAnalyzer.Version, SearchIndex.Analyzer)))
        {
            writer.AddDocument(DocumentFactory.ForExporter(exporter, body));
            writer.AddDocument([new StringField(IndexFields.Id, exporter.Id, Field.Store.YES), new StoredField(IndexFields.Body, body)]);
        }

        using var reader = DirectoryReader.Open(directory);
        var asBytes = reader.Document(0);
        var asText = reader.Document(1);

        Assert.NotNull(asBytes.GetField(IndexFields.Body).GetBinaryValue());
        Assert.Null(asText.GetField(IndexFields.Body).GetBinaryValue());
        Assert.Equal(body, ProfileRecordKinds.Exporter.Serialize(DocumentFactory.ReadExporter(asBytes)));
        Assert.Equal(body, ProfileRecordKinds.Exporter.Serialize(DocumentFactory.ReadExporter(asText)));
    }

    private static void Write(Lucene.Net.Store.Directory directory, IEnumerable<Document> documents)
    {
        using var writer = new IndexWriter(directory, new IndexWriterConfig(MultilingualAnalyzer.Version, SearchIndex.Analyzer) { Similarity = SearchIndex.Similarity });
        foreach (var document in documents)
        {
            writer.AddDocument(document);
        }

        writer.Commit();
    }

    /// <summary>An exporter's keywords as the index held them before 2026-11-29: each value its own <see cref="StringField"/>.</summary>
    private static Document OneFieldPerValue(Exporter e)
    {
        var doc = Common(IndexFields.ExporterUid(e.Id), IndexFields.ExporterType, e.Id, e.Products.Select(p => p.HsCode), DocumentFactory.TextOf(e));
        Add(doc, IndexFields.Country, e.Country);
        Add(doc, IndexFields.Region, e.Region);
        Add(doc, IndexFields.Certification, e.Certifications.Select(ProfileNormalizer.CertificationKey).ToArray());
        Add(doc, IndexFields.Language, [.. e.Languages]);
        Add(doc, IndexFields.Market, [.. e.TargetMarkets]);
        Add(doc, IndexFields.Active, e.Active ? "1" : "0");
        return doc;
    }

    /// <summary>An inquiry's keywords, likewise.</summary>
    private static Document OneFieldPerValue(Inquiry q)
    {
        var doc = Common(IndexFields.InquiryUid(q.Id), IndexFields.InquiryType, q.Id, q.HsCodes, DocumentFactory.TextOf(q));
        Add(doc, IndexFields.Country, q.BuyerCountry);
        Add(doc, IndexFields.PreferredSupplier, [.. q.PreferredSupplierCountries]);
        Add(doc, IndexFields.Certification, q.RequiredCertifications.Select(ProfileNormalizer.CertificationKey).ToArray());
        Add(doc, IndexFields.Language, [.. q.Languages]);
        Add(doc, IndexFields.BuyerType, ((int)q.BuyerType).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add(doc, IndexFields.Status, q.Status == InquiryStatus.Open ? "open" : "closed");
        doc.Add(new Int64Field(IndexFields.ValidUntil, DocumentFactory.ValidUntilMillis(q.ValidUntil), Field.Store.NO));
        return doc;
    }

    private static Document Common(string uid, string type, string id, IEnumerable<string> hsCodes, string[] text)
    {
        var doc = new Document();
        Add(doc, IndexFields.Uid, uid);
        Add(doc, IndexFields.Type, type);
        doc.Add(new StringField(IndexFields.Id, id, Field.Store.YES));
        foreach (var code in hsCodes)
        {
            for (var digits = 2; digits <= code.Length; digits += 2)
            {
                Add(doc, IndexFields.Hs(digits), code[..digits]);
            }
        }

        foreach (var part in text.Where(t => t.Length > 0))
        {
            doc.Add(new TextField(IndexFields.Text, part, Field.Store.NO));
        }

        return doc;
    }

    private static void Add(Document doc, string field, params string[] values)
    {
        foreach (var value in values.Where(v => v.Length > 0))
        {
            doc.Add(new StringField(field, value, Field.Store.NO));
        }
    }

    private static List<(string Term, int Docs)> Postings(IndexReader reader, string field)
    {
        var postings = new List<(string, int)>();
        var terms = MultiFields.GetTerms(reader, field);
        if (terms is null)
        {
            return postings;
        }

        var e = terms.GetEnumerator();
        while (e.MoveNext())
        {
            postings.Add((e.Term.Utf8ToString(), e.DocFreq));
        }

        return postings;
    }
}
