namespace Matchmaker;

/// <summary>
/// The one place that knows the data directory's layout, used by the server, <c>matchmaker reindex</c>
/// and the simulator alike:
/// <code>
/// DATA/store.db     the record store: profiles (and every later record kind), the change log, feedback
/// DATA/index/       the Lucene index, derived from the store (rebuildable)
/// DATA/models/      the model registry (unless ModelsDirectory names another folder)
/// DATA/served.db    the served-feature log, for training
/// </code>
/// </summary>
public sealed class DataDirectory
{
    public DataDirectory(string root, string? modelsDirectory = null)
    {
        Root = Path.GetFullPath(root);
        ModelsFolder = string.IsNullOrEmpty(modelsDirectory) ? Path.Combine(Root, "models") : Path.GetFullPath(modelsDirectory);
    }

    public DataDirectory(DataOptions options)
        : this(options.DataDirectory, options.ModelsDirectory)
    {
    }

    public string Root { get; }

    public string StoreFile => Path.Combine(Root, "store.db");

    public string IndexFolder => Path.Combine(Root, "index");

    public string ModelsFolder { get; }

    public string ServedLogFile => Path.Combine(Root, "served.db");

    public override string ToString() => Root;
}
