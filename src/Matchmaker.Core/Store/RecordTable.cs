using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Data.Sqlite;

namespace Matchmaker.Store;

/// <summary>One table of records with the same shape: (id, version, seq, deleted, body).</summary>
internal sealed class RecordTable<T>(
    string table,
    string kind,
    JsonTypeInfo<T> json,
    Func<T, string> idOf,
    Func<T, long, DateTimeOffset, T?, T> stamp)
    where T : class
{
    public string Kind => kind;

    public string IdOf(T record) => idOf(record);

    /// <summary>Sets the server-owned fields (version, timestamps) of a record about to be written.</summary>
    public T Stamp(T record, long version, DateTimeOffset now, T? previous) => stamp(record, version, now, previous);

    public T Deserialize(string body) =>
        JsonSerializer.Deserialize(body, json) ?? throw new InvalidDataException($"empty {kind} body in {table}");

    public (long Version, T? Record, bool Deleted) Find(SqliteConnection connection, SqliteTransaction? tx, string id)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"SELECT version, deleted, body FROM {table} WHERE id = $id";
        cmd.Parameters.AddWithValue("$id", id);
        using var reader = cmd.ExecuteReader();
        return reader.Read()
            ? (reader.GetInt64(0), Deserialize(reader.GetString(2)), reader.GetInt64(1) != 0)
            : (0, null, false);
    }

    public void Save(SqliteConnection connection, SqliteTransaction tx, string id, long version, long sequence, bool deleted, T record)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"INSERT OR REPLACE INTO {table}(id, version, seq, deleted, body) VALUES($id, $v, $s, $d, $b)";
        cmd.Parameters.AddWithValue("$id", id);
        cmd.Parameters.AddWithValue("$v", version);
        cmd.Parameters.AddWithValue("$s", sequence);
        cmd.Parameters.AddWithValue("$d", deleted ? 1 : 0);
        cmd.Parameters.AddWithValue("$b", JsonSerializer.Serialize(record, json));
        cmd.ExecuteNonQuery();
    }
}
