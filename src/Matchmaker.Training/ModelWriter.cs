using System.Text.Json;
using Matchmaker.Features;
using Matchmaker.Ranking;

namespace Matchmaker.Training;

/// <summary>Writes a trained model's directory: trees.json, model.zip, report.html, then metadata.json with their checksums.</summary>
public static class ModelWriter
{
    public static ModelMetadata Write(string directory, ModelMetadata metadata, TrainedModel model, string reportHtml)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, ModelFiles.Trees), JsonSerializer.SerializeToUtf8Bytes(model.Ensemble));
        File.WriteAllBytes(Path.Combine(directory, ModelFiles.MlNet), model.MlNetModel);
        File.WriteAllText(Path.Combine(directory, ModelFiles.Report), reportHtml);
        var complete = metadata with
        {
            FeatureSchemaHash = FeatureSchema.Hash,
            Features = FeatureSchema.Names,
            Reference = model.Reference,
            CheckRows = model.CheckRows,
            Files = new[] { ModelFiles.Trees, ModelFiles.MlNet, ModelFiles.Report }
                .ToDictionary(f => f, f => ModelLoader.Sha256(Path.Combine(directory, f))),
        };
        File.WriteAllBytes(Path.Combine(directory, ModelFiles.Metadata), JsonSerializer.SerializeToUtf8Bytes(complete, ModelLoader.Json));
        return complete;
    }
}
