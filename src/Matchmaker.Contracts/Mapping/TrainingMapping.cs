using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Matchmaker.Features;
using Matchmaker.TrainingData;

namespace Matchmaker.Mapping;

/// <summary>Training rows, proto ⇄ domain (features by name, so a file survives a reordering of the schema).</summary>
public static class TrainingMapping
{
    public static V1.TrainingExample ToProto(this TrainingExample e)
    {
        var proto = new V1.TrainingExample
        {
            InquiryId = e.InquiryId,
            ExporterId = e.ExporterId,
            Label = e.Label,
            FeatureSource = e.FeatureSource,
            ModelVersion = e.ModelVersion,
            ServedAt = e.ServedAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
            Position = e.Position,
        };
        for (var i = 0; i < FeatureSchema.Count; i++)
        {
            // The shortest text that reads back as the same float: 0.1f, not 0.10000000149011612.
            proto.Features[FeatureSchema.Names[i]] = double.Parse(e.Features[i].ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        }

        return proto;
    }

    /// <summary>Reads a row by feature name; a feature the row lacks is an error, one this schema does not know is ignored.</summary>
    /// <exception cref="InvalidDataException">A feature of the schema is missing.</exception>
    public static TrainingExample ToDomain(this V1.TrainingExample p)
    {
        var features = new float[FeatureSchema.Count];
        for (var i = 0; i < FeatureSchema.Count; i++)
        {
            features[i] = p.Features.TryGetValue(FeatureSchema.Names[i], out var v)
                ? (float)v
                : throw new InvalidDataException($"pair ({p.InquiryId}, {p.ExporterId}) has no feature {FeatureSchema.Names[i]}");
        }

        return new TrainingExample(p.InquiryId, p.ExporterId, p.Label, features,
            p.FeatureSource.Length > 0 ? p.FeatureSource : TrainingExample.Computed, p.ModelVersion,
            p.ServedAt?.ToChecked("served_at"), p.Position);
    }
}
