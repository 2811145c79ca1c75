using Matchmaker.Feedback;
using Matchmaker.Profiles;
using Microsoft.Data.Sqlite;

namespace Matchmaker.Store;

/// <summary>
/// SQLite in WAL mode with synchronous=FULL: a write that returned survives a killed process and a
/// power cut. One writer connection (SQLite has one writer anyway); readers open pooled connections
/// and run beside it. Each record row holds its latest body and the sequence number of its last
/// write; the changelog table keeps every write, deletions included.
/// </summary>
public sealed class SqliteRecordStore : IRecordStore
{
    private readonly string _connectionString;
    private readonly SqliteConnection _writer;
    private readonly Lock _writeLock = new();
    private readonly TimeProvider _clock;
    private readonly RecordTable<Exporter> _exporters;
    private readonly RecordTable<Inquiry> _inquiries;
    private long _lastSequence;
    private static readonly string[] FeedbackParameters = ["$q", "$e", "$k", "$v", "$p", "$o", "$s", "$r"];

    public SqliteRecordStore(string path, TimeProvider? clock = null)
    {
        _clock = clock ?? TimeProvider.System;
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _writer = new SqliteConnection(_connectionString);
        _writer.Open();
        Execute(_writer, """
            PRAGMA journal_mode=WAL;
            PRAGMA synchronous=FULL;
            PRAGMA busy_timeout=10000;
            CREATE TABLE IF NOT EXISTS changelog(
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                kind TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL,
                op TEXT NOT NULL, at INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS exporters(
                id TEXT PRIMARY KEY, version INTEGER NOT NULL, seq INTEGER NOT NULL,
                deleted INTEGER NOT NULL, body TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS exporters_seq ON exporters(seq);
            CREATE TABLE IF NOT EXISTS inquiries(
                id TEXT PRIMARY KEY, version INTEGER NOT NULL, seq INTEGER NOT NULL,
                deleted INTEGER NOT NULL, body TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS inquiries_seq ON inquiries(seq);
            CREATE TABLE IF NOT EXISTS feedback(
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                inquiry_id TEXT NOT NULL, exporter_id TEXT NOT NULL, kind TEXT NOT NULL,
                value_usd REAL NOT NULL, position INTEGER NOT NULL, occurred_at INTEGER NOT NULL,
                source TEXT NOT NULL, recorded_at INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS feedback_pair ON feedback(inquiry_id, exporter_id);
            CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
            """);
        using (var id = _writer.CreateCommand())
        {
            id.CommandText = "INSERT OR IGNORE INTO meta(key, value) VALUES('store_id', $id); SELECT value FROM meta WHERE key = 'store_id';";
            id.Parameters.AddWithValue("$id", Guid.NewGuid().ToString("N"));
            StoreId = (string)id.ExecuteScalar()!;
        }

        using (var cmd = _writer.CreateCommand())
        {
            cmd.CommandText = "SELECT COALESCE(MAX(seq), 0) FROM changelog";
            _lastSequence = (long)cmd.ExecuteScalar()!;
        }

        _exporters = new RecordTable<Exporter>("exporters", "exporter", StoreJsonContext.Default.Exporter, e => e.Id,
            (e, version, now, _) => e with { Version = version, UpdatedAt = now });
        _inquiries = new RecordTable<Inquiry>("inquiries", "inquiry", StoreJsonContext.Default.Inquiry, q => q.Id,
            (q, version, now, previous) => q with { Version = version, CreatedAt = previous?.CreatedAt ?? now });
    }

    public string StoreId { get; }

    public long LastSequence => Volatile.Read(ref _lastSequence);

    public StoredWrite<Exporter> UpsertExporter(Exporter exporter, long? expectedVersion) =>
        WriteOne(_exporters, exporter.Id, expectedVersion, requireLive: false, _ => exporter, deleted: false);

    public IReadOnlyList<StoredWrite<Exporter>> UpsertExporters(IReadOnlyList<Exporter> exporters) =>
        WriteMany(_exporters, exporters);

    public Exporter? GetExporter(string id) => Read(_exporters, id);

    public StoredWrite<Exporter> DeleteExporter(string id, long? expectedVersion) =>
        WriteOne(_exporters, id, expectedVersion, requireLive: true, current => current!, deleted: true);

    public StoredWrite<Inquiry> UpsertInquiry(Inquiry inquiry, long? expectedVersion) =>
        WriteOne(_inquiries, inquiry.Id, expectedVersion, requireLive: false, _ => inquiry, deleted: false);

    public IReadOnlyList<StoredWrite<Inquiry>> UpsertInquiries(IReadOnlyList<Inquiry> inquiries) =>
        WriteMany(_inquiries, inquiries);

    public Inquiry? GetInquiry(string id) => Read(_inquiries, id);

    public StoredWrite<Inquiry> CloseInquiry(string id, long? expectedVersion) =>
        WriteOne(_inquiries, id, expectedVersion, requireLive: true,
            current => current! with { Status = InquiryStatus.Closed }, deleted: false);

