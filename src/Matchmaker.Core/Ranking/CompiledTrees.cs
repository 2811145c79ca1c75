using System.Runtime.InteropServices;

namespace Matchmaker.Ranking;

/// <summary>
/// A <see cref="TreeEnsemble"/> packed for scoring batches: every tree's nodes in one array of
/// 16-byte structs and every leaf (already times its tree's weight) in another, walked tree by
/// tree over the whole batch, so a tree's nodes stay in cache for all 500 candidates instead of
/// 300 trees being fetched again for each one. Sums run in the same order as
/// <see cref="TreeEnsemble.Score"/>, so both give the same doubles.
/// </summary>
internal sealed class CompiledTrees
{
    private readonly Node[] _nodes;
    private readonly double[] _leaves;
    private readonly (int Nodes, int NodeCount, int Leaves)[] _trees;
    private readonly double _bias;

    public CompiledTrees(TreeEnsemble ensemble)
    {
        _bias = ensemble.Bias;
        _trees = new (int, int, int)[ensemble.Trees.Count];
        var nodes = new List<Node>();
        var leaves = new List<double>();
        for (var t = 0; t < ensemble.Trees.Count; t++)
        {
            var tree = ensemble.Trees[t];
            _trees[t] = (nodes.Count, tree.Feature.Length, leaves.Count);
            for (var n = 0; n < tree.Feature.Length; n++)
            {
                nodes.Add(new Node(tree.Feature[n], tree.Threshold[n], tree.Left[n], tree.Right[n]));
            }

            foreach (var leaf in tree.Leaf)
            {
                leaves.Add(tree.Weight * leaf);
            }
        }

        _nodes = [.. nodes];
        _leaves = [.. leaves];
    }

    public void ScoreBatch(ReadOnlySpan<float> rows, Span<double> scores, int width)
    {
        scores.Fill(_bias);
        var nodes = _nodes.AsSpan();
        var leaves = _leaves.AsSpan();
        foreach (var (nodeStart, nodeCount, leafStart) in _trees)
        {
            if (nodeCount == 0)
            {
                var only = leaves[leafStart];
                for (var i = 0; i < scores.Length; i++)
                {
                    scores[i] += only;
                }

                continue;
            }

            var tree = nodes.Slice(nodeStart, nodeCount);
            for (var i = 0; i < scores.Length; i++)
            {
                var row = rows.Slice(i * width, width);
                var node = 0;
                while (node >= 0)
                {
                    ref readonly var n = ref tree[node];
                    node = row[n.Feature] <= n.Threshold ? n.Left : n.Right;
                }

                scores[i] += leaves[leafStart + ~node];
            }
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct Node(int Feature, float Threshold, int Left, int Right);
}
