using Microsoft.Data.Sqlite;

namespace Matchmaker.Store;

/// <summary>
/// The store's SQLite file in WAL mode with synchronous=FULL: a write that returned survives a killed
/// process and a power cut. One writer connection (SQLite has one writer anyway) behind one lock,
/// shared by every table that lives in the file (the record tables and their change log, the
/// feedback log); readers open pooled connections and run beside it.
/// </summary>
public sealed class SqliteDatabase : IDisposable
{
    private readonly string _connectionString;
    private readonly SqliteConnection _writer;
    private readonly Lock _writeLock = new();

    public SqliteDatabase(string path)
    {
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
        Execute("""
            PRAGMA journal_mode=WAL;
            PRAGMA synchronous=FULL;
            PRAGMA busy_timeout=10000;
            CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
            """);
        using var id = _writer.CreateCommand();
        id.CommandText = "INSERT OR IGNORE INTO meta(key, value) VALUES('store_id', $id); SELECT value FROM meta WHERE key = 'store_id';";
        id.Parameters.AddWithValue("$id", Guid.NewGuid().ToString("N"));
        StoreId = (string)id.ExecuteScalar()!;
    }

    /// <summary>
    /// A random id given to the file when it was created: caches shared by several deployments
    /// (one Redis for staging and production, say) keep their keys apart by it.
    /// </summary>
    public string StoreId { get; }

    /// <summary>Runs schema statements (CREATE TABLE IF NOT EXISTS …) on the writer connection.</summary>
    public void Execute(string sql)
    {
        lock (_writeLock)
        {
            using var cmd = _writer.CreateCommand();
            cmd.CommandText = sql;
            cmd.ExecuteNonQuery();
        }
    }

    /// <summary>Runs <paramref name="work"/> in one transaction on the writer, under the write lock; durable when it returns.</summary>
    public T Write<T>(Func<SqliteConnection, SqliteTransaction, T> work)
    {
        lock (_writeLock)
        {
            using var tx = _writer.BeginTransaction();
            var result = work(_writer, tx);
            tx.Commit();
            return result;
        }
    }

    /// <summary>A pooled connection for reading beside the writer.</summary>
    public SqliteConnection OpenReader()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    public void Dispose()
    {
        lock (_writeLock)
        {
            _writer.Dispose();
        }

        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
    }
}
