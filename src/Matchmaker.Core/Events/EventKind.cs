namespace Matchmaker.Events;

/// <summary>What sort of 1:1 event: the API's EventKind (0 is unset).</summary>
public enum EventKind
{
    /// <summary>Overseas buyers invited to meet exporters at tables, on site.</summary>
    BuyerInvitationFair = 1,

    /// <summary>Exporters meet export consultants (and buyers) one to one.</summary>
    ExportConsultationMeeting = 2,

    /// <summary>Every meeting by video.</summary>
    Online = 3,
}
