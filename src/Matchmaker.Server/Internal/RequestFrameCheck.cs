using System.Buffers.Binary;
using System.Collections.Concurrent;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Matchmaker.Server.Security;

namespace Matchmaker.Server.Internal;

/// <summary>
/// A unary or server-streaming request whose message is not valid protobuf would fail inside
/// grpc-dotnet's deserialization, before any interceptor, and reach the client as UNKNOWN
/// ("Exception was thrown by handler"). This middleware reads such a request's one message first
/// and, when the method's own marshaller cannot parse it, answers INVALID_ARGUMENT naming the
/// message type. Every message up to the service's limit is checked (a model upload of tens of MB is
/// parsed twice: rare, and cheaper than an UNKNOWN); a larger one is left to gRPC's own limit.
/// </summary>
internal sealed class RequestFrameCheck(RequestDelegate next)
{
    public const int MaxChecked = ServerExtensions.MaxMessageBytes;

    private static readonly ConcurrentDictionary<IMethod, Func<byte[], Exception?>?> Parsers = new();

    public async Task InvokeAsync(HttpContext context)
    {
        var method = context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method;
        if (method is null || method.Type is not (MethodType.Unary or MethodType.ServerStreaming) || !GrpcStatusWriter.IsGrpc(context)
            || context.Request.ContentLength is > MaxChecked + 5)
        {
            await next(context);
            return;
        }

        // Read the frame's header (and a small message), then hand gRPC a body that replays what was read.
        var body = context.Request.Body;
        var header = new byte[5];
        var read = await body.ReadAtLeastAsync(header, 5, throwOnEndOfStream: false, context.RequestAborted);
        var length = read == 5 ? BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(1)) : 0;
        byte[] payload = [];
        var got = 0;
        if (read == 5 && header[0] == 0 && length <= MaxChecked && Parsers.GetOrAdd(method, Parser) is { } parse)
        {
            payload = new byte[length];
            got = await body.ReadAtLeastAsync(payload, (int)length, throwOnEndOfStream: false, context.RequestAborted);
            if (got == length && parse(payload) is { } error)
            {
                var type = method.GetType().GetGenericArguments().FirstOrDefault()?.Name ?? "request";
                await GrpcStatusWriter.WriteAsync(context, StatusCode.InvalidArgument,
                    ErrorInterceptor.Cap($"the request is not a valid {method.ServiceName.Split('.')[0]}.{type} message: {error.Message}", 300));
                return;
            }
        }

        context.Request.Body = new Replayed(header, read, payload, got, body);
        await next(context);
    }

    // The method's request marshaller (Method<TRequest, TResponse>.RequestMarshaller): the parser gRPC itself will use.
    // Its Func<DeserializationContext, TRequest> is a Func<DeserializationContext, object> (messages are classes), so it
    // is called directly, without reflection per request.
    private static Func<byte[], Exception?>? Parser(IMethod method)
    {
        if (method.GetType().GetProperty("RequestMarshaller")?.GetValue(method) is not { } marshaller
            || marshaller.GetType().GetProperty("ContextualDeserializer")?.GetValue(marshaller) is not Func<DeserializationContext, object> deserialize)
        {
            return null;
        }

        return bytes =>
        {
            try
            {
                deserialize(new Payload(bytes));
                return null;
            }
            catch (Exception e) when (e is Google.Protobuf.InvalidProtocolBufferException or InvalidOperationException)
            {
                return e;
            }
        };
    }

    private sealed class Payload(byte[] bytes) : DeserializationContext
    {
        public override int PayloadLength => bytes.Length;

        public override byte[] PayloadAsNewBuffer() => (byte[])bytes.Clone();

        public override System.Buffers.ReadOnlySequence<byte> PayloadAsReadOnlySequence() => new(bytes);
    }

    /// <summary>The bytes already read (the frame's header, then its message), then the rest of the original body.</summary>
    private sealed class Replayed(byte[] header, int headerLength, byte[] payload, int payloadLength, Stream rest) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer) => Buffered(buffer) is var n and > 0 ? n : rest.Read(buffer);

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Buffered(buffer.Span) is var n and > 0 ? n : await rest.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        // Copies what is left of the header and the message; 0 once both are handed over.
        private int Buffered(Span<byte> buffer)
        {
            if (buffer.Length == 0)
            {
                return 0;
            }

            if (_position < headerLength)
            {
                var n = Math.Min(buffer.Length, headerLength - _position);
                header.AsSpan(_position, n).CopyTo(buffer);
                _position += n;
                return n;
            }

            var at = _position - headerLength;
            if (at < payloadLength)
            {
                var n = Math.Min(buffer.Length, payloadLength - at);
                payload.AsSpan(at, n).CopyTo(buffer);
                _position += n;
                return n;
            }

            return 0;
        }
    }
}
