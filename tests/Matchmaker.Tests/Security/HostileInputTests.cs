using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Matchmaker.Tests.Support;
using Matchmaker.V1;

namespace Matchmaker.Tests.Security;

/// <summary>
/// Bad input a client can send: each gets the documented status with a short message naming the
/// field (never UNKNOWN, never a message that repeats a huge value), Lucene syntax is plain text,
/// and nothing invalid is stored.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly InProcessService _service = new();

    [Fact]
    public async Task AHugeBadValueIsQuotedShortly()
    {
        var exporter = Samples.Exporter("EXP-1");
        exporter.Products[0].HsCode = new string('9', 1_000_000);
        exporter.Country = "\u0001" + new string('X', 500_000);
        var e = await Refused(() => _service.Profiles.UpsertExporterAsync(new UpsertExporterRequest { Exporter = exporter }).ResponseAsync);
        Assert.True(e.Status.Detail.Length < 2_100, $"{e.Status.Detail.Length} characters");
        Assert.Contains("(1,000,000 characters)", e.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("\\u0001", e.Status.Detail, StringComparison.Ordinal);
        RpcAssert.Violation(e, "exporter.products[0].hs_code", "is not an HS code");
        await NothingStored("EXP-1");
    }

    [Theory]
    [InlineData(253_402_300_800L, 0)]      // 10000-01-01
    [InlineData(-62_135_596_801L, 0)]      // before year 1
    [InlineData(0L, -1)]
    [InlineData(0L, 1_000_000_000)]
    public async Task AnImpossibleTimestampIsInvalidArgumentNamingTheField(long seconds, int nanos)
    {
        var inquiry = Samples.Inquiry("INQ-1");
        inquiry.ValidUntil = new Timestamp { Seconds = seconds, Nanos = nanos };
        RpcAssert.Violation(await Refused(() => _service.Profiles.UpsertInquiryAsync(new UpsertInquiryRequest { Inquiry = inquiry }).ResponseAsync),
            "valid_until", "is not a valid time");

        var feedback = new V1.Feedback { InquiryId = "INQ-1", ExporterId = "EXP-1", Kind = FeedbackKind.View, OccurredAt = new Timestamp { Seconds = seconds, Nanos = nanos } };
        RpcAssert.Violation(await Refused(() => _service.Matches.RecordFeedbackAsync(feedback).ResponseAsync), "occurred_at", "is not a valid time");
    }

    [Fact]
    public async Task InAnImportOnlyTheRecordWithTheImpossibleTimestampFails()
    {
        using var call = _service.Profiles.ImportInquiries();
        var bad = Samples.Inquiry("INQ-BAD");
        bad.CreatedAt = new Timestamp { Seconds = long.MaxValue };
        await call.RequestStream.WriteAsync(Samples.Inquiry("INQ-1"));
        await call.RequestStream.WriteAsync(bad);
        await call.RequestStream.WriteAsync(Samples.Inquiry("INQ-2"));
        await call.RequestStream.CompleteAsync();
        var summary = await call.ResponseAsync;
        Assert.Equal((3L, 2L, 1L), (summary.Received, summary.Imported, summary.Failed));
        Assert.Equal(("INQ-BAD", "created_at"), (summary.Errors[0].Id, summary.Errors[0].Field));
    }

    [Fact]
    public async Task AnUnknownBuyerTypeInAFilterIsRefusedNotMatchedAgainst()
    {
        await _service.Profiles.UpsertExporterAsync(new UpsertExporterRequest { Exporter = Samples.Exporter("EXP-1") });
        var request = new MatchExporterRequest { ExporterId = "EXP-1", Filters = new InquiryFilters { BuyerTypes = { BuyerType.Importer, (BuyerType)42 } } };
        RpcAssert.Violation(await Refused(() => _service.Matches.MatchExporterAsync(request).ResponseAsync), "filters.buyer_types[1]", "42 is not a buyer type");
    }

    [Theory]
    [InlineData("*:*")]
    [InlineData("description:pollock")]
    [InlineData("\"unbalanced quote")]
    [InlineData("*ollock ?rozen")]
    [InlineData("pollock) AND (((")]
    [InlineData("\\ / ~ ^ [ { } ] && || ! -")]
    public async Task LuceneSyntaxInFreeTextIsPlainText(string text)
    {
        await _service.Profiles.UpsertExporterAsync(new UpsertExporterRequest { Exporter = Samples.Exporter("EXP-1", "030367") });
        var inquiry = Samples.Inquiry("", "030367");
        inquiry.Title = text;
        inquiry.Description = text;
        var list = await _service.Matches.MatchInquiryAsync(new MatchInquiryRequest { Inquiry = inquiry });
        Assert.Equal("EXP-1", Assert.Single(list.Matches).ExporterId);
    }

    [Fact]
    public async Task AMessageOverTheLimitIsResourceExhaustedAndOneUnderItIsJudgedOnItsFields()
    {
        var big = Samples.Exporter("EXP-1");
        big.Description = new string('a', 40 * 1024 * 1024);
        RpcAssert.Violation(await Refused(() => _service.Profiles.UpsertExporterAsync(new UpsertExporterRequest { Exporter = big }).ResponseAsync),
            "exporter.description", "characters long");

        big.Description = new string('a', 65 * 1024 * 1024);
        var e = await Refused(() => _service.Profiles.UpsertExporterAsync(new UpsertExporterRequest { Exporter = big }).ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
        await NothingStored("EXP-1");
    }

    [Theory]
    [InlineData("ProfileService", "GetExporter", new byte[] { 0xFF, 0xFF, 0xFF, 0xFF })]
    [InlineData("MatchService", "MatchInquiry", new byte[] { 0x12, 0x7F, 0x01 })]
    [InlineData("ModelService", "ExportTrainingData", new byte[] { 0x0A, 0x05, 0x61 })]
    public async Task Bytes_that_are_not_protobuf_are_invalid_argument_not_unknown(string service, string rpc, byte[] garbage)
    {
        var method = new Method<byte[], byte[]>(rpc == "ExportTrainingData" ? MethodType.ServerStreaming : MethodType.Unary, $"matchmaker.v1.{service}", rpc,
            Marshallers.Create<byte[]>(b => b, b => b), Marshallers.Create<byte[]>(b => b, b => b));
        var invoker = _service.Channel.CreateCallInvoker();
        var e = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            if (method.Type == MethodType.Unary)
            {
                await invoker.AsyncUnaryCall(method, null, new CallOptions(), garbage);
            }
            else
            {
                using var call = invoker.AsyncServerStreamingCall(method, null, new CallOptions(), garbage);
                await call.ResponseStream.MoveNext(CancellationToken.None);
            }
        });
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains("is not a valid matchmaker.", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_import_stream_over_its_item_limit_is_resource_exhausted_keeping_what_came_before()
    {
        using var limited = new InProcessService(("Matchmaker:Limits:ImportItems", "3"));
        using var call = limited.Profiles.ImportExporters();
        var e = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            for (var i = 0; i < 5; i++)
            {
                await call.RequestStream.WriteAsync(Samples.Exporter($"EXP-{i}"));
            }

            await call.RequestStream.CompleteAsync();
            await call.ResponseAsync;
        });
        Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
        Assert.Contains("at most 3 records (Matchmaker:Limits:ImportItems)", e.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("(change log at 3)", e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("EXP-2", (await limited.Profiles.GetExporterAsync(new GetExporterRequest { Id = "EXP-2" })).Id);
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() =>
            limited.Profiles.GetExporterAsync(new GetExporterRequest { Id = "EXP-3" }).ResponseAsync)).StatusCode);
    }

    [Fact]
    public async Task An_import_over_its_limit_that_stored_nothing_says_where_the_change_log_stands()
    {
        using var limited = new InProcessService(("Matchmaker:Limits:ImportItems", "3"));
        await limited.Profiles.UpsertExporterAsync(new UpsertExporterRequest { Exporter = Samples.Exporter("EXP-A") });
        using var call = limited.Profiles.ImportExporters();
        var e = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            for (var i = 0; i < 5; i++)
            {
                var refused = Samples.Exporter($"EXP-{i}");
                refused.Country = ""; // required: every record is refused
                await call.RequestStream.WriteAsync(refused);
            }

            await call.RequestStream.CompleteAsync();
            await call.ResponseAsync;
        });
        Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
        Assert.Contains("(change log at 1)", e.Status.Detail, StringComparison.Ordinal);
    }

    public void Dispose() => _service.Dispose();

    private static async Task<RpcException> Refused(Func<Task> call)
    {
        var e = await Assert.ThrowsAsync<RpcException>(call);
        Assert.NotEqual(StatusCode.Unknown, e.StatusCode);
        Assert.NotEqual(StatusCode.Unavailable, e.StatusCode);
        return e;
    }

    private async Task NothingStored(string id)
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => _service.Profiles.GetExporterAsync(new GetExporterRequest { Id = id }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, e.StatusCode);
    }
}
