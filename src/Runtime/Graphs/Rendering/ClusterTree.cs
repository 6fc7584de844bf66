using System.Collections.Generic;
using System.Linq;

namespace SourceAD.Graphs;

/// <summary>The nesting of a graph's clusters: which nodes and clusters sit directly in each cluster (or at the top level).</summary>
internal sealed class ClusterTree
{
    private readonly ILookup<int?, GraphNode> _nodes;
    private readonly ILookup<int?, GraphCluster> _children;

    public ClusterTree(ComputationGraph graph)
    {
        _nodes = graph.Nodes.ToLookup(n => n.Cluster);
        HashSet<int> drawn = [.. graph.Nodes.Where(n => n.Cluster is not null).SelectMany(n => Ancestors(graph, n.Cluster!.Value))];
        _children = graph.Clusters.Where(c => drawn.Contains(c.Id)).ToLookup(c => c.Parent);
    }

    /// <summary>The nodes directly in a cluster (null: the top level).</summary>
    public IEnumerable<GraphNode> NodesIn(int? cluster) => _nodes[cluster];

    /// <summary>The clusters directly in a cluster (null: the top level) that hold at least one node; empty clusters are not drawn.</summary>
    public IEnumerable<GraphCluster> ChildrenOf(int? cluster) => _children[cluster];

    /// <summary>Every cluster that holds at least one node, outermost first.</summary>
    public IEnumerable<GraphCluster> Drawn => _children.SelectMany(g => g).OrderBy(c => c.Id);

    /// <summary>The cluster and its ancestors, innermost first.</summary>
    public static IEnumerable<int> Ancestors(ComputationGraph graph, int cluster)
    {
        for (int? c = cluster; c is int id; c = graph.Clusters[id].Parent)
        {
            yield return id;
        }
    }
}
