namespace Matchmaker.Events;

/// <summary>Where an event is in its life: the API's EventStatus (0 is stored as draft).</summary>
public enum EventStatus
{
    Draft = 1,
    OpenForRequests = 2,
    Scheduled = 3,
    Published = 4,
    Closed = 5,
}
