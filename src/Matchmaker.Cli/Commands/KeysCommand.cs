using Matchmaker.Security;
using Matchmaker.Store;

namespace Matchmaker.Cli.Commands;

/// <summary>
/// `matchmaker keys create|list|revoke`: API keys, on the data folder itself (the store's SQLite
/// file), beside a running server or without one: the server looks keys up on every call, so a new
/// key works and a revoked one stops at once. Only the key's hash is stored; the key is printed once.
/// </summary>
internal static class KeysCommand
{
    public static int Run(Arguments arguments)
    {
        var action = arguments.Positional.Count > 0 ? arguments.Positional[0] : throw new UsageException("keys needs create, list or revoke");
        var data = arguments.DataFolder();
        switch (action)
        {
            case "create":
            {
                var name = arguments.Positional.Count == 2 ? arguments.Positional[1] : throw new UsageException("usage: matchmaker keys create NAME --role portal|staff|data-scientist|admin [--data DIR]");
                var role = arguments.One("role") ?? throw new UsageException($"keys create needs --role ({string.Join(", ", Roles.All)})");
                var fresh = arguments.Switch("new");
                arguments.EnsureAllRead();
                if (Roles.Parse(role) is null)
                {
                    throw new UsageException($"unknown role '{role}' (roles: {string.Join(", ", Roles.All)})");
                }

                // A key in a folder no server uses would leave the real one open: a new store only when asked.
                using var database = Open(data, create: fresh);
                try
                {
                    var (key, secret) = new ApiKeyStore(database).Create(name, role, DateTimeOffset.UtcNow);
                    Console.Error.WriteLine($"created key '{key.Name}' ({key.Role}, id {key.Id}) in {data.Root}; it is shown once, here:");
                    Console.WriteLine(secret);
                    return 0;
                }
                catch (ArgumentException e)
                {
                    throw new UsageException(e.Message);
                }
            }

            case "list":
            {
                arguments.EnsureAllRead();
                if (arguments.Positional.Count > 1)
                {
                    throw new UsageException("keys list takes no name");
                }

                using var database = Open(data, create: false);
                var keys = new ApiKeyStore(database).List();
                if (keys.Count == 0)
                {
                    Console.WriteLine($"no keys in {data.Root}: the server runs in development mode (loopback only, every caller admin) until the first is created");
                    return 0;
                }

                Console.WriteLine($"{"name",-24} {"role",-15} {"key starts",-14} {"created (UTC)",-17} revoked (UTC)");
                foreach (var key in keys)
                {
                    Console.WriteLine($"{key.Name,-24} {key.Role,-15} {key.Prefix,-14} {key.CreatedAt.UtcDateTime,-17:yyyy-MM-dd HH:mm} {(key.RevokedAt is { } r ? r.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) : "-")}");
                }

                return 0;
            }

            case "revoke":
            {
                var which = arguments.Positional.Count == 2 ? arguments.Positional[1] : throw new UsageException("usage: matchmaker keys revoke NAME|ID [--data DIR]");
                arguments.EnsureAllRead();
                using var database = Open(data, create: false);
                var store = new ApiKeyStore(database);
                var revoked = store.Revoke(which, DateTimeOffset.UtcNow);
                var id = ApiKeyStore.IdOf(which);
                if (revoked is null && store.List().FirstOrDefault(k => !k.Active && (k.Name == which || k.Id == id)) is { RevokedAt: { } at } already)
                {
                    // Revoking twice is what was wanted: said, not an error.
                    Console.WriteLine($"key '{already.Name}' ({already.Role}, {already.Prefix}) was revoked already, on {at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)} UTC");
                    return 0;
                }

                if (revoked is null)
                {
                    Console.Error.WriteLine($"matchmaker: no active key named or with id '{which}' in {data.Root} ('matchmaker keys list' shows them)");
                    return 5;
                }

                Console.WriteLine($"revoked key '{revoked.Name}' ({revoked.Role}, {revoked.Prefix}); calls with it are refused from now on");
                if (store.ActiveCount() == 0)
                {
                    Console.WriteLine("no active key is left: every call is refused until you create one (development mode does not come back)");
                }

                return 0;
            }

            default:
                throw new UsageException($"unknown keys action '{action}' (create, list, revoke)");
        }
    }

    private static SqliteDatabase Open(DataDirectory data, bool create) =>
        create || File.Exists(data.StoreFile)
            ? new SqliteDatabase(data.StoreFile)
            : throw new UsageException($"no record store at {data.StoreFile} (give the server's data folder with --data; to prepare a new one before the server's first start, add --new)");
}
