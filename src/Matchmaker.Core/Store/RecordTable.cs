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
        using var statements = new Statements(this, connection, tx);
        var found = statements.Find(id);
        return (found.Version, found.Record, found.Deleted);
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

    /// <summary>
    /// The statements of one write transaction, prepared once and run for every record it writes
    /// (a bulk import's batch of thousands would otherwise prepare three statements per record).
    /// </summary>
    public sealed class Statements : IDisposable
    {
        private readonly RecordKind<T> _kind;
        private readonly SqliteCommand _find;
        private readonly SqliteParameter _findId;
        private readonly SqliteCommand? _log;
        private readonly SqliteCommand? _save;

        public Statements(RecordTable<T> table, SqliteConnection connection, SqliteTransaction? tx)
        {
            _kind = table.Kind;
            _find = Command(connection, tx, $"SELECT version, deleted, body, seq FROM {_kind.Table} WHERE id = $id");
            _findId = _find.Parameters.Add("$id", SqliteType.Text);
            if (tx is null)
            {
                return;
            }

            _log = Command(connection, tx, "INSERT INTO changelog(kind, id, version, op, at) VALUES($k, $id, $v, $op, $at) RETURNING seq");
            foreach (var (name, type) in (ReadOnlySpan<(string, SqliteType)>)[("$k", SqliteType.Text), ("$id", SqliteType.Text),
                ("$v", SqliteType.Integer), ("$op", SqliteType.Text), ("$at", SqliteType.Integer)])
            {
                _log.Parameters.Add(name, type);
            }

            _save = Command(connection, tx, $"INSERT OR REPLACE INTO {_kind.Table}(id, version, seq, deleted, body) VALUES($id, $v, $s, $d, $b)");
            foreach (var (name, type) in (ReadOnlySpan<(string, SqliteType)>)[("$id", SqliteType.Text), ("$v", SqliteType.Integer),
                ("$s", SqliteType.Integer), ("$d", SqliteType.Integer), ("$b", SqliteType.Text)])
            {
                _save.Parameters.Add(name, type);
            }
        }

        /// <summary>The stored version of a record, the record, whether it is deleted, the sequence number that wrote it and its body; version 0 when absent.</summary>
        public (long Version, T? Record, bool Deleted, long Sequence, string? Body) Find(string id)
        {
            _findId.Value = id;
            using var reader = _find.ExecuteReader();
            if (!reader.Read())
            {
                return (0, null, false, 0, null);
            }

            var body = reader.GetString(2);
            return (reader.GetInt64(0), _kind.Deserialize(body), reader.GetInt64(1) != 0, reader.GetInt64(3), body);
        }

        /// <summary>Appends to the change log; returns the new sequence number.</summary>
        public long Log(string id, long version, string op, DateTimeOffset at)
        {
            var log = _log ?? throw new InvalidOperationException("statements opened without a transaction only read");
            log.Parameters[0].Value = _kind.Name;
            log.Parameters[1].Value = id;
            log.Parameters[2].Value = version;
            log.Parameters[3].Value = op;
            log.Parameters[4].Value = at.ToUnixTimeMilliseconds();
            return (long)log.ExecuteScalar()!;
        }

        /// <summary>Stores the record's new state; returns the body as stored (JSON).</summary>
        public string Save(string id, long version, long sequence, bool deleted, T record)
        {
            var save = _save ?? throw new InvalidOperationException("statements opened without a transaction only read");
            var body = _kind.Serialize(record);
            save.Parameters[0].Value = id;
            save.Parameters[1].Value = version;
            save.Parameters[2].Value = sequence;
            save.Parameters[3].Value = deleted ? 1 : 0;
            save.Parameters[4].Value = body;
            save.ExecuteNonQuery();
            return body;
        }

        public void Dispose()
        {
            _find.Dispose();
            _log?.Dispose();
            _save?.Dispose();
        }

        private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? tx, string sql)
        {
            var command = connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = sql;
            return command;
        }
    }
}
