namespace Matchmaker.Profiles;

/// <summary>A contact person: personal data.</summary>
public sealed record Contact(string Name, string Email, string Phone);
