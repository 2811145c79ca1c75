using Matchmaker.Events;

namespace Matchmaker.Web.Components;

/// <summary>Staff dropped <paramref name="Meeting"/> on a slot and table of the grid.</summary>
public sealed record MoveRequest(Meeting Meeting, EventSlots.Slot Slot, string TableId);
