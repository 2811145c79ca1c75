using Lucene.Net.Documents;

namespace Matchmaker.Index;

/// <summary>
/// One document per thread whose Field instances are reused from one indexed document to the next,
/// as Lucene recommends for bulk indexing: a new keyword field costs a new token stream and
/// attribute lookups under a lock in Lucene.Net (measured: about half the time of inverting an
/// exporter), a reused one only gets its value set. The document is valid until the next
/// <see cref="Start"/> on the same thread; the index writer consumes it before that.
/// </summary>
internal sealed class FieldBuffer
{
    [ThreadStatic]
    private static FieldBuffer? _current;

    private readonly Dictionary<(string Name, Kind Kind), Slot> _slots = [];

    private enum Kind
    {
        Keyword,
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

        buffer.Keyword(IndexFields.Uid, uid);
        buffer.Keyword(IndexFields.Type, type);
        buffer.Next(IndexFields.Id, Kind.StoredKeyword, id, static (n, v) => new StringField(n, v, Field.Store.YES));
        return buffer;
    }

    /// <summary>An untokenized, unstored value; an empty value adds nothing.</summary>
    public void Keyword(string name, string value)
    {
        if (value.Length > 0)
        {
            Next(name, Kind.Keyword, value, static (n, v) => new StringField(n, v, Field.Store.NO));
        }
    }

    /// <summary>Analyzed text, not stored.</summary>
    public void Text(string name, string value) =>
        Next(name, Kind.Text, value, static (n, v) => new TextField(n, v, Field.Store.NO));

    /// <summary>A stored value, not indexed.</summary>
    public void Stored(string name, string value) =>
        Next(name, Kind.Stored, value, static (n, v) => new StoredField(n, v));

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

    private sealed class Slot
    {
        public List<Field> Fields { get; } = [];

        public int Used { get; set; }
    }
}
