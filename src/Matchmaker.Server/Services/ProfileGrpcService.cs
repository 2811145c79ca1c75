using Grpc.Core;
using Matchmaker.Mapping;
using Matchmaker.Profiles;
using Matchmaker.Security;
using Matchmaker.Server.Internal;
using Matchmaker.Server.Security;
using Matchmaker.Serving;
using Matchmaker.Store;
using Matchmaker.V1;
using Microsoft.AspNetCore.Authorization;

namespace Matchmaker.Server.Services;

/// <summary>ProfileService: maps proto to domain and calls the catalog; errors become status codes in <see cref="Internal.ErrorInterceptor"/>.</summary>
internal sealed class ProfileGrpcService(ProfileCatalog catalog, Imports imports, ILogger<ProfileGrpcService> logger) : ProfileService.ProfileServiceBase
{
    [Authorize(Roles = Roles.ProfileWriters)]
    public override Task<UpsertExporterResponse> UpsertExporter(UpsertExporterRequest request, ServerCallContext context)
    {
        var exporter = request.Exporter ?? throw ValidationException.Required("exporter");
        var write = catalog.UpsertExporter(exporter.ToDomain(), request.HasExpectedVersion ? request.ExpectedVersion : null, "exporter.");
        return Task.FromResult(new UpsertExporterResponse { Exporter = ContactData.ForCaller(write.Record.ToProto(), context), Sequence = write.Sequence, Unchanged = write.Unchanged });
    }

    [Authorize(Roles = Roles.Readers)]
    public override Task<ExporterProfile> GetExporter(GetExporterRequest request, ServerCallContext context) =>
        Task.FromResult(ContactData.ForCaller(
            (catalog.GetExporter(Requests.Id(request.Id, "id")) ?? throw new RecordNotFoundException("exporter", request.Id)).ToProto(), context));

    [Authorize(Roles = Roles.ProfileWriters)]
    public override Task<DeleteResponse> DeleteExporter(DeleteExporterRequest request, ServerCallContext context)
    {
        var write = catalog.DeleteExporter(Requests.Id(request.Id, "id"), request.HasExpectedVersion ? request.ExpectedVersion : null);
        return Task.FromResult(new DeleteResponse { Id = write.Id, Version = write.Version, Sequence = write.Sequence });
    }

    [Authorize(Roles = Roles.ProfileWriters)]
    public override Task<UpsertInquiryResponse> UpsertInquiry(UpsertInquiryRequest request, ServerCallContext context)
    {
        var inquiry = request.Inquiry ?? throw ValidationException.Required("inquiry");
        var write = catalog.UpsertInquiry(inquiry.ToDomain(), request.HasExpectedVersion ? request.ExpectedVersion : null, "inquiry.");
        return Task.FromResult(new UpsertInquiryResponse { Inquiry = write.Record.ToProto(), Sequence = write.Sequence, Unchanged = write.Unchanged });
    }

    [Authorize(Roles = Roles.Readers)]
    public override Task<BuyerInquiry> GetInquiry(GetInquiryRequest request, ServerCallContext context) =>
        Task.FromResult((catalog.GetInquiry(Requests.Id(request.Id, "id")) ?? throw new RecordNotFoundException("inquiry", request.Id)).ToProto());

    [Authorize(Roles = Roles.ProfileWriters)]
    public override Task<UpsertInquiryResponse> CloseInquiry(CloseInquiryRequest request, ServerCallContext context)
    {
        var write = catalog.CloseInquiry(Requests.Id(request.Id, "id"), request.HasExpectedVersion ? request.ExpectedVersion : null);
        return Task.FromResult(new UpsertInquiryResponse { Inquiry = write.Record.ToProto(), Sequence = write.Sequence, Unchanged = write.Unchanged });
    }

    [Authorize(Roles = Roles.ProfileWriters)]
    public override async Task<ImportSummary> ImportExporters(IAsyncStreamReader<ExporterProfile> requestStream, ServerCallContext context)
    {
        using var import = imports.Exporters();
        return (await Internal.ImportLog.RunAsync(logger, "exporters", context, import, async () =>
        {
            await foreach (var p in requestStream.ReadAllAsync(context.CancellationToken))
            {
                await import.AddAsync(p.Id, p.ToDomain);
            }
        })).ToProto();
    }

    [Authorize(Roles = Roles.ProfileWriters)]
    public override async Task<ImportSummary> ImportInquiries(IAsyncStreamReader<BuyerInquiry> requestStream, ServerCallContext context)
    {
        using var import = imports.Inquiries();
        return (await Internal.ImportLog.RunAsync(logger, "inquiries", context, import, async () =>
        {
            await foreach (var p in requestStream.ReadAllAsync(context.CancellationToken))
            {
                await import.AddAsync(p.Id, p.ToDomain);
            }
        })).ToProto();
    }
}
