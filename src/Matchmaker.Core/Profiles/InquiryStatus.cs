namespace Matchmaker.Profiles;

public enum InquiryStatus
{
    Open = 1,
    Closed = 2,
}
