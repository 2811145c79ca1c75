using Matchmaker.Index;
using Matchmaker.Store;

namespace Matchmaker.Cli.Commands;

/// <summary>
/// `matchmaker reindex`: rebuilds the Lucene index from the record store, offline. The index is a
/// derived copy, so this is always safe; it refuses while a server holds the index.
/// </summary>
internal static class ReindexCommand
{
    public static int Run(Arguments arguments)
    {
        var data = Path.GetFullPath(arguments.One("data") ?? Environment.GetEnvironmentVariable("MATCHMAKER__DATADIRECTORY") ?? "data");
        arguments.EnsureAllRead();
        var storePath = Path.Combine(data, "store.db");
        if (!File.Exists(storePath))
        {
            throw new UsageException($"no record store at {storePath} (give the server's data folder with --data)");
        }

        var started = DateTime.UtcNow;
        using var store = new SqliteRecordStore(storePath);
        // One record is replayed once however often it was written: size the bar by records, not by the change log.
        var total = store.CountRecords();
        using var index = new SearchIndex(Path.Combine(data, "index"), create: true);
        var progress = new Progress("reindexing", total);
        var applied = index.CatchUp(store, progress.Report);
        progress.Done();
        Console.WriteLine($"rebuilt the index in {data} from {applied:N0} records (change log at {store.LastSequence}) in {(DateTime.UtcNow - started).TotalSeconds:0.0} s");
        return 0;
    }
}
