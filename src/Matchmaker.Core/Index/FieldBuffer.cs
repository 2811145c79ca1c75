using Lucene.Net.Documents;
using Lucene.Net.Util;

namespace Matchmaker.Index;

/// <summary>
/// One document per thread whose Field instances are reused from one indexed document to the next,
/// as Lucene recommends for bulk indexing: a new keyword field costs a new token stream and
/// attribute lookups under a lock in Lucene.Net (measured: about half the time of inverting an
/// exporter), a reused one only gets its value set. A keyword field's values in a document are one
/// field instance whose token stream gives them one by one (the same postings as one untokenized field
/// per value, without Lucene's per-instance work: 53 → 48 µs of a core per demo exporter indexed), and
/// the stored body is given to Lucene as UTF-8 bytes encoded into this thread's buffer (as a string,
/// Lucene.Net encodes it into new arrays: 4 KB of garbage per exporter). The document is valid until
/// the next <see cref="Start"/> on the same thread; the index writer consumes it before that.
/// </summary>
internal sealed class FieldBuffer
{
    [ThreadStatic]
    private static FieldBuffer? _current;

    private readonly Dictionary<(string Name, Kind Kind), Slot> _slots = [];
    private readonly Dictionary<string, KeywordValues> _keywords = new(StringComparer.Ordinal);
    private byte[] _utf8 = new byte[4096];

    private enum Kind
    {
        StoredKeyword,
        Text,
        Stored,
        Int64,
    }

    public Document Document { get; } = [];

    /// <summary>This thread's buffer, emptied, with the fields every document has (uid, type, stored id).</summary>
    public static FieldBuffer Start(string uid, string type, string id)
    {
        var buffer = _current ??= new FieldBuffer();
        buffer.Document.Fields.Clear();
        foreach (var slot in buffer._slots.Values)
        {
            slot.Used = 0;
        }

        foreach (var values in buffer._keywords.Values)
        {
            values.Clear();
        }

        buffer.Keyword(IndexFields.Uid, uid);
        buffer.Keyword(IndexFields.Type, type);
        buffer.Next(IndexFields.Id, Kind.StoredKeyword, id, static (n, v) => new StringField(n, v, Field.Store.YES));
        return buffer;
    }

    /// <summary>An untokenized, unstored value (as a <see cref="StringField"/> indexes it); an empty value, or one the field already has in this document, adds nothing.</summary>
    public void Keyword(string name, string value)
    {
        if (value.Length == 0)
        {
            return;
        }

        if (!_keywords.TryGetValue(name, out var values))
        {
            values = new KeywordValues(name);
            _keywords[name] = values;
        }

        if (values.Add(value))
        {
            Document.Add(values.Field);
        }
    }

    /// <summary>Analyzed text, not stored.</summary>
    public void Text(string name, string value) =>
        Next(name, Kind.Text, value, static (n, v) => new TextField(n, v, Field.Store.NO));

    /// <summary>A stored value, not indexed, kept as its UTF-8 bytes (read back with <see cref="StoredText"/>).</summary>
    public void StoredUtf8(string name, string value)
    {
        if (System.Text.Encoding.UTF8.GetMaxByteCount(value.Length) > _utf8.Length)
        {
            var needed = System.Text.Encoding.UTF8.GetByteCount(value);
            if (needed > _utf8.Length)
            {
                _utf8 = new byte[Math.Max(needed, _utf8.Length * 2)];
            }
        }

        var length = System.Text.Encoding.UTF8.GetBytes(value, _utf8);
        var bytes = new BytesRef(_utf8, 0, length);
        Next(name, Kind.Stored, bytes, static (n, v) => new StoredField(n, v), static (f, v) => f.SetBytesValue(v));
    }

    /// <summary>
    /// A stored text as <see cref="StoredUtf8"/> wrote it, or as a string field (indexes written before it):
    /// null when the document has no such field.
    /// </summary>
    public static T? StoredText<T>(Document doc, string name, Func<ReadOnlySpan<byte>, T> fromUtf8, Func<string, T> fromString)
        where T : class
    {
        var field = doc.GetField(name);
        if (field is null)
        {
            return null;
        }

        return field.GetBinaryValue() is { } bytes
            ? fromUtf8(bytes.Bytes.AsSpan(bytes.Offset, bytes.Length))
            : fromString(field.GetStringValue(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>A numeric value for range queries, not stored.</summary>
    public void Int64(string name, long value) =>
        Next(name, Kind.Int64, value, static (n, v) => new Int64Field(n, v, Field.Store.NO), static (f, v) => f.SetInt64Value(v));

    private void Next(string name, Kind kind, string value, Func<string, string, Field> create) =>
        Next(name, kind, value, create, static (f, v) => f.SetStringValue(v));

    /// <summary>Adds this document's next field of that name and kind: a reused one given the value, or a new one.</summary>
    private void Next<TValue>(string name, Kind kind, TValue value, Func<string, TValue, Field> create, Action<Field, TValue> set)
    {
        var slot = SlotOf(name, kind);
        Field field;
        if (slot.Used < slot.Fields.Count)
        {
            field = slot.Fields[slot.Used];
            set(field, value);
        }
        else
        {
            field = create(name, value);
            slot.Fields.Add(field);
        }

        slot.Used++;
        Document.Add(field);
    }

    private Slot SlotOf(string name, Kind kind)
    {
        if (!_slots.TryGetValue((name, kind), out var slot))
        {
            slot = new Slot();
            _slots[(name, kind)] = slot;
        }

        return slot;
    }

    /// <summary>A keyword field's distinct values in the current document, indexed through one field instance.</summary>
    private sealed class KeywordValues
    {
        /// <summary>Indexed as <see cref="StringField"/> is (docs only, no norms); tokenized only in that its stream gives several values.</summary>
        private static readonly FieldType KeywordType = CreateKeywordType();

        private readonly List<string> _values = [];

        // The field owns its stream: Lucene resets, ends and closes it for each document; closing it releases
        // nothing, so the same stream serves the next document.
        public KeywordValues(string name) => Field = new Field(name, new ValuesStream(_values), KeywordType);

        public Field Field { get; }

        /// <summary>Adds a value; true when it is the field's first in this document (the field joins the document then).</summary>
        public bool Add(string value)
        {
            if (_values.Contains(value))
            {
                return false;
            }

            _values.Add(value);
            return _values.Count == 1;
        }

        public void Clear() => _values.Clear();

        private static FieldType CreateKeywordType()
        {
            var type = new FieldType(StringField.TYPE_NOT_STORED) { IsTokenized = true };
            type.Freeze();
            return type;
        }
    }

    /// <summary>Gives a list's values as one token each (the whole value, as an untokenized field does).</summary>
    private sealed class ValuesStream : Lucene.Net.Analysis.TokenStream
    {
        private readonly List<string> _values;
        private readonly Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute _term;
        private readonly Lucene.Net.Analysis.TokenAttributes.IOffsetAttribute _offset;
        private int _next;

        public ValuesStream(List<string> values)
        {
            _values = values;
            _term = AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
            _offset = AddAttribute<Lucene.Net.Analysis.TokenAttributes.IOffsetAttribute>();
        }

        public override bool IncrementToken()
        {
            if (_next >= _values.Count)
            {
                return false;
            }

            ClearAttributes();
            var value = _values[_next++];
            _term.SetEmpty().Append(value);
            _offset.SetOffset(0, value.Length);
            return true;
        }

        public override void Reset()
        {
            base.Reset();
            _next = 0;
        }
    }

    private sealed class Slot
    {
        public List<Field> Fields { get; } = [];

        public int Used { get; set; }
    }
}
