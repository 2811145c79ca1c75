using System.Text;
using Matchmaker.Features;
using Matchmaker.Training;

namespace Matchmaker.Caching;

/// <summary>
/// A cached list as stored: when it was computed (change-log sequence), what it depends on, when
/// it stops holding, the pairs with their features (a list served from the cache is logged for
/// training like any other), and the payload the server returns (the serialized MatchList).
/// A small versioned binary format: a hit must cost little more than the Redis GET itself.
/// </summary>
public sealed record CachedMatchList(
    long ComputedAt,
    DateTimeOffset? ExpiresAt,
    uint[] Buckets,
    string ModelVersion,
    IReadOnlyList<ServedPair> Served,
    byte[] Payload)
{
    private const byte FormatVersion = 1;

    public byte[] Serialize()
    {
        using var buffer = new MemoryStream(Payload.Length + (Buckets.Length * 4) + (Served.Count * 120) + 64);
        using (var w = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(FormatVersion);
            w.Write(ComputedAt);
            w.Write(ExpiresAt?.ToUnixTimeMilliseconds() ?? long.MaxValue);
            w.Write(Buckets.Length);
            foreach (var b in Buckets)
            {
                w.Write(b);
            }

            w.Write(ModelVersion);
            w.Write(Served.Count);
            foreach (var p in Served)
            {
                w.Write(p.InquiryId);
                w.Write(p.InquiryVersion);
                w.Write(p.ExporterId);
                w.Write(p.ExporterVersion);
                w.Write(p.Position);
                w.Write(p.Score);
                foreach (var f in p.Features)
                {
                    w.Write(f);
                }
            }

            w.Write(Payload.Length);
            w.Write(Payload);
        }

        return buffer.ToArray();
    }

    /// <returns>The list, or null when the bytes are not one (another format version, truncated).</returns>
    public static CachedMatchList? Deserialize(byte[] bytes)
    {
        try
        {
            using var r = new BinaryReader(new MemoryStream(bytes, writable: false), Encoding.UTF8);
            if (r.ReadByte() != FormatVersion)
            {
                return null;
            }

            var computedAt = r.ReadInt64();
            var expires = r.ReadInt64();
            var buckets = new uint[r.ReadInt32()];
            for (var i = 0; i < buckets.Length; i++)
            {
                buckets[i] = r.ReadUInt32();
            }

            var model = r.ReadString();
            var served = new ServedPair[r.ReadInt32()];
            for (var i = 0; i < served.Length; i++)
            {
                var (inquiry, inquiryVersion, exporter, exporterVersion) = (r.ReadString(), r.ReadInt64(), r.ReadString(), r.ReadInt64());
                var (position, score) = (r.ReadInt32(), r.ReadDouble());
                var features = new float[FeatureSchema.Count];
                for (var f = 0; f < features.Length; f++)
                {
                    features[f] = r.ReadSingle();
                }

                served[i] = new ServedPair(inquiry, inquiryVersion, exporter, exporterVersion, position, score, features);
            }

            var payload = r.ReadBytes(r.ReadInt32());
            return new CachedMatchList(computedAt, expires == long.MaxValue ? null : DateTimeOffset.FromUnixTimeMilliseconds(expires),
                buckets, model, served, payload);
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or ArgumentException or FormatException)
        {
            return null;
        }
    }
}
