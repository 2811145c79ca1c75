using System.Text;

namespace Matchmaker.Store;

/// <summary>
/// The record store on SQLite (<see cref="SqliteDatabase"/>): one table per registered kind, each
/// row holding the record's latest body and the sequence number of its last write, and the
/// changelog table keeping every write, deletions included.
/// </summary>
public sealed class SqliteRecordStore : IRecordStore, IRecordKindVisitor<string>
{
    private readonly SqliteDatabase _database;
    private readonly bool _ownsDatabase;
    private readonly TimeProvider _clock;
    private readonly Dictionary<Type, object> _tables = [];
    private readonly string _changesSql;
    private readonly string _countSql;
    private long _lastSequence;

    /// <summary>Opens (or creates) the store in <paramref name="database"/>, with a table for each kind.</summary>
    public SqliteRecordStore(SqliteDatabase database, IEnumerable<RecordKind> kinds, TimeProvider? clock = null)
        : this(database, kinds, clock, ownsDatabase: false)
    {
    }

    /// <summary>Opens (or creates) a store file of its own.</summary>
    public SqliteRecordStore(string path, IEnumerable<RecordKind> kinds, TimeProvider? clock = null)
        : this(new SqliteDatabase(path), kinds, clock, ownsDatabase: true)
    {
    }

    private SqliteRecordStore(SqliteDatabase database, IEnumerable<RecordKind> kinds, TimeProvider? clock, bool ownsDatabase)
    {
        _database = database;
        _ownsDatabase = ownsDatabase;
        _clock = clock ?? TimeProvider.System;
        Kinds = [.. kinds.DistinctBy(k => k.RecordType)];
        if (Kinds.Count == 0)
        {
            throw new ArgumentException("a record store needs at least one record kind", nameof(kinds));
        }

        var schema = new StringBuilder("""
            CREATE TABLE IF NOT EXISTS changelog(
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                kind TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL,
                op TEXT NOT NULL, at INTEGER NOT NULL);

            """);
        foreach (var kind in Kinds)
        {
            schema.AppendLine(kind.Accept(this));
        }

        _database.Execute(schema.ToString());
        // One scan per kind's seq index, merged in change-log order; the first column says the kind.
        _changesSql = string.Join("\nUNION ALL\n", Kinds.Select((k, i) => $"SELECT {i}, id, version, seq, deleted, body FROM {k.Table} WHERE seq > $s"))
            + "\nORDER BY 4";
        _countSql = "SELECT " + string.Join(" + ", Kinds.Select(k => $"(SELECT COUNT(*) FROM {k.Table})"));
        using var connection = _database.OpenReader();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT COALESCE(MAX(seq), 0) FROM changelog";
        _lastSequence = (long)cmd.ExecuteScalar()!;
    }

    public string StoreId => _database.StoreId;

    public long LastSequence => Volatile.Read(ref _lastSequence);

    public IReadOnlyList<RecordKind> Kinds { get; }

    public IRecordTable<T> Table<T>()
        where T : class =>
        _tables.TryGetValue(typeof(T), out var table)
            ? (IRecordTable<T>)table
            : throw new InvalidOperationException($"no record kind of {typeof(T).Name} is registered with this store");

