namespace Matchmaker.Profiles;

/// <summary>An incoming record was rejected; nothing was stored.</summary>
public sealed class ValidationException : Exception
{
    public ValidationException(IReadOnlyList<FieldViolation> violations)
        : base(Describe(violations))
    {
        Violations = violations;
    }

    public IReadOnlyList<FieldViolation> Violations { get; }

    private static string Describe(IReadOnlyList<FieldViolation> violations) =>
        violations.Count == 0
            ? "invalid record"
            : string.Join("; ", violations.Select(v => $"{v.Field}: {v.Reason}"));
}
