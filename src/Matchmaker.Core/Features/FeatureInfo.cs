namespace Matchmaker.Features;

/// <summary>One column of the pair feature vector, as documented in the README's feature table.</summary>
public sealed record FeatureInfo(string Name, string Meaning, string Range, string Source);
