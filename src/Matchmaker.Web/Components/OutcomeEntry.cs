using Matchmaker.Events;

namespace Matchmaker.Web.Components;

/// <summary>One row of the outcome table as staff filled it in: what each side reported about <paramref name="Meeting"/>.</summary>
/// <param name="Held">true held, false no-show, null not said.</param>
/// <param name="RatingA">The first side's rating 1–5; 0 none.</param>
/// <param name="RatingB">The second side's rating 1–5; 0 none.</param>
public sealed record OutcomeEntry(Meeting Meeting, bool? Held, int RatingA, int RatingB, bool FollowUp, bool Contract, double ValueUsd, string Note)
{
    /// <summary>The outcomes to record: the first side's (with the facts of the meeting) and, when it rated, the second side's.</summary>
    public IReadOnlyList<MeetingOutcome> Outcomes()
    {
        var first = new MeetingOutcome
        {
            ReportedBy = Meeting.A, Held = Held, Rating = RatingA, FollowUp = FollowUp, ContractSigned = Contract, ContractValueUsd = Contract ? ValueUsd : 0, Note = Note.Trim(),
        };
        return RatingB > 0 ? [first, new MeetingOutcome { ReportedBy = Meeting.B, Held = Held, Rating = RatingB }] : [first];
    }
}
