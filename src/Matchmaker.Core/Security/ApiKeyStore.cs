using System.Security.Cryptography;
using System.Text;
using Matchmaker.Store;
using Microsoft.Data.Sqlite;

namespace Matchmaker.Security;

/// <summary>An API key as stored: never the key itself, only its SHA-256 and the first characters to recognise it by.</summary>
public sealed record ApiKey(string Id, string Name, string Role, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    public bool Active => RevokedAt is null;
}

/// <summary>
/// API keys in the store's SQLite file (table <c>api_keys</c>). A key is 32 random bytes behind a
/// readable prefix (<c>mmk_</c> and the key's id); the store keeps its SHA-256 only, which is enough
/// for a secret of that entropy (slow password hashes are for secrets people choose). Keys are
/// created, listed and revoked by <c>matchmaker keys</c> on the data folder, beside a running
/// server: the server looks every key up when it is used, so a revoked key stops working at once.
/// </summary>
public sealed class ApiKeyStore
{
    public const string KeyPrefix = "mmk_";

    /// <summary>The caller id of development mode's local admin (no key): the API's and the console's alike.</summary>
    public const string DevelopmentCallerId = "development";

    private readonly SqliteDatabase _database;
    private long _generation;

    public ApiKeyStore(SqliteDatabase database)
    {
        _database = database;
        _database.Execute("""
            CREATE TABLE IF NOT EXISTS api_keys(
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                role TEXT NOT NULL,
                hash TEXT NOT NULL UNIQUE,
                prefix TEXT NOT NULL,
                created_at TEXT NOT NULL,
                revoked_at TEXT NULL);
            CREATE UNIQUE INDEX IF NOT EXISTS api_keys_active_name ON api_keys(name) WHERE revoked_at IS NULL;
            """);
    }

    /// <summary>Moves on every create and revoke through this instance (another process's are seen by reading).</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>Creates a key; the returned secret is shown once and never stored.</summary>
    /// <exception cref="ArgumentException">The name is empty or too long, the role unknown, or an active key has that name.</exception>
    public (ApiKey Key, string Secret) Create(string name, string role, DateTimeOffset now)
    {
        name = name?.Trim() ?? "";
        if (name.Length is 0 or > 100 || name.Any(char.IsControl))
        {
            throw new ArgumentException("a key's name is 1 to 100 printable characters");
        }

        var canonical = Roles.Parse(role) ?? throw new ArgumentException($"unknown role {Profiles.FieldViolation.Quote(role)} (roles: {string.Join(", ", Roles.All)})");
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var secret = $"{KeyPrefix}{id}_{Base64Url(RandomNumberGenerator.GetBytes(32))}";
        var key = new ApiKey(id, name, canonical, $"{KeyPrefix}{id}", now, null);
        try
        {
            _database.Write((connection, tx) =>
            {
                using var cmd = connection.CreateCommand();
                cmd.Transaction = tx;
                cmd.CommandText = "INSERT INTO api_keys(id, name, role, hash, prefix, created_at) VALUES($id, $name, $role, $hash, $prefix, $created)";
                cmd.Parameters.AddWithValue("$id", id);
                cmd.Parameters.AddWithValue("$name", name);
                cmd.Parameters.AddWithValue("$role", canonical);
                cmd.Parameters.AddWithValue("$hash", Hash(secret));
                cmd.Parameters.AddWithValue("$prefix", key.Prefix);
                cmd.Parameters.AddWithValue("$created", now.ToString("O"));
                return cmd.ExecuteNonQuery();
            });
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19)
        {
            throw new ArgumentException($"an active key is already named '{name}' (revoke it first, or choose another name)");
        }

        Interlocked.Increment(ref _generation);
        return (key, secret);
    }

    /// <summary>Every key, revoked ones too, oldest first.</summary>
    public IReadOnlyList<ApiKey> List()
    {
        using var connection = _database.OpenReader();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT id, name, role, prefix, created_at, revoked_at FROM api_keys ORDER BY created_at, id";
        using var reader = cmd.ExecuteReader();
        var keys = new List<ApiKey>();
        while (reader.Read())
        {
            keys.Add(Read(reader));
        }

        return keys;
    }

    /// <summary>The key id a name-or-id names when it is an id: "mmk_" and the id, or the id alone.</summary>
    public static string IdOf(string nameOrId) => nameOrId.StartsWith(KeyPrefix, StringComparison.Ordinal) ? nameOrId[KeyPrefix.Length..] : nameOrId;

    /// <summary>Revokes the active key with this name, or the key with this id or prefix.</summary>
    /// <returns>The revoked key, or null when no active key matches.</returns>
    public ApiKey? Revoke(string nameOrId, DateTimeOffset now)
    {
        var id = IdOf(nameOrId);
        var revoked = _database.Write((connection, tx) =>
        {
            using var cmd = connection.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = """
                UPDATE api_keys SET revoked_at = $now WHERE revoked_at IS NULL AND (name = $name OR id = $id)
                RETURNING id, name, role, prefix, created_at, revoked_at
                """;
            cmd.Parameters.AddWithValue("$now", now.ToString("O"));
            cmd.Parameters.AddWithValue("$name", nameOrId);
            cmd.Parameters.AddWithValue("$id", id);
            using var reader = cmd.ExecuteReader();
            return reader.Read() ? Read(reader) : null;
        });
        Interlocked.Increment(ref _generation);
        return revoked;
    }

    /// <summary>The active key this secret belongs to, or null (unknown, malformed or revoked).</summary>
    public ApiKey? Find(string secret)
    {
        if (!secret.StartsWith(KeyPrefix, StringComparison.Ordinal) || secret.Length > 200)
        {
            return null;
        }

        using var connection = _database.OpenReader();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT id, name, role, prefix, created_at, revoked_at FROM api_keys WHERE hash = $hash AND revoked_at IS NULL";
        cmd.Parameters.AddWithValue("$hash", Hash(secret));
        using var reader = cmd.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    /// <summary>Whether the key with this id exists and is not revoked (a signed-in console session checks it on each request).</summary>
    public bool IsActive(string id)
    {
        using var connection = _database.OpenReader();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT EXISTS(SELECT 1 FROM api_keys WHERE id = $id AND revoked_at IS NULL)";
        cmd.Parameters.AddWithValue("$id", id);
        return (long)cmd.ExecuteScalar()! == 1;
    }

    /// <summary>
    /// Whether any key was ever created, revoked ones included: development mode lasts only until
    /// the first key, and revoking every key later refuses every call rather than opening the
    /// service again.
    /// </summary>
    public bool AnyCreated()
    {
        using var connection = _database.OpenReader();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT EXISTS(SELECT 1 FROM api_keys)";
        return (long)cmd.ExecuteScalar()! == 1;
    }

    /// <summary>How many keys are active.</summary>
    public int ActiveCount()
    {
        using var connection = _database.OpenReader();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM api_keys WHERE revoked_at IS NULL";
        return (int)(long)cmd.ExecuteScalar()!;
    }

    private static ApiKey Read(SqliteDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
        DateTimeOffset.Parse(reader.GetString(4), System.Globalization.CultureInfo.InvariantCulture),
        reader.IsDBNull(5) ? null : DateTimeOffset.Parse(reader.GetString(5), System.Globalization.CultureInfo.InvariantCulture));

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
