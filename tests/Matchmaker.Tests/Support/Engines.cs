using Matchmaker.Features;
using Matchmaker.Feedback;
using Matchmaker.Index;
using Matchmaker.Matching;
using Matchmaker.Profiles;
using Matchmaker.Ranking;
using Matchmaker.Store;

namespace Matchmaker.Tests.Support;

/// <summary>The Core pieces wired as the server wires them, for tests that run without a server.</summary>
internal static class Engines
{
    /// <summary>A matcher ranking with the baseline formula (no model registered in <paramref name="modelsDirectory"/>).</summary>
    public static Matcher BaselineMatcher(IRecordStore store, SearchIndex index, string modelsDirectory)
    {
        var space = new ProductSpace();
        var ledger = new FeedbackLedger();
        var catalog = new ProfileCatalog(store, index, space);
        catalog.LoadFollowers();
        var epochs = new StatisticsEpochs(catalog, ledger);
        epochs.Refresh();
        return new Matcher(index, epochs, new FeatureExtractor(space, ledger), new ActiveModel(new ModelRegistry(modelsDirectory)));
    }
}