    public IEnumerable<Change> ReadChangesSince(long afterSequence)
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            SELECT 0, seq, deleted, body FROM exporters WHERE seq > $s
            UNION ALL
            SELECT 1, seq, deleted, body FROM inquiries WHERE seq > $s
            ORDER BY 2
            """;
        cmd.Parameters.AddWithValue("$s", afterSequence);
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            var sequence = reader.GetInt64(1);
            var deleted = reader.GetInt64(2) != 0;
            var body = reader.GetString(3);
            yield return reader.GetInt64(0) == 0
                ? new Change(sequence, deleted, _exporters.Deserialize(body), null)
                : new Change(sequence, deleted, null, _inquiries.Deserialize(body));
        }
    }

    public long CountRecords()
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT (SELECT COUNT(*) FROM exporters) + (SELECT COUNT(*) FROM inquiries)";
        return (long)cmd.ExecuteScalar()!;
    }

    public IReadOnlyList<FeedbackEvent> AppendFeedback(IReadOnlyList<FeedbackEvent> events)
    {
        var stored = new List<FeedbackEvent>(events.Count);
        if (events.Count == 0)
        {
            return stored;
        }

        lock (_writeLock)
        {
            using var tx = _writer.BeginTransaction();
            using var cmd = _writer.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = """
                INSERT INTO feedback(inquiry_id, exporter_id, kind, value_usd, position, occurred_at, source, recorded_at)
                VALUES($q, $e, $k, $v, $p, $o, $s, $r);
                SELECT last_insert_rowid();
                """;
            var p = FeedbackParameters.Select(n => cmd.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
            var now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
            foreach (var e in events)
            {
                p[0].Value = e.InquiryId;
                p[1].Value = e.ExporterId;
                p[2].Value = e.Kind.ToString();
                p[3].Value = e.ValueUsd;
                p[4].Value = e.Position;
                p[5].Value = e.OccurredAt.ToUnixTimeMilliseconds();
                p[6].Value = e.Source;
                p[7].Value = now;
                stored.Add(e with { Sequence = (long)cmd.ExecuteScalar()! });
            }

            tx.Commit();
        }

        return stored;
    }

    public IEnumerable<FeedbackEvent> ReadFeedback(long afterSequence = 0)
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            SELECT seq, inquiry_id, exporter_id, kind, value_usd, position, occurred_at, source
            FROM feedback WHERE seq > $s ORDER BY seq
            """;
        cmd.Parameters.AddWithValue("$s", afterSequence);
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            yield return new FeedbackEvent(reader.GetString(1), reader.GetString(2), Enum.Parse<FeedbackKind>(reader.GetString(3)),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)), reader.GetDouble(4), reader.GetInt32(5),
                reader.GetString(7), reader.GetInt64(0));
        }
    }

    public void Dispose()
    {
        lock (_writeLock)
        {
            _writer.Dispose();
        }

        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
    }

    private StoredWrite<T> WriteOne<T>(RecordTable<T> table, string id, long? expectedVersion, bool requireLive,
        Func<T?, T> next, bool deleted)
        where T : class
    {
        lock (_writeLock)
        {
            using var tx = _writer.BeginTransaction();
            var write = Write(table, tx, id, expectedVersion, requireLive, next, deleted);
            tx.Commit();
            Volatile.Write(ref _lastSequence, write.Sequence);
            return write;
        }
    }

    private List<StoredWrite<T>> WriteMany<T>(RecordTable<T> table, IReadOnlyList<T> records)
        where T : class
    {
        var writes = new List<StoredWrite<T>>(records.Count);
        if (records.Count == 0)
        {
            return writes;
        }

        lock (_writeLock)
        {
            using var tx = _writer.BeginTransaction();
            foreach (var record in records)
            {
                writes.Add(Write(table, tx, table.IdOf(record), null, requireLive: false, _ => record, deleted: false));
            }

            tx.Commit();
            Volatile.Write(ref _lastSequence, writes[^1].Sequence);
        }

        return writes;
    }

    private StoredWrite<T> Write<T>(RecordTable<T> table, SqliteTransaction tx, string id, long? expectedVersion,
        bool requireLive, Func<T?, T> next, bool deleted)
        where T : class
    {
        var (currentVersion, current, isDeleted) = table.Find(_writer, tx, id);
        var live = current is not null && !isDeleted;
        if (requireLive && !live)
        {
            throw new RecordNotFoundException(table.Kind, id);
        }

        var liveVersion = live ? currentVersion : 0;
        if (expectedVersion is { } expected && expected != liveVersion)
        {
            throw new VersionConflictException(table.Kind, id, expected, liveVersion);
        }

        // Versions keep rising across a delete and a re-create, so (id, version) never names two states.
        var version = currentVersion + 1;
        var now = _clock.GetUtcNow();
        var record = table.Stamp(next(live ? current : null), version, now, live ? current : null);
        var op = deleted ? "delete" : live ? "update" : "insert";
        long sequence;
        using (var log = _writer.CreateCommand())
        {
            log.Transaction = tx;
            log.CommandText = "INSERT INTO changelog(kind, id, version, op, at) VALUES($k, $id, $v, $op, $at); SELECT last_insert_rowid();";
            log.Parameters.AddWithValue("$k", table.Kind);
            log.Parameters.AddWithValue("$id", id);
            log.Parameters.AddWithValue("$v", version);
            log.Parameters.AddWithValue("$op", op);
            log.Parameters.AddWithValue("$at", now.ToUnixTimeMilliseconds());
            sequence = (long)log.ExecuteScalar()!;
        }

        table.Save(_writer, tx, id, version, sequence, deleted, record);
        return new StoredWrite<T>(record, sequence, deleted) { Previous = live ? current : null };
    }

    private T? Read<T>(RecordTable<T> table, string id)
        where T : class
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        var (_, record, deleted) = table.Find(connection, null, id);
        return deleted ? null : record;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
