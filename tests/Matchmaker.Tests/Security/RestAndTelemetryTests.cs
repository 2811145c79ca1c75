using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Matchmaker.Security;
using Matchmaker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Matchmaker.Tests.Security;

/// <summary>The portal's REST/JSON mapping (JSON transcoding), its OpenAPI document, and the Prometheus metrics.</summary>
/// <remarks>
/// OpenTelemetry subscribes to every meter named "Matchmaker" in the process, whichever host made it, so the
/// counts scraped here would include lists computed by tests running beside it: this class runs alone.
/// </remarks>
[Collection(ProcessWideListeners.Name)]
public sealed class RestAndTelemetryTests : IDisposable
{
    private readonly InProcessService _service = new();
    private readonly HttpClient _http;
    private readonly string _portal;
    private readonly string _scientist;

    public RestAndTelemetryTests()
    {
        var keys = _service.Services.GetRequiredService<ApiKeyStore>();
        _portal = keys.Create("portal", "portal", DateTimeOffset.UtcNow).Secret;
        _scientist = keys.Create("lab", "data-scientist", DateTimeOffset.UtcNow).Secret;
        _http = _service.HttpClient();
    }

    [Fact]
    public async Task ThePortalUpsertsReadsAndMatchesOverRestWithTheSameRulesAndErrors()
    {
        var exporter = """
            {"name":"Amur Fish","country":"RU","region":"RU-KHA","products":[{"hsCode":"030367","name":"frozen pollock"}],
             "active":true,"contact":{"name":"Irina","email":"irina@example.ru"}}
            """;
        using var put = await Send(HttpMethod.Put, "/v1/exporters/EXP-1", _portal, exporter);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var stored = await put.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, stored.GetProperty("exporter").GetProperty("version").GetInt64());

        using var get = await Send(HttpMethod.Get, "/v1/exporters/EXP-1", _portal);
        var read = await get.Content.ReadAsStringAsync();
        Assert.Contains("Amur Fish", read, StringComparison.Ordinal);
        Assert.DoesNotContain("irina", read, StringComparison.OrdinalIgnoreCase);

        using var match = await Send(HttpMethod.Post, "/v1/inquiries:match", _portal,
            """{"inquiry":{"buyerCountry":"KR","hsCodes":["030367"],"title":"pollock"},"topK":5}""");
        var list = await match.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("EXP-1", list.GetProperty("matches")[0].GetProperty("exporterId").GetString());

        // A stored inquiry's lists, each asked twice: the second comes from the cache, with the same matches.
        using var inquiry = await Send(HttpMethod.Put, "/v1/inquiries/INQ-1", _portal, """{"buyerCountry":"KR","hsCodes":["030367"],"title":"pollock"}""");
        Assert.Equal(HttpStatusCode.OK, inquiry.StatusCode);
        foreach (var (path, field, other) in new[] { ("/v1/inquiries/INQ-1/matches?topK=5", "exporterId", "EXP-1"), ("/v1/exporters/EXP-1/matches?topK=5", "inquiryId", "INQ-1") })
        {
            using var first = await Send(HttpMethod.Get, path, _portal);
            using var again = await Send(HttpMethod.Get, path, _portal);
            var computed = await first.Content.ReadFromJsonAsync<JsonElement>();
            var cached = await again.Content.ReadFromJsonAsync<JsonElement>();
            Assert.False(computed.TryGetProperty("fromCache", out var fresh) && fresh.GetBoolean(), path);
            Assert.True(cached.GetProperty("fromCache").GetBoolean(), path);
            Assert.Equal(other, cached.GetProperty("matches")[0].GetProperty(field).GetString());
            Assert.Equal(computed.GetProperty("matches").GetRawText(), cached.GetProperty("matches").GetRawText());
        }

