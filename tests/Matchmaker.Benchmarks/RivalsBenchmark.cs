using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Matchmaker.DemoData;
using Matchmaker.Index;
using Matchmaker.Matching;
using Matchmaker.Profiles;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Matchmaker.Benchmarks;

/// <summary>
/// What an agency might use instead, on the same demo exporters and the same inquiries as the e2e suite
/// (same seed): PostgreSQL full-text search with GIN indexes on the HS codes (Debian's postgresql,
/// started here as a child process in a temp folder, as the postgres user when run as root) and SQLite
/// FTS5. Both do retrieval alone, with Matchmaker's query shape (HS codes at three levels OR the inquiry's
/// words found in at most a fifth of the profiles): the top 200 by HS level then text rank, no features, no
/// model, no reasons; compare with the e2e suite's full MatchInquiry.
/// </summary>
internal static partial class RivalsBenchmark
{
    private const int Top = MatchOptions.RankedCandidates;

    public static async Task RunAsync(int exporterCount, int inquiryCount, int queries, int seed)
    {
        var generator = new DemoDataGenerator(seed, DateTimeOffset.UtcNow);
        var exporters = generator.Exporters(exporterCount).Select(e => ProfileValidator.Prepare(e)).ToList();
        var inquiries = generator.Inquiries(inquiryCount).Select(q => ProfileValidator.Prepare(q)).Take(queries + 100).ToList();
        Console.WriteLine($"# rivals: {exporterCount:N0} demo exporters, {Math.Min(queries, inquiries.Count - 100):N0} timed inquiries (the e2e suite's first ones), seed {seed}; retrieval only, top {Top}");
        await PostgresAsync(exporters, inquiries);
        Sqlite(exporters, inquiries);
    }

