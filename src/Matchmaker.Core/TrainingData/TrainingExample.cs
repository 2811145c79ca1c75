namespace Matchmaker.TrainingData;

/// <summary>
/// One labelled pair: the features a model is trained on and the label derived from the pair's
/// feedback. <see cref="FeatureSource"/> says where the features come from: "served" (logged
/// when the list was served, exactly what the model saw) or "computed" (feedback imported for a
/// pair that was never served; computed at export time from the current profiles, with the
/// exporter's history as of the pair's first event) or "unshown" (a candidate that retrieval
/// finds for the inquiry but that the buyer never saw: label 0, features computed at export as of
/// the inquiry's first list or event, so that training covers every candidate serving ranks).
/// <see cref="Position"/> is where the buyer saw it (served rows, and imported feedback that says),
/// 0 when unknown or never shown: training weighs positive rows by it to undo position bias.
/// </summary>
public sealed record TrainingExample(
    string InquiryId,
    string ExporterId,
    int Label,
    float[] Features,
    string FeatureSource,
    string ModelVersion = "",
    DateTimeOffset? ServedAt = null,
    int Position = 0)
{
    public const string Served = "served", Computed = "computed", Unshown = "unshown";
}
