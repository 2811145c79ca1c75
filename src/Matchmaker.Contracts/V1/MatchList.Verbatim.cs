using Google.Protobuf;

namespace Matchmaker.V1;

public sealed partial class MatchList
{
    /// <summary>
    /// A cached list to send as it was stored: flagged from_cache, every other field kept in its
    /// encoded form (as unknown fields, which protobuf writes back verbatim) instead of decoded into
    /// matches and reasons only to be encoded again. Only the top-level fields are split, so a hit
    /// costs a few copies of the list's bytes. What the client receives is the full list. Meant for
    /// replying and nothing else: on the server this object's own fields (matches…) are empty.
    /// </summary>
    /// <param name="payload">A serialized MatchList whose from_cache is false (it is then absent from the bytes).</param>
    public static MatchList Verbatim(ReadOnlyMemory<byte> payload)
    {
        var input = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(payload, out var segment)
            ? new CodedInputStream(segment.Array!, segment.Offset, segment.Count)
            : new CodedInputStream(payload.ToArray());
        var list = new MatchList();
        while (input.ReadTag() != 0)
        {
            list._unknownFields = UnknownFieldSet.MergeFieldFrom(list._unknownFields, input);
        }

        list.FromCache = true;
        return list;
    }

    /// <summary>
    /// This list with every field decoded: a <see cref="Verbatim"/> list keeps its fields encoded, which
    /// only a protobuf reply writes back; a reply in another format (REST's JSON) needs them decoded.
    /// </summary>
    public MatchList Decoded()
    {
        if (_unknownFields is null)
        {
            return this;
        }

        var decoded = Parser.ParseFrom(this.ToByteArray());
        decoded._unknownFields = null;
        return decoded;
    }
}
