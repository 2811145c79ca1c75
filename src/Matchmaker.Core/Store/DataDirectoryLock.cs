namespace Matchmaker.Store;

/// <summary>
/// One process at a time owns a data folder: the server, or an offline command that writes the
/// store or the index (<c>matchmaker reindex</c>). The lock is an exclusive lock on <c>DATA/lock</c>
/// (flock on Linux, released by the kernel when the process dies, SIGKILL included); <c>DATA/owner</c>
/// says who holds it, for the message the next one gets. API keys are written beside a running
/// server without it (their table is independent of the index).
/// </summary>
public sealed class DataDirectoryLock : IDisposable
{
    private readonly FileStream _lock;

    public DataDirectoryLock(DataDirectory data)
    {
        Directory.CreateDirectory(data.Root);
        var owner = Path.Combine(data.Root, "owner");
        try
        {
            _lock = new FileStream(Path.Combine(data.Root, "lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            var holder = File.Exists(owner) ? File.ReadAllText(owner).Trim() : "another process";
            throw new DataDirectoryInUseException(data.Root, holder);
        }

        File.WriteAllText(owner, $"{AppDomain.CurrentDomain.FriendlyName} (pid {Environment.ProcessId}, since {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss} UTC)");
    }

    public void Dispose() => _lock.Dispose();
}

/// <summary>Another process holds the data folder (<see cref="DataDirectoryLock"/>).</summary>
public sealed class DataDirectoryInUseException(string root, string holder)
    : IOException($"the data folder {root} is in use by {holder}")
{
    public string Holder { get; } = holder;
}
