using Matchmaker.Features;
using Matchmaker.Feedback;
using Matchmaker.Index;
using Matchmaker.Matching;
using Matchmaker.Ranking;

namespace Matchmaker.Tests.Support;

/// <summary>The Core pieces wired as the server wires them, for tests that run without a server.</summary>
internal static class Engines
{
    /// <summary>A matcher ranking with the baseline formula (no model registered in <paramref name="modelsDirectory"/>).</summary>
    public static Matcher BaselineMatcher(SearchIndex index, string modelsDirectory) =>
        new(index, new FeatureExtractor(new ProductSpace(), new FeedbackLedger()), new ActiveModel(new ModelRegistry(modelsDirectory)));
}
