using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Matchmaker.Store;

/// <summary>
/// A kind of record kept in the store and on its change log (an exporter, an inquiry, …): its name
/// in the change log and in errors, the table that holds it, how its body is stored, and which
/// fields the store owns. The kind is declared next to its record type and registered with
/// <see cref="StoreServiceCollectionExtensions.AddRecordKind{T}"/>; the store then keeps a table of
/// it (id, version, seq, deleted, body) and every change of it goes through the one change log.
/// </summary>
public abstract class RecordKind
{
    private protected RecordKind(string name, string table)
    {
        if (!IsIdentifier(table))
        {
            throw new ArgumentException($"'{table}' is not a table name (lower-case letters, digits and '_')", nameof(table));
        }

        Name = name;
        Table = table;
    }

    /// <summary>"exporter": how the change log and error messages name it.</summary>
    public string Name { get; }

    /// <summary>The SQL table of its records.</summary>
    public string Table { get; }

    public abstract Type RecordType { get; }

    public override string ToString() => Name;

    /// <summary>Calls the visitor with this kind's record type (how a store builds a typed table from a list of kinds).</summary>
    public abstract TResult Accept<TResult>(IRecordKindVisitor<TResult> visitor);

    internal abstract Change ReadChange(long sequence, string id, long version, bool deleted, string body);

    private static bool IsIdentifier(string name) =>
        name.Length > 0 && char.IsAsciiLetterLower(name[0]) && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_');
}

/// <param name="name">See <see cref="RecordKind.Name"/>.</param>
/// <param name="table">See <see cref="RecordKind.Table"/>.</param>
/// <param name="json">How bodies are stored (source-generated, so large imports do no reflection).</param>
/// <param name="idOf">The record's id.</param>
/// <param name="stamp">
/// Sets the fields the store owns on a record about to be written: its new version, the write's
/// time, and the live record it replaces (null when there is none).
/// </param>
public sealed class RecordKind<T>(
    string name,
    string table,
    JsonTypeInfo<T> json,
    Func<T, string> idOf,
    Func<T, RecordStamp<T>, T> stamp) : RecordKind(name, table)
    where T : class
{
    public override Type RecordType => typeof(T);

    public string IdOf(T record) => idOf(record);

    public T Stamp(T record, RecordStamp<T> with) => stamp(record, with);

    public string Serialize(T record) => JsonSerializer.Serialize(record, json);

    /// <summary>Whether two records say the same, apart from what the store stamps on each write (version, update time).</summary>
    public bool SameContent(T record, T stored)
    {
        var same = new RecordStamp<T>(0, DateTimeOffset.UnixEpoch, stored);
        return string.Equals(Serialize(Stamp(record, same)), Serialize(Stamp(stored, same)), StringComparison.Ordinal);
    }

    public T Deserialize(string body) =>
        JsonSerializer.Deserialize(body, json) ?? throw new InvalidDataException($"empty {Name} body in {Table}");

    /// <summary>A body as UTF-8 bytes (as the index stores it).</summary>
    public T Deserialize(ReadOnlySpan<byte> body) =>
        JsonSerializer.Deserialize(body, json) ?? throw new InvalidDataException($"empty {Name} body in {Table}");

    public override TResult Accept<TResult>(IRecordKindVisitor<TResult> visitor) => visitor.Visit(this);

    internal override Change ReadChange(long sequence, string id, long version, bool deleted, string body) =>
        new Change<T>(this, sequence, id, version, deleted, Deserialize(body));
}

/// <summary>Does something with a <see cref="RecordKind{T}"/> knowing its record type.</summary>
public interface IRecordKindVisitor<out TResult>
{
    TResult Visit<T>(RecordKind<T> kind)
        where T : class;
}

/// <summary>What the store sets on a record it writes: the new version, the time, the live record replaced.</summary>
public readonly record struct RecordStamp<T>(long Version, DateTimeOffset Now, T? Previous)
    where T : class;
