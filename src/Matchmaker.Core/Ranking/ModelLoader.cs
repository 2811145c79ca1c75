using System.Security.Cryptography;
using System.Text.Json;
using Matchmaker.Features;

namespace Matchmaker.Ranking;

/// <summary>Reads a model directory and refuses anything that must not serve.</summary>
public static class ModelLoader
{
    /// <summary>Scores must reproduce to this (they are sums of ~100 float leaf values).</summary>
    public const double ScoreTolerance = 1e-4;

    /// <summary>
    /// How metadata.json and trees.json are written and read (indented, so a person can read them). A
    /// null where the type says there is always a value (<c>"features": null</c>) is a JsonException,
    /// not a NullReferenceException later.
    /// </summary>
    public static JsonSerializerOptions Json { get; } = new() { WriteIndented = true, RespectNullableAnnotations = true };

    /// <exception cref="ModelRejectedException">Anything wrong, with the reason: a model file from anywhere must never crash its reader.</exception>
    /// <param name="directory">The model's folder.</param>
    /// <param name="name">What to call it while its metadata is unread (default: the folder's name).</param>
    public static LearnedRanker Load(string directory, string? name = null)
    {
        name ??= Path.GetFileName(Path.TrimEndingDirectorySeparator(directory));
        try
        {
            return LoadChecked(directory, name);
        }
        catch (Exception e) when (e is not ModelRejectedException)
        {
            throw new ModelRejectedException(name, $"it cannot be read ({e.GetType().Name}: {e.Message})", e);
        }
    }

    private static LearnedRanker LoadChecked(string directory, string name)
    {
        ModelMetadata metadata;
        try
        {
            metadata = JsonSerializer.Deserialize<ModelMetadata>(File.ReadAllBytes(Path.Combine(directory, ModelFiles.Metadata)), Json)
                ?? throw new InvalidDataException("empty metadata");
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new ModelRejectedException(name, $"{ModelFiles.Metadata} is missing or unreadable ({e.Message})", e);
        }

        if (metadata.FeatureSchemaHash != FeatureSchema.Hash || !metadata.Features.SequenceEqual(FeatureSchema.Names))
        {
            var missing = FeatureSchema.Names.Except(metadata.Features).ToList();
            var extra = metadata.Features.Except(FeatureSchema.Names).ToList();
            throw new ModelRejectedException(metadata.Version,
                $"its feature schema {metadata.FeatureSchemaHash} is not this server's {FeatureSchema.Hash}"
                + (missing.Count > 0 ? $"; it lacks {string.Join(", ", missing)}" : "")
                + (extra.Count > 0 ? $"; it has {string.Join(", ", extra)} which this server does not compute" : "")
                + (missing.Count == 0 && extra.Count == 0 ? "; the features are in another order" : ""));
        }

        foreach (var required in ModelFiles.Required.Where(f => f != ModelFiles.Metadata))
        {
            if (!metadata.Files.ContainsKey(required))
            {
                throw new ModelRejectedException(metadata.Version, $"its metadata lists no {required}");
            }
        }

        foreach (var (file, sha) in metadata.Files)
        {
            var path = Path.Combine(directory, Path.GetFileName(file));
            if (!File.Exists(path))
            {
                throw new ModelRejectedException(metadata.Version, $"{file} is missing");
            }

            if (!string.Equals(Sha256(path), sha, StringComparison.OrdinalIgnoreCase))
            {
                throw new ModelRejectedException(metadata.Version, $"{file} does not match its checksum (corrupt or edited)");
            }
        }

        TreeEnsemble ensemble;
        try
        {
            ensemble = JsonSerializer.Deserialize<TreeEnsemble>(File.ReadAllBytes(Path.Combine(directory, ModelFiles.Trees)), Json)
                ?? throw new InvalidDataException("empty tree file");
            ensemble.Validate(FeatureSchema.Count);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or IOException)
        {
            throw new ModelRejectedException(metadata.Version, $"{ModelFiles.Trees} is not a valid tree ensemble ({e.Message})", e);
        }

        if (metadata.Reference.Count != FeatureSchema.Count)
        {
            throw new ModelRejectedException(metadata.Version, $"its reference row has {metadata.Reference.Count} values, not {FeatureSchema.Count}");
        }

        if (metadata.CheckRows.Count == 0)
        {
            throw new ModelRejectedException(metadata.Version, "it has no check rows to verify its scores against");
        }

        foreach (var check in metadata.CheckRows)
        {
            if (check.Features.Length != FeatureSchema.Count)
            {
                throw new ModelRejectedException(metadata.Version, "a check row has the wrong number of features");
            }

            var score = ensemble.Score(check.Features);
            if (Math.Abs(score - check.Score) > ScoreTolerance * Math.Max(1, Math.Abs(check.Score)))
            {
                throw new ModelRejectedException(metadata.Version,
                    $"its trees score a check row {score:G6}, not the {check.Score:G6} the trainer gave it");
            }
        }

        return new LearnedRanker(metadata, ensemble);
    }

    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
