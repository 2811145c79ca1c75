using Grpc.Core;
using Matchmaker.Mapping;
using Matchmaker.Reports;
using Matchmaker.Security;
using Matchmaker.V1;
using Microsoft.AspNetCore.Authorization;

namespace Matchmaker.Server.Services;

/// <summary>ReportService: staff reports; errors become status codes in <see cref="Internal.ErrorInterceptor"/>.</summary>
internal sealed class ReportGrpcService(DemandGaps gaps) : ReportService.ReportServiceBase
{
    [Authorize(Roles = Roles.EventStaff)]
    public override Task<V1.DemandGapReport> GetDemandGaps(GetDemandGapsRequest request, ServerCallContext context) =>
        Task.Run(() => gaps.For(request.ToDomain(), context.CancellationToken).ToProto(), context.CancellationToken);
}
