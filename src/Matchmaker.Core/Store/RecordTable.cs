using Microsoft.Data.Sqlite;

namespace Matchmaker.Store;

/// <summary>The SQL of one record table with the shape every kind shares: (id, version, seq, deleted, body).</summary>
internal sealed class RecordTable<T>(RecordKind<T> kind)
    where T : class
{
    public RecordKind<T> Kind => kind;

    public string CreateSql => $"""
        CREATE TABLE IF NOT EXISTS {kind.Table}(
            id TEXT PRIMARY KEY, version INTEGER NOT NULL, seq INTEGER NOT NULL,
            deleted INTEGER NOT NULL, body TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS {kind.Table}_seq ON {kind.Table}(seq);
        """;

    public (long Version, T? Record, bool Deleted) Find(SqliteConnection connection, SqliteTransaction? tx, string id)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"SELECT version, deleted, body FROM {kind.Table} WHERE id = $id";
        cmd.Parameters.AddWithValue("$id", id);
        using var reader = cmd.ExecuteReader();
        return reader.Read()
            ? (reader.GetInt64(0), kind.Deserialize(reader.GetString(2)), reader.GetInt64(1) != 0)
            : (0, null, false);
    }

    public List<T> List(SqliteConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"SELECT body FROM {kind.Table} WHERE deleted = 0 ORDER BY id";
        using var reader = cmd.ExecuteReader();
        var records = new List<T>();
        while (reader.Read())
        {
            records.Add(kind.Deserialize(reader.GetString(0)));
        }

        return records;
    }

    public void Save(SqliteConnection connection, SqliteTransaction tx, string id, long version, long sequence, bool deleted, T record)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"INSERT OR REPLACE INTO {kind.Table}(id, version, seq, deleted, body) VALUES($id, $v, $s, $d, $b)";
        cmd.Parameters.AddWithValue("$id", id);
        cmd.Parameters.AddWithValue("$v", version);
        cmd.Parameters.AddWithValue("$s", sequence);
        cmd.Parameters.AddWithValue("$d", deleted ? 1 : 0);
        cmd.Parameters.AddWithValue("$b", kind.Serialize(record));
        cmd.ExecuteNonQuery();
    }
}
