namespace Matchmaker.Ranking;

public sealed class ModelNotFoundException(string version)
    : Exception($"no model {Profiles.FieldViolation.Quote(version)} is registered")
{
    public string Version => version;
}
