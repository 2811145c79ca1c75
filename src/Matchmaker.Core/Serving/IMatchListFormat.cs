using Matchmaker.Matching;

namespace Matchmaker.Serving;

/// <summary>
/// How a transport shapes a match list: the reply built from a computed result, its bytes for the
/// cache, and a reply built from cached bytes. The gRPC contract's implementation forwards cached
/// bytes without decoding them, so a cache hit costs little more than the cache read.
/// </summary>
public interface IMatchListFormat<TList>
    where TList : class
{
    TList ForInquiry(string inquiryId, MatchResult result);

    TList ForExporter(string exporterId, MatchResult result);

    byte[] Serialize(TList list);

    /// <summary>The reply for a cached list, marked as from the cache; null when the bytes are damaged.</summary>
    TList? FromCache(ReadOnlyMemory<byte> payload);
}
