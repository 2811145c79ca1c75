namespace Matchmaker.Store;

public sealed class RecordNotFoundException(string kind, string id)
    : Exception($"{kind} {Profiles.FieldViolation.Quote(id)} does not exist")
{
    public string Kind { get; } = kind;

    public string Id { get; } = id;
}
