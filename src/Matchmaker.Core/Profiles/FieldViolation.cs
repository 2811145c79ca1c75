namespace Matchmaker.Profiles;

/// <summary>One problem with one field of an incoming record; <see cref="Field"/> uses the API's field path.</summary>
public sealed record FieldViolation(string Field, string Reason);