    private static async Task PostgresAsync(List<Exporter> exporters, List<Inquiry> inquiries)
    {
        var folder = Path.Combine(Path.GetTempPath(), "matchmaker-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            Run("chown", "postgres", folder);
        }

        var port = BenchHost.FreePort();
        Process? server = null;
        try
        {
            Run(Postgres(asRoot, "initdb", "-D", folder, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"));
            server = Launch(Start(Postgres(asRoot, "postgres", "-D", folder, "-p", port.ToString(CultureInfo.InvariantCulture),
                "-k", folder, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "shared_buffers=256MB")));
            server.OutputDataReceived += (_, _) => { };
            server.ErrorDataReceived += (_, _) => { };
            server.BeginOutputReadLine();
            server.BeginErrorReadLine();
            var connection = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Timeout=5";
            await using var db = await Connect(connection);
            var version = (string)(await new NpgsqlCommand("SHOW server_version", db).ExecuteScalarAsync())!;
            await Execute(db, "CREATE TABLE exporters (id text PRIMARY KEY, active boolean, hs6 text[], hs4 text[], hs2 text[], body text, tsv tsvector)");
            var clock = Stopwatch.StartNew();
            await using (var copy = await db.BeginBinaryImportAsync("COPY exporters (id, active, hs6, hs4, hs2, body) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var e in exporters)
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(e.Id, NpgsqlDbType.Text);
                    await copy.WriteAsync(e.Active, NpgsqlDbType.Boolean);
                    await copy.WriteAsync(Prefixes(e.Products.Select(p => p.HsCode), 6), NpgsqlDbType.Array | NpgsqlDbType.Text);
                    await copy.WriteAsync(Prefixes(e.Products.Select(p => p.HsCode), 4), NpgsqlDbType.Array | NpgsqlDbType.Text);
                    await copy.WriteAsync(Prefixes(e.Products.Select(p => p.HsCode), 2), NpgsqlDbType.Array | NpgsqlDbType.Text);
                    await copy.WriteAsync(string.Join('\n', DocumentFactory.TextOf(e)), NpgsqlDbType.Text);
                }

                await copy.CompleteAsync();
            }

            await Execute(db, "UPDATE exporters SET tsv = to_tsvector('english', body)");
            foreach (var column in new[] { "tsv", "hs6", "hs4", "hs2" })
            {
                await Execute(db, $"CREATE INDEX ON exporters USING gin ({column})");
            }

            await Execute(db, "VACUUM ANALYZE exporters");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"PostgreSQL {version}: loaded and indexed in {clock.Elapsed.TotalSeconds:0.0} s"));
            const string sql = """
                SELECT id FROM exporters
                WHERE active AND (hs2 && @q2 OR tsv @@ to_tsquery('english', @text))
                ORDER BY (CASE WHEN hs6 && @q6 THEN 24 ELSE 0 END) + (CASE WHEN hs4 && @q4 THEN 16 ELSE 0 END) + (CASE WHEN hs2 && @q2 THEN 8 ELSE 0 END)
                       + ts_rank(tsv, to_tsquery('english', @text)) DESC, id
                LIMIT 200
                """;
            var common = new Dictionary<string, bool>(StringComparer.Ordinal);
            await using var query = new NpgsqlCommand(sql, db);
            query.Parameters.Add(new NpgsqlParameter("q6", NpgsqlDbType.Array | NpgsqlDbType.Text));
            query.Parameters.Add(new NpgsqlParameter("q4", NpgsqlDbType.Array | NpgsqlDbType.Text));
            query.Parameters.Add(new NpgsqlParameter("q2", NpgsqlDbType.Array | NpgsqlDbType.Text));
            query.Parameters.Add(new NpgsqlParameter("text", NpgsqlDbType.Text));
            await query.PrepareAsync();
            await TimeAsync($"PostgreSQL {version} full-text search + GIN on HS codes, top {Top}", inquiries, async q =>
            {
                query.Parameters["q6"].Value = Prefixes(q.HsCodes, 6);
                query.Parameters["q4"].Value = Prefixes(q.HsCodes, 4);
                query.Parameters["q2"].Value = Prefixes(q.HsCodes, 2);
                query.Parameters["text"].Value = string.Join(" | ", await RareAsync(Words(q), common, async w =>
                {
                    await using var count = new NpgsqlCommand("SELECT count(*) FROM exporters WHERE tsv @@ plainto_tsquery('english', @w)", db);
                    count.Parameters.AddWithValue("w", w);
                    return (long)(await count.ExecuteScalarAsync())!;
                }, exporters.Count));
                var rows = 0;
                await using var reader = await query.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    rows++;
                }

                return rows;
            });
        }
        finally
        {
            if (server is not null)
            {
                Run(Postgres(asRoot, "pg_ctl", "-D", folder, "stop", "-m", "immediate"));
                await server.WaitForExitAsync();
            }

            Directory.Delete(folder, recursive: true);
        }
    }

    private static void Sqlite(List<Exporter> exporters, List<Inquiry> inquiries)
    {
        var file = Path.Combine(Path.GetTempPath(), "matchmaker-fts5-" + Guid.NewGuid().ToString("N") + ".db");
        try
        {
            using var db = new SqliteConnection($"Data Source={file};Pooling=false");
            db.Open();
            var version = new SqliteCommand("SELECT sqlite_version()", db).ExecuteScalar();
            new SqliteCommand("CREATE VIRTUAL TABLE exporters USING fts5(id UNINDEXED, active UNINDEXED, hs, body, tokenize = 'porter unicode61')", db).ExecuteNonQuery();
            var clock = Stopwatch.StartNew();
            using (var tx = db.BeginTransaction())
            {
                using var insert = new SqliteCommand("INSERT INTO exporters (id, active, hs, body) VALUES ($id, $active, $hs, $body)", db, tx);
                var id = insert.Parameters.Add("$id", SqliteType.Text);
                var active = insert.Parameters.Add("$active", SqliteType.Integer);
                var hs = insert.Parameters.Add("$hs", SqliteType.Text);
                var body = insert.Parameters.Add("$body", SqliteType.Text);
                foreach (var e in exporters)
                {
                    id.Value = e.Id;
                    active.Value = e.Active ? 1 : 0;
                    hs.Value = string.Join(' ', HsTokens(e.Products.Select(p => p.HsCode)));
                    body.Value = string.Join('\n', DocumentFactory.TextOf(e));
                    insert.ExecuteNonQuery();
                }

                tx.Commit();
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"SQLite {version} FTS5: loaded and indexed in {clock.Elapsed.TotalSeconds:0.0} s"));
            var common = new Dictionary<string, bool>(StringComparer.Ordinal);
            using var query = new SqliteCommand("SELECT id FROM exporters WHERE exporters MATCH $match AND active = 1 ORDER BY bm25(exporters, 0, 0, 10.0, 1.0), id LIMIT 200", db);
            var match = query.Parameters.Add("$match", SqliteType.Text);
            TimeAsync($"SQLite {version} FTS5 (HS codes as tokens weighted 10x, BM25), top {Top}", inquiries, q =>
            {
                var clauses = new List<string>();
                var codes = HsTokens(q.HsCodes).ToList();
                if (codes.Count > 0)
                {
                    clauses.Add($"hs : ({string.Join(" OR ", codes.Select(c => $"\"{c}\""))})");
                }

                var words = RareAsync(Words(q), common, w =>
                {
                    using var count = new SqliteCommand("SELECT count(*) FROM exporters WHERE exporters MATCH $w", db);
                    count.Parameters.AddWithValue("$w", $"body : \"{w}\"");
                    return Task.FromResult((long)count.ExecuteScalar()!);
                }, exporters.Count).GetAwaiter().GetResult();
                if (words.Count > 0)
                {
                    clauses.Add($"body : ({string.Join(" OR ", words.Select(w => $"\"{w}\""))})");
                }

                match.Value = string.Join(" OR ", clauses);
                var rows = 0;
                using var reader = query.ExecuteReader();
                while (reader.Read())
                {
                    rows++;
                }

                return Task.FromResult(rows);
            }).GetAwaiter().GetResult();
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    /// <summary>Times one query per inquiry after 100 warm-up queries (the last ones), one at a time.</summary>
    private static async Task TimeAsync(string name, List<Inquiry> inquiries, Func<Inquiry, Task<int>> run)
    {
        var timed = inquiries.Count - 100;
        for (var i = timed; i < inquiries.Count; i++)
        {
            await run(inquiries[i]);
        }

        var latencies = new double[timed];
        long rows = 0;
        for (var i = 0; i < timed; i++)
        {
            var start = Stopwatch.GetTimestamp();
            rows += await run(inquiries[i]);
            latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(latencies);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: p50 {Latencies.Percentile(latencies, 0.5):0.00} ms, p99 {Latencies.Percentile(latencies, 0.99):0.00} ms, {rows / (double)timed:0.0} rows/query"));
    }

    /// <summary>The inquiry's words as plain lowercase tokens (each engine stems them its own way), at most 64.</summary>
    private static List<string> Words(Inquiry inquiry) =>
        [.. WordPattern().Matches(string.Join('\n', QueryFactory.QueryTextOf(inquiry))).Select(m => m.Value.ToLowerInvariant()).Distinct().Take(64)];

    /// <summary>
    /// The words in at most a fifth of the profiles, as Matchmaker's retrieval keeps (the same query shape): each word's
    /// document count is asked of the engine once and remembered (like Matchmaker's statistics epoch).
    /// </summary>
    private static async Task<List<string>> RareAsync(List<string> words, Dictionary<string, bool> common, Func<string, Task<long>> documents, int total)
    {
        var rare = new List<string>(words.Count);
        foreach (var word in words)
        {
            if (!common.TryGetValue(word, out var isCommon))
            {
                common[word] = isCommon = await documents(word) > Math.Max(50, total / 5);
            }

            if (!isCommon)
            {
                rare.Add(word);
            }
        }

        return rare;
    }

    private static string[] Prefixes(IEnumerable<string> codes, int digits) => [.. codes.Where(c => c.Length >= digits).Select(c => c[..digits]).Distinct()];

    private static IEnumerable<string> HsTokens(IEnumerable<string> codes) =>
        codes.SelectMany(c => new[] { 2, 4, 6 }.Where(d => c.Length >= d).Select(d => $"h{d}x{c[..d]}")).Distinct();

    [GeneratedRegex(@"\p{L}[\p{L}\p{N}]*")]
    private static partial Regex WordPattern();

    /// <summary>A PostgreSQL tool's command line; PostgreSQL refuses to run as root, so as root it runs as the postgres user.</summary>
    private static (string File, string[] Args) Postgres(bool asRoot, string tool, params string[] args) =>
        asRoot ? ("runuser", ["-u", "postgres", "--", tool, .. args]) : (tool, args);

    private static async Task<NpgsqlConnection> Connect(string connection)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var db = new NpgsqlConnection(connection);
                await db.OpenAsync();
                return db;
            }
            catch (NpgsqlException) when (attempt < 100)
            {
                await Task.Delay(200);
            }
        }
    }

    private static async Task Execute(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync();
    }

    private static Process Launch(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                $"cannot run {start.FileName} ({e.Message}): this suite needs PostgreSQL's programs on the PATH (Debian: apt-get install postgresql, then PATH=/usr/lib/postgresql/15/bin:$PATH)", e);
        }
    }

    private static ProcessStartInfo Start((string File, string[] Args) command) => Start(command.File, command.Args);

    private static void Run((string File, string[] Args) command) => Run(command.File, command.Args);

    private static ProcessStartInfo Start(string file, string[] args)
    {
        var info = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return info;
    }

    private static void Run(string file, params string[] args)
    {
        using var process = Launch(Start(file, args));
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {error}{output.Result}");
        }
    }
}
