namespace Matchmaker.Ranking;

/// <summary>A model that must not serve: another feature schema, a corrupt or missing file, scores that do not reproduce.</summary>
public sealed class ModelRejectedException(string version, string reason, Exception? inner = null)
    : Exception($"model {version} refused: {reason}", inner)
{
    public string Version => version;

    public string Reason => reason;
}
