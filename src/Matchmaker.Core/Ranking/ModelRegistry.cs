using System.Text.Json;

namespace Matchmaker.Ranking;

/// <summary>
/// The models directory: one sub-directory per version (metadata.json, trees.json, model.zip,
/// report.html) and active.json naming the model that serves. Registering writes into a temporary
/// directory, verifies the model loads, then renames it into place, so a half-copied model is
/// never visible.
/// </summary>
public sealed class ModelRegistry
{
    private const string ActiveFile = "active.json";
    private readonly string _root;
    private readonly Lock _registerLock = new();

    public ModelRegistry(string root)
    {
        _root = Path.GetFullPath(root);
        Directory.CreateDirectory(_root);
    }

    public string Root => _root;

    /// <summary>Every registered model's metadata, newest first (unreadable ones are left out).</summary>
    public IReadOnlyList<ModelMetadata> List()
    {
        var models = new List<ModelMetadata>();
        foreach (var dir in Directory.EnumerateDirectories(_root).Where(d => !Path.GetFileName(d).StartsWith('.')))
        {
            try
            {
                if (JsonSerializer.Deserialize<ModelMetadata>(File.ReadAllBytes(Path.Combine(dir, ModelFiles.Metadata)), ModelLoader.Json) is { } m)
                {
                    models.Add(m);
                }
            }
            catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException or NotSupportedException)
            {
                // A directory that is not a model (or a damaged one) is not listed; loading it says why.
            }
        }

        return [.. models.OrderByDescending(m => m.CreatedAt).ThenBy(m => m.Version, StringComparer.Ordinal)];
    }

    public bool Contains(string version) => IsSafeVersion(version) && File.Exists(Path.Combine(_root, version, ModelFiles.Metadata));

    /// <exception cref="ModelNotFoundException"/>
    /// <exception cref="ModelRejectedException"/>
    public LearnedRanker Load(string version)
    {
        if (!Contains(version))
        {
            throw new ModelNotFoundException(version);
        }

        var ranker = ModelLoader.Load(Path.Combine(_root, version));
        return ranker.Version == version
            ? ranker
            : throw new ModelRejectedException(version, $"its metadata names it {ranker.Version}");
    }

    /// <summary>A registered model's files (name → bytes), after checking that it loads.</summary>
    /// <exception cref="ModelNotFoundException"/>
    /// <exception cref="ModelRejectedException"/>
    public (string Version, IReadOnlyDictionary<string, byte[]> Files) ReadFiles(string version)
    {
        var ranker = Load(version);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in ModelFiles.All)
        {
            var path = Path.Combine(_root, ranker.Version, name);
            if (File.Exists(path))
            {
                files[name] = File.ReadAllBytes(path);
            }
        }

        return (ranker.Version, files);
    }

    /// <summary>
    /// Adds a model from its files (name → bytes). The same version with the same files is accepted
    /// again (promote is safe to repeat); the same version with other files is refused.
    /// </summary>
    /// <exception cref="ModelRejectedException">The files do not make a model that can serve.</exception>
    public LearnedRanker Register(IReadOnlyDictionary<string, byte[]> files)
    {
        var staging = Path.Combine(_root, $".staging-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            foreach (var (name, bytes) in files)
            {
                if (!ModelFiles.All.Contains(name))
                {
                    throw new ModelRejectedException("(upload)", $"{name} is not a model file (expected {string.Join(", ", ModelFiles.All)})");
                }

                File.WriteAllBytes(Path.Combine(staging, name), bytes);
            }

            var ranker = ModelLoader.Load(staging, "(upload)");
            var version = ranker.Version;
            if (!IsSafeVersion(version))
            {
                throw new ModelRejectedException(version, "a version may hold only letters, digits, '.', '-' and '_'");
            }

            var target = Path.Combine(_root, version);
            lock (_registerLock)
            {
                if (Directory.Exists(target))
                {
                    var same = ranker.Metadata.Files.All(f => File.Exists(Path.Combine(target, f.Key))
                        && ModelLoader.Sha256(Path.Combine(target, f.Key)) == f.Value);
                    return same ? Load(version) : throw new ModelRejectedException(version, "another model with this version is already registered");
                }

                Directory.Move(staging, target);
            }

            return Load(version);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>Copies a model directory in (the shipped default, or a file-based promote).</summary>
    public LearnedRanker RegisterDirectory(string directory) =>
        Register(ModelFiles.All.Where(f => File.Exists(Path.Combine(directory, f)))
            .ToDictionary(f => f, f => File.ReadAllBytes(Path.Combine(directory, f))));

    /// <summary>Whether an activation was ever recorded (active.json exists, even if it names the baseline).</summary>
    public bool HasActiveRecord => File.Exists(Path.Combine(_root, ActiveFile));

    /// <summary>The version active.json names, or null (the baseline serves).</summary>
    /// <exception cref="ModelRejectedException">active.json is unreadable (the caller says so and serves the baseline).</exception>
    public string? ActiveVersion()
    {
        var path = Path.Combine(_root, ActiveFile);
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<ActiveRecord>(File.ReadAllBytes(path))?.Version : null;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new ModelRejectedException(ActiveFile, $"{path} is unreadable ({e.Message})", e);
        }
    }

    /// <summary>Records the active version durably: written aside, flushed, then renamed over the old file.</summary>
    public void SetActive(string? version)
    {
        var path = Path.Combine(_root, ActiveFile);
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write))
        {
            JsonSerializer.Serialize(stream, new ActiveRecord(version, DateTimeOffset.UtcNow));
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }

    public static bool IsSafeVersion(string version) =>
        version.Length is > 0 and <= 100 && version[0] != '.'
        && version.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');

    private sealed record ActiveRecord(string? Version, DateTimeOffset ActivatedAt);
}
