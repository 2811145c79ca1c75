using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using Matchmaker.Features;
using Matchmaker.Ranking;

namespace Matchmaker.Mapping;

/// <summary>Models as the ModelService describes them.</summary>
public static class ModelMapping
{
    /// <summary>A ranker as ModelInfo: a learned model with its metadata and held-out metrics, or the baseline formula.</summary>
    public static V1.ModelInfo ToInfo(this Ranker ranker, bool active) =>
        ranker is LearnedRanker learned ? learned.Metadata.ToInfo(active) : BaselineInfo(active);

    public static V1.ModelInfo ToInfo(this ModelMetadata m, bool active)
    {
        var info = new V1.ModelInfo
        {
            Version = m.Version,
            Trainer = m.Trainer,
            CreatedAt = Timestamp.FromDateTimeOffset(m.CreatedAt),
            FeatureSchemaHash = m.FeatureSchemaHash,
            Active = active,
            MetadataJson = JsonSerializer.Serialize(m with { CheckRows = [] }),
        };
        if (m.Metrics.TryGetValue(ModelMetadata.CandidateMetrics, out var own))
        {
            foreach (var (name, value) in own)
            {
                info.Metrics[name] = value;
            }
        }

        return info;
    }

    /// <summary>The baseline formula, which is always there and has no files.</summary>
    public static V1.ModelInfo BaselineInfo(bool active) => new()
    {
        Version = BaselineRanker.BaselineVersion,
        Trainer = "formula",
        FeatureSchemaHash = FeatureSchema.Hash,
        Active = active,
    };
}
