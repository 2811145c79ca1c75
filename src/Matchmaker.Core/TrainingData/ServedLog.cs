using System.Runtime.InteropServices;
using System.Threading.Channels;
using Matchmaker.Matching;
using Matchmaker.Telemetry;
using Microsoft.Data.Sqlite;

namespace Matchmaker.TrainingData;

/// <summary>
/// Serve-time feature logging: every served list's pairs with the exact vectors the model saw, so
/// training learns from production's features, not from a recomputation that drifted (no
/// training/serving skew). Kept in its own SQLite file (served.db): it is the heaviest writer
/// (top_k rows per request) and must not queue behind profile writes. Requests hand lists to a
/// bounded queue and return; one background task writes them in batches, one fsync per batch.
/// Lists written and lists dropped (queue full, disk failing) are counted on the telemetry meter.
/// </summary>
public sealed class ServedLog : IDisposable
{
    /// <summary>Lists waiting to be written; beyond this a list is dropped and counted, never blocking a request.</summary>
    public const int QueueCapacity = 10_000;

    private static readonly string[] Parameters = ["$q", "$qv", "$e", "$ev", "$p", "$s", "$m", "$h", "$t", "$f"];
    private readonly string _connectionString;
    private readonly Channel<ServedList> _queue = Channel.CreateBounded<ServedList>(
        new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly Task _writer;
    private readonly MatchmakerTelemetry? _telemetry;
    private long _pending;

    public ServedLog(string path, MatchmakerTelemetry? telemetry = null)
    {
        _telemetry = telemetry;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
        using (var connection = Open())
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = """
                PRAGMA journal_mode=WAL;
                CREATE TABLE IF NOT EXISTS served(
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    inquiry_id TEXT NOT NULL, inquiry_version INTEGER NOT NULL,
                    exporter_id TEXT NOT NULL, exporter_version INTEGER NOT NULL,
                    position INTEGER NOT NULL, score REAL NOT NULL,
                    model_version TEXT NOT NULL, schema_hash TEXT NOT NULL,
                    served_at INTEGER NOT NULL, features BLOB NOT NULL);
                CREATE INDEX IF NOT EXISTS served_pair ON served(inquiry_id, exporter_id);
                CREATE INDEX IF NOT EXISTS served_time ON served(served_at);
                """;
            cmd.ExecuteNonQuery();
        }

        _writer = Task.Run(WriteLoop);
    }

    public void Append(ServedList list)
    {
        Interlocked.Increment(ref _pending);
        if (!_queue.Writer.TryWrite(list))
        {
            Interlocked.Decrement(ref _pending);
            _telemetry?.ServedListsDropped(1);
        }
    }

    /// <summary>Waits until every list appended so far is on disk (export calls this first).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        while (Interlocked.Read(ref _pending) > 0)
        {
            await Task.Delay(5, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Every logged pair, in logging order.</summary>
    public IEnumerable<(ScoredPair Pair, string ModelVersion, string SchemaHash, DateTimeOffset ServedAt)> ReadAll() =>
        Read("ORDER BY id");

    /// <summary>Every logged pair, grouped by inquiry (then exporter, then logging order): an export streams one inquiry at a time.</summary>
    public IEnumerable<(ScoredPair Pair, string ModelVersion, string SchemaHash, DateTimeOffset ServedAt)> ReadByInquiry() =>
        Read("ORDER BY inquiry_id, exporter_id, id");

    /// <summary>Deletes pairs served before <paramref name="before"/>, a few thousand rows per transaction so serving never waits long.</summary>
    /// <returns>Rows deleted.</returns>
    public long Prune(DateTimeOffset before)
    {
        long deleted = 0;
        using var connection = Open();
        while (true)
        {
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "DELETE FROM served WHERE id IN (SELECT id FROM served WHERE served_at < $t ORDER BY id LIMIT 5000)";
            cmd.Parameters.AddWithValue("$t", before.ToUnixTimeMilliseconds());
            var rows = cmd.ExecuteNonQuery();
            deleted += rows;
            if (rows < 5000)
            {
                return deleted;
            }
        }
    }

    private IEnumerable<(ScoredPair Pair, string ModelVersion, string SchemaHash, DateTimeOffset ServedAt)> Read(string order)
    {
        using var connection = Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"""
            SELECT inquiry_id, inquiry_version, exporter_id, exporter_version, position, score,
                   model_version, schema_hash, served_at, features
            FROM served {order}
            """;
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            var blob = (byte[])reader.GetValue(9);
            var pair = new ScoredPair(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetInt64(3),
                reader.GetInt32(4), reader.GetDouble(5), MemoryMarshal.Cast<byte, float>(blob).ToArray());
            yield return (pair, reader.GetString(6), reader.GetString(7), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8)));
        }
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _writer.GetAwaiter().GetResult();
        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private async Task WriteLoop()
    {
        var batch = new List<ServedList>();
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < 500 && _queue.Reader.TryRead(out var list))
            {
                batch.Add(list);
            }

            try
            {
                Write(batch);
                _telemetry?.ServedListsWritten(batch.Count);
            }
            catch (SqliteException)
            {
                // A full or failing disk loses training rows, never a request; the counter tells.
                _telemetry?.ServedListsDropped(batch.Count);
            }

            Interlocked.Add(ref _pending, -batch.Count);
            batch.Clear();
        }
    }

    private void Write(List<ServedList> batch)
    {
        using var connection = Open();
        using var tx = connection.BeginTransaction();
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            INSERT INTO served(inquiry_id, inquiry_version, exporter_id, exporter_version, position, score,
                               model_version, schema_hash, served_at, features)
            VALUES($q, $qv, $e, $ev, $p, $s, $m, $h, $t, $f)
            """;
        var p = Parameters.Select(n => cmd.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
        foreach (var list in batch)
        {
            foreach (var pair in list.Pairs)
            {
                p[0].Value = pair.InquiryId;
                p[1].Value = pair.InquiryVersion;
                p[2].Value = pair.ExporterId;
                p[3].Value = pair.ExporterVersion;
                p[4].Value = pair.Position;
                p[5].Value = pair.Score;
                p[6].Value = list.ModelVersion;
                p[7].Value = list.FeatureSchemaHash;
                p[8].Value = list.ServedAt.ToUnixTimeMilliseconds();
                p[9].Value = MemoryMarshal.AsBytes(pair.Features.AsSpan()).ToArray();
                cmd.ExecuteNonQuery();
            }
        }

        tx.Commit();
    }
}
