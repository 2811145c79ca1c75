using Google.Protobuf;
using Matchmaker.Matching;
using Matchmaker.Serving;

namespace Matchmaker.Mapping;

/// <summary>
/// The gRPC contract's match list for the read-through match path: computed lists are mapped and
/// serialized for the cache; cached ones are forwarded verbatim (<see cref="V1.MatchList.Verbatim"/>).
/// </summary>
public sealed class MatchListFormat : IMatchListFormat<V1.MatchList>
{
    public V1.MatchList ForInquiry(string inquiryId, MatchResult result) => result.ToInquiryList(inquiryId);

    public V1.MatchList ForExporter(string exporterId, MatchResult result) => result.ToExporterList(exporterId);

    public byte[] Serialize(V1.MatchList list) => list.ToByteArray();

    public V1.MatchList? FromCache(ReadOnlyMemory<byte> payload)
    {
        try
        {
            return V1.MatchList.Verbatim(payload);
        }
        catch (InvalidProtocolBufferException)
        {
            return null; // bytes damaged in the store: the list is computed instead
        }
    }
}
