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

    /// <summary>One field's problem.</summary>
    public static ValidationException Of(string field, string reason) => new([new FieldViolation(field, reason)]);

    /// <summary>A field the request must set and did not.</summary>
    public static ValidationException Required(string field) => Of(field, "is required");

    private static string Describe(IReadOnlyList<FieldViolation> violations) =>
        violations.Count == 0
            ? "invalid record"
            : string.Join("; ", violations.Select(v => $"{v.Field}: {v.Reason}"));
}
