using System.Buffers.Binary;
using System.Text;

namespace Matchmaker.Caching;

/// <summary>
/// A cached list as stored: when it was computed (change-log sequence), what it depends on, when
/// it stops holding, which model ranked it, and the payload the server returns (the serialized
/// MatchList). A small versioned binary format, read without copying the payload: a hit must cost
/// little more than the Redis GET. The pairs' feature vectors are not kept: they were logged for
/// training when the list was computed, and a cached list is that same list.
/// </summary>
public sealed record CachedMatchList(
    long ComputedAt,
    DateTimeOffset? ExpiresAt,
    uint[] Buckets,
    string ModelVersion,
    ReadOnlyMemory<byte> Payload)
{
    private const byte FormatVersion = 3; // 3: int32-length model string (2 used BinaryWriter strings)

    // version, computed-at, expires-at, bucket count
    private const int HeaderBytes = 1 + 8 + 8 + 4;

    public byte[] Serialize()
    {
        var model = Encoding.UTF8.GetBytes(ModelVersion);
        var bytes = new byte[HeaderBytes + (Buckets.Length * 4) + 4 + model.Length + 4 + Payload.Length];
        var span = bytes.AsSpan();
        span[0] = FormatVersion;
        BinaryPrimitives.WriteInt64LittleEndian(span[1..], ComputedAt);
        BinaryPrimitives.WriteInt64LittleEndian(span[9..], ExpiresAt?.ToUnixTimeMilliseconds() ?? long.MaxValue);
        BinaryPrimitives.WriteInt32LittleEndian(span[17..], Buckets.Length);
        var at = HeaderBytes;
        foreach (var bucket in Buckets)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(span[at..], bucket);
            at += 4;
        }

        at = WriteBlock(span, at, model);
        WriteBlock(span, at, Payload.Span);
        return bytes;
    }

    /// <returns>The list, or null when the bytes are not one (another format version, truncated). The payload is a slice of <paramref name="bytes"/>.</returns>
    public static CachedMatchList? Deserialize(byte[] bytes)
    {
        var span = bytes.AsSpan();
        if (span.Length < HeaderBytes || span[0] != FormatVersion)
        {
            return null;
        }

        var computedAt = BinaryPrimitives.ReadInt64LittleEndian(span[1..]);
        var expires = BinaryPrimitives.ReadInt64LittleEndian(span[9..]);
        var count = BinaryPrimitives.ReadInt32LittleEndian(span[17..]);
        if (count < 0 || count > (span.Length - HeaderBytes) / 4)
        {
            return null;
        }

        var buckets = new uint[count];
        var at = HeaderBytes;
        for (var i = 0; i < count; i++, at += 4)
        {
            buckets[i] = BinaryPrimitives.ReadUInt32LittleEndian(span[at..]);
        }

        if (!TryReadBlock(bytes, ref at, out var model) || !TryReadBlock(bytes, ref at, out var payload) || at != bytes.Length)
        {
            return null;
        }

        return new CachedMatchList(computedAt, expires == long.MaxValue ? null : DateTimeOffset.FromUnixTimeMilliseconds(expires),
            buckets, Encoding.UTF8.GetString(model.Span), payload);
    }

    private static int WriteBlock(Span<byte> span, int at, ReadOnlySpan<byte> block)
    {
        BinaryPrimitives.WriteInt32LittleEndian(span[at..], block.Length);
        block.CopyTo(span[(at + 4)..]);
        return at + 4 + block.Length;
    }

    private static bool TryReadBlock(byte[] bytes, ref int at, out ReadOnlyMemory<byte> block)
    {
        block = default;
        if (bytes.Length - at < 4)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at));
        if (length < 0 || length > bytes.Length - at - 4)
        {
            return false;
        }

        block = bytes.AsMemory(at + 4, length);
        at += 4 + length;
        return true;
    }
}
