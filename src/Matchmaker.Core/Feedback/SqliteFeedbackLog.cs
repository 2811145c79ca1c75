using Matchmaker.Store;
using Microsoft.Data.Sqlite;

namespace Matchmaker.Feedback;

/// <summary>The feedback table in the store's SQLite file (one writer and one fsync with the record tables).</summary>
public sealed class SqliteFeedbackLog : IFeedbackLog
{
    private static readonly string[] Parameters = ["$q", "$e", "$k", "$v", "$p", "$o", "$s", "$r"];
    private readonly SqliteDatabase _database;
    private readonly TimeProvider _clock;

    public SqliteFeedbackLog(SqliteDatabase database, TimeProvider? clock = null)
    {
        _database = database;
        _clock = clock ?? TimeProvider.System;
        _database.Execute("""
            CREATE TABLE IF NOT EXISTS feedback(
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                inquiry_id TEXT NOT NULL, exporter_id TEXT NOT NULL, kind TEXT NOT NULL,
                value_usd REAL NOT NULL, position INTEGER NOT NULL, occurred_at INTEGER NOT NULL,
                source TEXT NOT NULL, recorded_at INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS feedback_pair ON feedback(inquiry_id, exporter_id);
            """);
    }

    public IReadOnlyList<FeedbackEvent> Append(IReadOnlyList<FeedbackEvent> events)
    {
        if (events.Count == 0)
        {
            return [];
        }

        return _database.Write((connection, tx) =>
        {
            var stored = new List<FeedbackEvent>(events.Count);
            using var cmd = connection.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = """
                INSERT INTO feedback(inquiry_id, exporter_id, kind, value_usd, position, occurred_at, source, recorded_at)
                VALUES($q, $e, $k, $v, $p, $o, $s, $r);
                SELECT last_insert_rowid();
                """;
            var p = Parameters.Select(n => cmd.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
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

            return stored;
        });
    }

    public IEnumerable<FeedbackEvent> Read(long afterSequence = 0)
    {
        using var connection = _database.OpenReader();
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
}
