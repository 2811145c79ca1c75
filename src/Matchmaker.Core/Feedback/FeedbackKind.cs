namespace Matchmaker.Feedback;

/// <summary>What happened between a buyer's inquiry and an exporter (the API's Feedback.kind).</summary>
public enum FeedbackKind
{
    Impression = 1,
    View,
    Contact,
    Shortlist,
    MeetingRequested,
    MeetingHeld,
    FollowUp,
    ContractSigned,
    Declined,
    NoShow,
}
