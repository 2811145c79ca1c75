using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Matchmaker.Matching;
using Matchmaker.Profiles;

namespace Matchmaker.Caching;

/// <summary>
/// Cache keys carry everything a list depends on that is not tracked as a bucket: the record's id
/// and version (an inquiry edit is a new key), the model version (activation is a new key), the
/// statistics epoch, and the request (top_k, explain, filters). The feature schema hash is in the
/// prefix, so a release that changes features never reads an older release's lists, and so is
/// the store's id, so deployments sharing one Redis never read each other's lists.
/// </summary>
public sealed class MatchListKeys(string storeId)
{
    public string Prefix { get; } = $"mm:{storeId}:{Features.FeatureSchema.Hash}:";

    public string ForInquiry(string inquiryId, long version, ExporterFilter filter, MatchOptions options, string modelVersion, string epochId) =>
        Key("q", inquiryId, version, modelVersion, epochId, options,
            $"c={Join(filter.Countries)};r={Join(filter.Regions)};x={Join(filter.Certifications.Select(ProfileNormalizer.CertificationKey))};l={Join(filter.Languages)}");

    public string ForExporter(string exporterId, long version, InquiryFilter filter, MatchOptions options, string modelVersion, string epochId) =>
        Key("e", exporterId, version, modelVersion, epochId, options,
            $"c={Join(filter.BuyerCountries)};t={Join(filter.BuyerTypes.Select(t => ((int)t).ToString(CultureInfo.InvariantCulture)))}");

    private string Key(string kind, string id, long version, string model, string epoch, MatchOptions options, string filters)
    {
        // Filter values are free text: hash the request part when it is long, so keys stay short (and cheap to build when not).
        var request = FormattableString.Invariant($"{options.TopK}{(options.Explain ? "x" : "")}|{filters}");
        if (request.Length > 48)
        {
            request = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(request)))[..16];
        }
        else
        {
            request = Escape(request);
        }

        return FormattableString.Invariant($"{Prefix}{kind}:{Escape(id)}:{version}:{Escape(model)}:{epoch}:{request}");
    }

    private static string Join(IEnumerable<string> values) =>
        string.Join(',', values.Select(v => v.Trim().ToUpperInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    private static string Escape(string value) => value.Replace("%", "%25", StringComparison.Ordinal).Replace(":", "%3A", StringComparison.Ordinal);
}
