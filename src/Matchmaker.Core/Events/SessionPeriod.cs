namespace Matchmaker.Events;

/// <summary>Morning or afternoon: what a meeting's session restriction refers to.</summary>
public enum SessionPeriod
{
    Morning = 1,
    Afternoon = 2,
}