    public IEnumerable<Change> ReadChangesSince(long afterSequence)
    {
        using var connection = _database.OpenReader();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = _changesSql;
        cmd.Parameters.AddWithValue("$s", afterSequence);
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            yield return Kinds[reader.GetInt32(0)].ReadChange(reader.GetInt64(3), reader.GetString(1), reader.GetInt64(2),
                reader.GetInt64(4) != 0, reader.GetString(5));
        }
    }

    public long CountRecords()
    {
        using var connection = _database.OpenReader();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = _countSql;
        return (long)cmd.ExecuteScalar()!;
    }

    public void Dispose()
    {
        if (_ownsDatabase)
        {
            _database.Dispose();
        }
    }

    /// <summary>Adds the typed table of one kind; returns its schema.</summary>
    string IRecordKindVisitor<string>.Visit<T>(RecordKind<T> kind)
    {
        var sql = new RecordTable<T>(kind);
        _tables[typeof(T)] = new TypedTable<T>(this, sql);
        return sql.CreateSql;
    }

    private sealed class TypedTable<T>(SqliteRecordStore store, RecordTable<T> sql) : IRecordTable<T>
        where T : class
    {
        public RecordKind<T> Kind => sql.Kind;

        public Change<T> Upsert(T record, long? expectedVersion) =>
            store.WriteOne(sql, sql.Kind.IdOf(record), expectedVersion, requireLive: false, _ => record, deleted: false);

        public IReadOnlyList<Change<T>> UpsertMany(IReadOnlyList<T> records) => store.WriteMany(sql, records);

        public Change<T> Update(string id, long? expectedVersion, Func<T, T> change) =>
            store.WriteOne(sql, id, expectedVersion, requireLive: true, current => change(current!), deleted: false);

        public Change<T> Delete(string id, long? expectedVersion) =>
            store.WriteOne(sql, id, expectedVersion, requireLive: true, current => current!, deleted: true);

        public T? Get(string id)
        {
            using var connection = store._database.OpenReader();
            var (_, record, deleted) = sql.Find(connection, null, id);
            return deleted ? null : record;
        }

        public IReadOnlyList<T> List()
        {
            using var connection = store._database.OpenReader();
            return sql.List(connection);
        }
    }

    private Change<T> WriteOne<T>(RecordTable<T> table, string id, long? expectedVersion, bool requireLive, Func<T?, T> next, bool deleted)
        where T : class
    {
        var change = _database.Write((connection, tx) =>
        {
            using var statements = new RecordTable<T>.Statements(table, connection, tx);
            return Write(table, statements, id, expectedVersion, requireLive, next, deleted);
        });
        if (!change.Unchanged)
        {
            Volatile.Write(ref _lastSequence, change.Sequence);
        }

        return change;
    }

    private List<Change<T>> WriteMany<T>(RecordTable<T> table, IReadOnlyList<T> records)
        where T : class
    {
        if (records.Count == 0)
        {
            return [];
        }

        var changes = _database.Write((connection, tx) =>
        {
            var written = new List<Change<T>>(records.Count);
            using var statements = new RecordTable<T>.Statements(table, connection, tx);
            foreach (var record in records)
            {
                written.Add(Write(table, statements, table.Kind.IdOf(record), null, requireLive: false, _ => record, deleted: false));
            }

            return written;
        });
        if (changes.LastOrDefault(c => !c.Unchanged) is { } last)
        {
            Volatile.Write(ref _lastSequence, last.Sequence);
        }

        return changes;
    }

    private Change<T> Write<T>(RecordTable<T> table, RecordTable<T>.Statements statements, string id, long? expectedVersion,
        bool requireLive, Func<T?, T> next, bool deleted)
        where T : class
    {
        var kind = table.Kind;
        var (currentVersion, current, isDeleted, currentSequence, currentBody) = statements.Find(id);
        var live = current is not null && !isDeleted;
        if (requireLive && !live)
        {
            throw new RecordNotFoundException(kind.Name, id);
        }

        var liveVersion = live ? currentVersion : 0;
        if (expectedVersion is { } expected && expected != liveVersion)
        {
            throw new VersionConflictException(kind.Name, id, expected, liveVersion);
        }

        var previous = live ? current : null;
        var wanted = next(previous);
        if (!deleted && previous is not null && kind.SameContent(wanted, previous))
        {
            // Writing what is stored changes nothing: no new version, no change-log entry, nothing for followers (an
            // import of unchanged records leaves the index, the caches and the records' versions as they are).
            return new Change<T>(kind, currentSequence, id, currentVersion, false, previous) { Previous = previous, Body = currentBody, Unchanged = true };
        }

        // Versions keep rising across a delete and a re-create, so (id, version) never names two states.
        var version = currentVersion + 1;
        var now = _clock.GetUtcNow();
        var record = kind.Stamp(wanted, new RecordStamp<T>(version, now, previous));
        var op = deleted ? "delete" : live ? "update" : "insert";
        var sequence = statements.Log(id, version, op, now);
        var body = statements.Save(id, version, sequence, deleted, record);
        return new Change<T>(kind, sequence, id, version, deleted, record) { Previous = previous, Body = body };
    }
}
