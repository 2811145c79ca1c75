using Matchmaker.Matching;

namespace Matchmaker.TrainingData;

/// <summary>A match list as it left the server: which model ranked it, when, and every pair's features.</summary>
public sealed record ServedList(string ModelVersion, string FeatureSchemaHash, DateTimeOffset ServedAt, IReadOnlyList<ScoredPair> Pairs);