        using var missing = await Send(HttpMethod.Get, "/v1/exporters/NOPE", _portal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(5, (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetInt32());

        using var invalid = await Send(HttpMethod.Put, "/v1/exporters/EXP-2", _portal, """{"name":"x","country":"ZZZ"}""");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var error = await invalid.Content.ReadAsStringAsync();
        Assert.Contains("'ZZZ' is not an ISO 3166-1 alpha-2 country code", error, StringComparison.Ordinal);
        Assert.Contains("google.rpc.BadRequest", error, StringComparison.Ordinal);

        // A mistyped field is refused, not dropped (JSON transcoding alone would store the profile without it).
        using var typo = await Send(HttpMethod.Put, "/v1/exporters/EXP-3", _portal, """{"name":"x","country":"RU","actve":true}""");
        Assert.Equal(HttpStatusCode.BadRequest, typo.StatusCode);
        var typoError = await typo.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, typoError.GetProperty("code").GetInt32());
        Assert.StartsWith("Unknown field: actve", typoError.GetProperty("message").GetString(), StringComparison.Ordinal);
        using var notStored = await Send(HttpMethod.Get, "/v1/exporters/EXP-3", _portal);
        Assert.Equal(HttpStatusCode.NotFound, notStored.StatusCode);
        using var nested = await Send(HttpMethod.Post, "/v1/inquiries:match", _portal, """{"inquiry":{"hsCodes":["030367"],"buyerCountry":"KR","titel":"x"}}""");
        Assert.Equal(HttpStatusCode.BadRequest, nested.StatusCode);
        Assert.Contains("Unknown field: titel", await nested.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Query parameters: a mistyped one is refused (transcoding would ignore it and list 10), a bad number is named.
        using var misspelt = await Send(HttpMethod.Get, "/v1/inquiries/INQ-1/matches?tpoK=5", _portal);
        Assert.Equal(HttpStatusCode.BadRequest, misspelt.StatusCode);
        Assert.Contains("unknown query parameter 'tpoK'", await misspelt.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var notANumber = await Send(HttpMethod.Get, "/v1/inquiries/INQ-1/matches?topK=abc&filters.countries=RU", _portal);
        Assert.Equal(HttpStatusCode.BadRequest, notANumber.StatusCode);
        Assert.Contains("query parameter 'topK': 'abc' is not a whole number", await notANumber.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var anonymous = await Send(HttpMethod.Get, "/v1/exporters/EXP-1", key: null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var wrongRole = await Send(HttpMethod.Post, "/v1/feedback", _scientist, """{"inquiryId":"INQ-1","exporterId":"EXP-1","kind":"FEEDBACK_KIND_VIEW"}""");
        Assert.Equal(HttpStatusCode.Forbidden, wrongRole.StatusCode);
        Assert.Contains("role data-scientist may not call", await wrongRole.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheOpenApiDocumentListsThePortalsPaths()
    {
        var document = await _http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/v1/exporters/{id}", paths);
        Assert.Contains("/v1/inquiries/{inquiryId}/matches", paths);
        Assert.Contains("/v1/feedback", paths);
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("x-api-key", schemes.GetProperty("ApiKey").GetProperty("name").GetString());
        Assert.Equal("bearer", schemes.GetProperty("Bearer").GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task MetricsShowCandidatesScoringTimeIndexLagAndRequestDurationPerRoute()
    {
        using var put = await Send(HttpMethod.Put, "/v1/exporters/EXP-1", _portal,
            """{"name":"Amur Fish","country":"RU","region":"RU-KHA","products":[{"hsCode":"030367","name":"pollock"}],"active":true}""");
        using var match = await Send(HttpMethod.Post, "/v1/inquiries:match", _portal, """{"inquiry":{"buyerCountry":"KR","hsCodes":["030367"]}}""");
        Assert.Equal(HttpStatusCode.OK, match.StatusCode);

        // The exporter reads what it collected when scraped; request durations are recorded when a response ends.
        string metrics = "";
        for (var attempt = 0; attempt < 50 && !metrics.Contains("/v1/inquiries:match", StringComparison.Ordinal); attempt++)
        {
            await Task.Delay(100);
            metrics = await _http.GetStringAsync("/metrics");
        }

        Assert.Contains("matchmaker_match_candidates_count{otel_scope_name=\"Matchmaker\",kind=\"inquiry\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("matchmaker_match_scoring_duration_seconds_count", metrics, StringComparison.Ordinal);
        Assert.Contains("matchmaker_index_lag{otel_scope_name=\"Matchmaker\"} 0", metrics, StringComparison.Ordinal);
        Assert.Contains("http_route=\"/v1/inquiries:match\"", metrics, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _http.Dispose();
        _service.Dispose();
    }

    private async Task<HttpResponseMessage> Send(HttpMethod method, string path, string? key, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.Add("x-api-key", key);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }

        return await _http.SendAsync(request);
    }
}
