using Matchmaker.Hosting;
using Matchmaker.Index;
using Matchmaker.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Matchmaker.Cli.Commands;

/// <summary>
/// `matchmaker reindex`: rebuilds the Lucene index from the record store, offline. The index is a
/// derived copy, so this is always safe; it refuses while a server holds the data folder
/// (<see cref="DataDirectoryLock"/>) and changes nothing then. The store and
/// the index come from Core's own registrations (every record kind, the data directory's layout);
/// nothing else is started.
/// </summary>
internal static class ReindexCommand
{
    public static int Run(Arguments arguments)
    {
        var data = arguments.DataFolder();
        arguments.EnsureAllRead();
        if (!File.Exists(data.StoreFile))
        {
            throw new UsageException($"no record store at {data.StoreFile} (give the server's data folder with --data)");
        }

        var started = DateTime.UtcNow;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(
        [
            new("Matchmaker:DataDirectory", data.Root),
            new("Matchmaker:RebuildIndex", "true"),
        ]).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddMatchmakerCore()
            .BuildServiceProvider();
        try
        {
            services.GetRequiredService<DataDirectoryLock>();
        }
        catch (DataDirectoryInUseException e)
        {
            Console.Error.WriteLine($"matchmaker: {e.Message}; nothing was changed. Stop the server first: reindex rebuilds the index offline " +
                "(a running server keeps its index up to date itself and repairs it from the change log at start).");
            return 3;
        }

        var store = services.GetRequiredService<IRecordStore>();
        // One record is replayed once however often it was written: size the bar by records, not by the change log.
        var total = store.CountRecords();
        var index = services.GetRequiredService<SearchIndex>();
        var progress = new Progress("reindexing", total);
        var read = 0L;
        var applied = index.CatchUp(store, n =>
        {
            read = n;
            progress.Report(n);
        });
        // The feed reports every 10,000 records: the last few are counted here, so the bar and the summary agree.
        read = Math.Max(read, total);
        progress.Report(read);
        progress.Done();
        Console.WriteLine($"rebuilt the index in {data.Root}: {read:N0} records read, {applied:N0} of them indexed (the exporters and inquiries; " +
            $"events and their records are not searched), change log at {store.LastSequence}, in {(DateTime.UtcNow - started).TotalSeconds:0.0} s");
        return 0;
    }
}
