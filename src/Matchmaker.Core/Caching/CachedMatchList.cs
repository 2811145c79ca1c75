using System.Text;

namespace Matchmaker.Caching;

/// <summary>
/// A cached list as stored: when it was computed (change-log sequence), what it depends on, when
/// it stops holding, which model ranked it, and the payload the server returns (the serialized
/// MatchList). A small versioned binary format: a hit must cost little more than the Redis GET.
/// The pairs' feature vectors are not kept: they were logged for training when the list was
/// computed, and a cached list is that same list.
/// </summary>
public sealed record CachedMatchList(
    long ComputedAt,
    DateTimeOffset? ExpiresAt,
    uint[] Buckets,
    string ModelVersion,
    byte[] Payload)
{
    private const byte FormatVersion = 2;

    public byte[] Serialize()
    {
        using var buffer = new MemoryStream(Payload.Length + (Buckets.Length * 4) + 64);
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
            var payload = r.ReadBytes(r.ReadInt32());
            return new CachedMatchList(computedAt, expires == long.MaxValue ? null : DateTimeOffset.FromUnixTimeMilliseconds(expires),
                buckets, model, payload);
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or ArgumentException or FormatException)
        {
            return null;
        }
    }
}
