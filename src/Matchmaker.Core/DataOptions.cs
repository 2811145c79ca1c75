using System.ComponentModel.DataAnnotations;

namespace Matchmaker;

/// <summary>
/// Where Matchmaker keeps its data: the "Matchmaker" configuration section's DataDirectory and
/// ModelsDirectory (environment MATCHMAKER__DATADIRECTORY, …). <see cref="DataDirectory"/> says what
/// lives where inside it.
/// </summary>
public sealed class DataOptions
{
    public const string Section = "Matchmaker";

    /// <summary>Where the record store, the index, the models and the training log live; relative paths are under the working folder.</summary>
    [Required(AllowEmptyStrings = false)]
    public string DataDirectory { get; set; } = "data";

    /// <summary>The model registry (one folder per version, active.json); empty: "models" under the data directory.</summary>
    public string ModelsDirectory { get; set; } = "";
}
