using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;

namespace Matchmaker.Server.Internal;

/// <summary>
/// REST/JSON query parameters the request does not have, or numbers that are not numbers, are refused naming the
/// parameter; bodies with a field the message does not have are refused, as the CLI and gRPC's own JSON parser refuse
/// them: JSON transcoding drops unknown fields silently, so a typo (<c>"actve": false</c>) would store a profile without
/// the field meant and answer 200. The body is parsed once more, strictly, against the message the route's body maps
/// to; only an unknown field is answered here (400, the transcoding's error shape), anything else is left to the
/// transcoding and the service.
/// </summary>
internal sealed class RestRequestCheck(RequestDelegate next)
{
    private static readonly JsonParser Strict = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(false));

    // Quotes as quotes: the message is read by people (the body is JSON either way).
    private static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task InvokeAsync(HttpContext context)
    {
        var metadata = context.GetEndpoint()?.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>();
        if (metadata is not null && QueryProblem(context.Request.Query, metadata.MethodDescriptor.InputType) is { } problem)
        {
            await RefuseAsync(context, problem);
            return;
        }

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
            await RefuseAsync(context, refusal);
            return;
        }

        await next(context);
    }

    private static Task RefuseAsync(HttpContext context, string message)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new { code = 3, message, details = Array.Empty<object>() }, Readable), context.RequestAborted);
    }

    /// <summary>
    /// A query parameter the request message does not have (transcoding ignores it: "?tpoK=5" would list 10), or a
    /// number that is not one (transcoding's words name no parameter); null when every parameter reads.
    /// </summary>
    private static string? QueryProblem(IQueryCollection query, Google.Protobuf.Reflection.MessageDescriptor input)
    {
        foreach (var (key, values) in query)
        {
            var message = input;
            Google.Protobuf.Reflection.FieldDescriptor? field = null;
            foreach (var part in key.Split('.'))
            {
                field = message?.Fields.InDeclarationOrder().FirstOrDefault(f => f.JsonName == part || f.Name == part);
                message = field?.FieldType == Google.Protobuf.Reflection.FieldType.Message ? field.MessageType : null;
                if (field is null)
                {
                    break;
                }
            }

            if (field is null)
            {
                return $"unknown query parameter '{key}' (the OpenAPI document /openapi/v1.json lists each path's parameters)";
            }

            foreach (var value in values)
            {
                var reads = field.FieldType switch
                {
                    Google.Protobuf.Reflection.FieldType.Int32 or Google.Protobuf.Reflection.FieldType.SInt32 or Google.Protobuf.Reflection.FieldType.SFixed32
                        => int.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _),
                    Google.Protobuf.Reflection.FieldType.Int64 or Google.Protobuf.Reflection.FieldType.SInt64 or Google.Protobuf.Reflection.FieldType.SFixed64
                        => long.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _),
                    Google.Protobuf.Reflection.FieldType.UInt32 or Google.Protobuf.Reflection.FieldType.Fixed32
                        => uint.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _),
                    Google.Protobuf.Reflection.FieldType.UInt64 or Google.Protobuf.Reflection.FieldType.Fixed64
                        => ulong.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _),
                    Google.Protobuf.Reflection.FieldType.Double or Google.Protobuf.Reflection.FieldType.Float
                        => double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _),
                    Google.Protobuf.Reflection.FieldType.Bool => value is "true" or "false",
                    _ => true,
                };
                if (!reads)
                {
                    var shape = field.FieldType == Google.Protobuf.Reflection.FieldType.Bool ? "true or false"
                        : field.FieldType is Google.Protobuf.Reflection.FieldType.Double or Google.Protobuf.Reflection.FieldType.Float ? "a number" : "a whole number";
                    return $"query parameter '{key}': '{(value is { Length: > 40 } v ? v[..40] + "…" : value)}' is not {shape}";
                }
            }
        }

        return null;
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
            return $"{e.Message} (the body takes the fields of the OpenAPI document /openapi/v1.json, in proto3 JSON names such as exportMarketsCount or export_markets_count)";
        }
        catch (Exception e) when (Mapping.ProtoJson.NotTheMessage(e))
        {
            return null;
        }
    }
}
