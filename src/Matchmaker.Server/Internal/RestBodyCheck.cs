using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;

namespace Matchmaker.Server.Internal;

/// <summary>
/// REST/JSON bodies with a field the message does not have are refused, as the CLI and gRPC's own JSON parser refuse
/// them: JSON transcoding drops unknown fields silently, so a typo (<c>"actve": false</c>) would store a profile without
/// the field meant and answer 200. The body is parsed once more, strictly, against the message the route's body maps
/// to; only an unknown field is answered here (400, the transcoding's error shape), anything else is left to the
/// transcoding and the service.
/// </summary>
internal sealed class RestBodyCheck(RequestDelegate next)
{
    private static readonly JsonParser Strict = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(false));

    public async Task InvokeAsync(HttpContext context)
    {
        var metadata = context.GetEndpoint()?.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>();
        var body = metadata?.HttpRule.Body;
        if (metadata is null || string.IsNullOrEmpty(body) || context.Request.ContentLength is 0 or > RequestFrameCheck.MaxChecked)
        {
            await next(context);
            return;
        }

        var input = metadata.MethodDescriptor.InputType;
        var message = body == "*" ? input : input.Fields.InDeclarationOrder().FirstOrDefault(f => f.Name == body)?.MessageType;
        if (message is null)
        {
            await next(context);
            return;
        }

        context.Request.EnableBuffering();
        string text;
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true))
        {
            text = await reader.ReadToEndAsync(context.RequestAborted);
        }

        context.Request.Body.Position = 0;
        if (text.Trim().Length > 0 && Unknown(text, message) is { } refusal)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(JsonSerializer.Serialize(new { code = 3, message = refusal, details = Array.Empty<object>() }), context.RequestAborted);
            return;
        }

        await next(context);
    }

    /// <summary>What protobuf's strict parser says of an unknown field in the body ("Unknown field: actve"); null for anything else.</summary>
    private static string? Unknown(string text, Google.Protobuf.Reflection.MessageDescriptor message)
    {
        try
        {
            Strict.Parse(text, message);
            return null;
        }
        catch (InvalidProtocolBufferException e) when (e.Message.StartsWith("Unknown field", StringComparison.Ordinal))
        {
            return $"{e.Message} (the body takes the fields of the OpenAPI document /openapi/v1.json, in proto3 JSON names such as exportMarkets or export_markets)";
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidJsonException or FormatException)
        {
            return null;
        }
    }
}
