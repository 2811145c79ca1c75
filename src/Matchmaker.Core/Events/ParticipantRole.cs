namespace Matchmaker.Events;

/// <summary>What a participant is: the API's ParticipantRole (0 is unset).</summary>
public enum ParticipantRole
{
    Buyer = 1,
    Exporter = 2,
    Consultant = 3,
}
