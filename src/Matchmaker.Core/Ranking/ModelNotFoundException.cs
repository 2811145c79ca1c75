namespace Matchmaker.Ranking;

public sealed class ModelNotFoundException(string version)
    : Exception($"no model {version} is registered")
{
    public string Version => version;
}
