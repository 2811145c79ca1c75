using Matchmaker.Features;
using Matchmaker.Mapping;
using Matchmaker.Matching;
using Matchmaker.Ranking;
using Matchmaker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Matchmaker.Tests.Matching;

/// <summary>Reasons in words that agree with their sign and value, whatever contributions a model gives.</summary>
public sealed class ReasonTests : IDisposable
{
    private readonly InProcessService _service = new();

    [Fact]
    public void Words_agree_with_the_sign_and_zero_rows_are_left_out()
    {
        var inquiry = Samples.Inquiry("Q", "030367").ToDomain() with { RequiredCertifications = ["pefc"], Title = "timber" };
        var exporter = Samples.Exporter("E", "030367").ToDomain() with { Certifications = ["PEFC"], ExportMarketsCount = 5, Description = "fish" };
        var features = _service.Services.GetRequiredService<StatisticsEpochs>().Current.Features();
        var row = new float[FeatureSchema.Count];
        features.Extract(inquiry, exporter, textRelevance: 0, row);
        var reference = (float[])row.Clone();
        reference[FeatureSchema.ExportMarkets] = row[FeatureSchema.ExportMarkets] + 0.2f;

        // A model that raises the score for no text match, lowers it for 5 export markets (fewer than the others'),
        // and gives the HS match a contribution too small to show.
        var contributions = new double[FeatureSchema.Count];
        contributions[FeatureSchema.TextRelevance] = 1.667;
        contributions[FeatureSchema.CertificationCoverage] = 0.4;
        contributions[FeatureSchema.ExportMarkets] = -0.528;
        contributions[FeatureSchema.HsMatch] = 0.0001;
        var text = new FeatureText(features);
        var ranker = new Fixed();

        var brief = Matcher.Reasons(ranker, text, inquiry, exporter, row, reference, contributions, explain: false);
        var full = Matcher.Reasons(ranker, text, inquiry, exporter, row, reference, contributions, explain: true);

        // The short list: only what speaks for the match, in words that say so; the code as the trade writes it.
        var only = Assert.Single(brief);
        Assert.Equal("certification_coverage", only.Feature);
        Assert.Equal("holds PEFC (1 of 1 required)", only.Text);

        Assert.Equal(["text_relevance", "certification_coverage", "export_markets"], full.Select(r => r.Feature));
        Assert.Contains("the model counts this for it", full[0].Text, StringComparison.Ordinal);
        Assert.Equal("already exports to 5 markets, less than the other candidates here", full[2].Text);

        // Above the others' and still counted against it: the model's pattern, said so.
        reference[FeatureSchema.ExportMarkets] = 0;
        full = Matcher.Reasons(ranker, text, inquiry, exporter, row, reference, contributions, explain: true);
        Assert.Contains("the model counts this against it", full[2].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Languages_are_named_and_one_year_is_a_year()
    {
        var inquiry = Samples.Inquiry("Q", "030367").ToDomain() with { Languages = ["en", "zh", "xx"] };
        var exporter = Samples.Exporter("E", "030367").ToDomain() with { Languages = ["ru", "en", "zh"], ExportExperienceYears = 1 };
        var text = new FeatureText(_service.Services.GetRequiredService<StatisticsEpochs>().Current.Features());
        var row = new float[FeatureSchema.Count];
        row[FeatureSchema.LanguageOverlap] = 1;

        Assert.Equal("speaks the buyer's English, Chinese", text.Describe(FeatureSchema.LanguageOverlap, inquiry, exporter, row));
        row[FeatureSchema.LanguageOverlap] = 0;
        Assert.Equal("speaks none of the buyer's languages (English, Chinese, xx)", text.Describe(FeatureSchema.LanguageOverlap, inquiry, exporter with { Languages = ["ru"] }, row));
        Assert.Equal("has 1 year of export experience", text.Describe(FeatureSchema.ExportExperience, inquiry, exporter, row));
        Assert.Equal("has 4 years of export experience", text.Describe(FeatureSchema.ExportExperience, inquiry, exporter with { ExportExperienceYears = 4 }, row));
    }

    public void Dispose() => _service.Dispose();

    private sealed class Fixed : Ranker
    {
        public override string Version => "fixed";

        public override double Score(ReadOnlySpan<float> row) => 0;

        public override void Contributions(ReadOnlySpan<float> row, ReadOnlySpan<float> reference, Span<double> into) => into.Clear();
    }
}
