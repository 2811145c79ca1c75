using System.Collections.Concurrent;
using System.Collections.Immutable;
using Matchmaker.Store;

namespace Matchmaker.Events;

/// <summary>
/// Every event's requests, blocks and meetings in memory, following them on the change log (rebuilt
/// from the whole log at start-up), so reading a schedule, checking a move against the other meetings
/// or building a schedule problem reads no store. Each event's board is an immutable value replaced on
/// write: readers never lock, and a check made under the feed's write lock sees every earlier write.
/// </summary>
public sealed class EventBoards : IChangeFollower<MeetingRequest>, IChangeFollower<PairBlock>, IChangeFollower<Meeting>
{
    private readonly ConcurrentDictionary<string, Board> _byEvent = new(StringComparer.Ordinal);

    long IChangeFollower.ReplayAfter => 0;

    public Board Of(string eventId) => _byEvent.GetValueOrDefault(eventId, Board.Empty);

    public void Follow(Change<MeetingRequest> change) =>
        Update(change.Record.EventId, b => b with
        {
            Requests = change.Deleted ? b.Requests.Remove(change.Record.Id) : b.Requests.SetItem(change.Record.Id, change.Record),
        });

    public void Follow(Change<PairBlock> change) =>
        Update(change.Record.EventId, b => b with
        {
            Blocks = change.Deleted ? b.Blocks.Remove(PairBlock.PairOf(change.Record.A, change.Record.B))
                : b.Blocks.SetItem(PairBlock.PairOf(change.Record.A, change.Record.B), change.Record),
        });

    public void Follow(Change<Meeting> change)
    {
        Update(change.Record.EventId, b => b with
        {
            Meetings = change.Deleted ? b.Meetings.Remove(change.Record.Id) : b.Meetings.SetItem(change.Record.Id, change.Record),
        });
        MeetingsChanged?.Invoke(change.Record.EventId);
    }

    /// <summary>
    /// A meeting of the event (by id) was added or changed, after the board shows it: the staff console's open
    /// grids redraw without a reload. Handlers must return at once (they run on the writer's thread).
    /// </summary>
    public event Action<string>? MeetingsChanged;

    private void Update(string eventId, Func<Board, Board> change) => _byEvent.AddOrUpdate(eventId, _ => change(Board.Empty), (_, b) => change(b));

    /// <summary>One event's requests (by id), blocks (by pair, <see cref="PairBlock.PairOf"/>) and meetings (by id), each in key order.</summary>
    public sealed record Board(
        ImmutableSortedDictionary<string, MeetingRequest> Requests,
        ImmutableSortedDictionary<string, PairBlock> Blocks,
        ImmutableSortedDictionary<string, Meeting> Meetings)
    {
        public static Board Empty { get; } = new(
            ImmutableSortedDictionary.Create<string, MeetingRequest>(StringComparer.Ordinal),
            ImmutableSortedDictionary.Create<string, PairBlock>(StringComparer.Ordinal),
            ImmutableSortedDictionary.Create<string, Meeting>(StringComparer.Ordinal));

        public PairBlock? Block(string a, string b) => Blocks.GetValueOrDefault(PairBlock.PairOf(a, b));

        /// <summary>
        /// The placed meetings (cancelled ones too, so calendars drop them) of one participant, or of everyone for an
        /// empty id, in time order: what an agenda holds.
        /// </summary>
        public List<Meeting> Agenda(string participantId = "") =>
            [.. Meetings.Values.Where(m => m.Placed && (participantId.Length == 0 || m.Involves(participantId)))
                .OrderBy(m => m.Date).ThenBy(m => m.Start).ThenBy(m => m.Id, StringComparer.Ordinal)];

        /// <summary>The pair's live meeting (not declined or cancelled), if any.</summary>
        public Meeting? LiveMeeting(string a, string b) => Meetings.Values.FirstOrDefault(m => m.Live && m.Joins(a, b));
    }
}
