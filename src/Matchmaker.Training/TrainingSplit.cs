using Matchmaker.TrainingData;

namespace Matchmaker.Training;

/// <summary>
/// Held-out split by inquiry: all pairs of an inquiry fall on the same side, so the test groups are
/// lists the model never saw. The side is a hash of the inquiry id (FNV-1a), not a random draw, so
/// train and evaluate, run days apart, agree on which inquiries are held out.
/// </summary>
public static class TrainingSplit
{
    public const double DefaultTestFraction = 0.2;

    public static bool IsTest(string inquiryId, double testFraction = DefaultTestFraction)
    {
        var hash = 2166136261u;
        foreach (var c in inquiryId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        // Mix the low bits up (FNV's low bits are weak for short ids that differ in one character).
        hash ^= hash >> 15;
        hash *= 0x2c1b3c6du;
        hash ^= hash >> 12;
        return (hash % 10_000) < testFraction * 10_000;
    }

    public static (List<TrainingExample> Train, List<TrainingExample> Test) Split(IEnumerable<TrainingExample> examples, double testFraction = DefaultTestFraction)
    {
        var train = new List<TrainingExample>();
        var test = new List<TrainingExample>();
        foreach (var e in examples)
        {
            (IsTest(e.InquiryId, testFraction) ? test : train).Add(e);
        }

        return (train, test);
    }
}
