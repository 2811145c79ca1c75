using Grpc.Core;
using Matchmaker.Feedback;
using Matchmaker.Mapping;
using Matchmaker.Matching;
using Matchmaker.Profiles;
using Matchmaker.Security;
using Matchmaker.Serving;
using Matchmaker.V1;
using Microsoft.AspNetCore.Authorization;
using V1Feedback = Matchmaker.V1.Feedback;

namespace Matchmaker.Server.Services;

/// <summary>MatchService: checks and maps the request, asks Core's match path or feedback recorder, maps the reply.</summary>
internal sealed class MatchGrpcService(MatchLists<MatchList> lists, FeedbackRecorder feedback, Imports imports, ILogger<MatchGrpcService> logger)
    : MatchService.MatchServiceBase
{
    [Authorize(Roles = Roles.Readers)]
    public override async Task<MatchList> MatchInquiry(MatchInquiryRequest request, ServerCallContext context)
    {
        var options = MatchRules.Options(request.TopK, request.Explain) with { Cancellation = context.CancellationToken };
        var filter = MatchRules.Check(request.Filters.ToDomain());
        return ForReply(context, request.TargetCase switch
        {
            MatchInquiryRequest.TargetOneofCase.InquiryId => await lists.ForInquiryAsync(request.InquiryId, filter, options, context.CancellationToken),
            MatchInquiryRequest.TargetOneofCase.Inquiry => await lists.PreviewInquiryAsync(request.Inquiry.ToDomain(), filter, options, context.CancellationToken),
            _ => throw ValidationException.Of("inquiry_id", "give an inquiry_id or an inline inquiry"),
        });
    }

    [Authorize(Roles = Roles.Readers)]
    public override async Task<MatchList> MatchExporter(MatchExporterRequest request, ServerCallContext context)
    {
        var options = MatchRules.Options(request.TopK, request.Explain) with { Cancellation = context.CancellationToken };
        var filter = MatchRules.Check(request.Filters.ToDomain());
        return ForReply(context, request.TargetCase switch
        {
            MatchExporterRequest.TargetOneofCase.ExporterId => await lists.ForExporterAsync(request.ExporterId, filter, options, context.CancellationToken),
            MatchExporterRequest.TargetOneofCase.Exporter => await lists.PreviewExporterAsync(request.Exporter.ToDomain(), filter, options, context.CancellationToken),
            _ => throw ValidationException.Of("exporter_id", "give an exporter_id or an inline exporter"),
        });
    }

    /// <summary>
    /// A cached list goes to gRPC callers as stored (<see cref="MatchList.Verbatim"/>); REST callers (JSON
    /// transcoding, which writes only decoded fields) get it decoded, or a cache hit would reach them empty.
    /// </summary>
    private static MatchList ForReply(ServerCallContext context, MatchList list) =>
        context.GetHttpContext().Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true ? list : list.Decoded();

    [Authorize(Roles = Roles.ProfileWriters)]
    public override Task<RecordFeedbackResponse> RecordFeedback(V1Feedback request, ServerCallContext context)
    {
        var (stored, label) = feedback.RecordOne(request.ToDomain());
        return Task.FromResult(new RecordFeedbackResponse { Sequence = stored.Sequence, Label = label });
    }

    [Authorize(Roles = Roles.ProfileWriters)]
    public override async Task<ImportSummary> RecordFeedbackStream(IAsyncStreamReader<V1Feedback> requestStream, ServerCallContext context)
    {
        using var import = imports.Feedback();
        return (await Internal.ImportLog.RunAsync(logger, "feedback", context, import, async () =>
        {
            await foreach (var f in requestStream.ReadAllAsync(context.CancellationToken))
            {
                await import.AddAsync($"{f.InquiryId}/{f.ExporterId}", f.ToDomain);
            }
        })).ToProto();
    }
}
