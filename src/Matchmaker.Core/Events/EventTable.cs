namespace Matchmaker.Events;

/// <summary>Where one meeting at a time takes place: a table or room on site, a video link online.</summary>
public sealed record EventTable
{
    public required string Id { get; init; }

    public string Name { get; init; } = "";

    /// <summary>The meeting room's link (required for online events).</summary>
    public string VideoLink { get; init; } = "";

    /// <summary>Its name, or its id when it has none.</summary>
    public string DisplayName => Name.Length > 0 ? Name : Id;
}
