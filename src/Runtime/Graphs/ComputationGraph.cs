using System;
using System.Collections.Generic;
using System.Linq;

namespace SourceAD.Graphs;

/// <summary>
/// The computational graph of one evaluation of a method: its inputs, each operation with its source text and value,
/// and the result as nodes; each edge carrying the value forward and the local derivative; and each node's adjoint
/// from the reverse sweep. Built by <see cref="GraphBuilder"/>; rendered by <see cref="ToDot"/>, <see cref="ToMermaid"/>
/// and <see cref="ToSvg"/>; checked node by node by <see cref="CheckDerivatives"/>.
/// </summary>
public sealed class ComputationGraph
{
    private readonly GraphNode[] _nodes;
    private readonly GraphEdge[] _edges;
    private readonly GraphCluster[] _clusters;
    private readonly ILookup<int, GraphEdge> _edgesInto;
    private readonly ILookup<int, GraphEdge> _edgesFrom;

    internal ComputationGraph(string name, IEnumerable<GraphNode> nodes, IEnumerable<GraphEdge> edges, IEnumerable<GraphCluster> clusters,
        int result, NonFiniteLocation? firstNonFinite)
    {
        Name = name;
        _nodes = nodes.ToArray();
        _edges = edges.ToArray();
        _clusters = clusters.ToArray();
        Result = result;
        FirstNonFinite = firstNonFinite;
        _edgesInto = _edges.ToLookup(e => e.To);
        _edgesFrom = _edges.ToLookup(e => e.From);
    }

    /// <summary>The name of the result (the method's name), as in ∂J/∂u.</summary>
    public string Name { get; }

    /// <summary>The nodes in evaluation order; a node's <see cref="GraphNode.Id"/> is its index.</summary>
    public IReadOnlyList<GraphNode> Nodes => _nodes;

    /// <summary>The edges, grouped by the node that reads them, in evaluation order; each points from an earlier node to a later one.</summary>
    public IReadOnlyList<GraphEdge> Edges => _edges;

    /// <summary>The calls, loops, iterations and branches; a cluster's <see cref="GraphCluster.Id"/> is its index.</summary>
    public IReadOnlyList<GraphCluster> Clusters => _clusters;

    /// <summary>The id of the node holding the method's result.</summary>
    public int Result { get; }

    /// <summary>The node holding the method's result.</summary>
    public GraphNode ResultNode => _nodes[Result];

    /// <summary>Where the first NaN or infinity appears in evaluation order (values first, then adjoints), or <see langword="null"/> when every number is finite.</summary>
    public NonFiniteLocation? FirstNonFinite { get; }

    /// <summary>The first node whose variable or label is <paramref name="name"/>.</summary>
    /// <param name="name">A variable, parameter name, or source text.</param>
    /// <exception cref="KeyNotFoundException">No node has that name.</exception>
    public GraphNode Find(string name) =>
        _nodes.FirstOrDefault(n => n.Variable == name) ?? _nodes.FirstOrDefault(n => n.Label == name)
        ?? throw new KeyNotFoundException($"Expected a node named '{name}' in graph '{Name}', but there is none; nodes: {string.Join(", ", _nodes.Select(n => n.Variable ?? n.Label))}.");

    /// <summary>The edges into a node (the values it reads).</summary>
    /// <param name="node">A node id.</param>
    public IEnumerable<GraphEdge> EdgesInto(int node) => _edgesInto[node];

    /// <summary>The edges out of a node (the nodes that read its value).</summary>
    /// <param name="node">A node id.</param>
    public IEnumerable<GraphEdge> EdgesFrom(int node) => _edgesFrom[node];

    /// <summary>The nodes of a cluster and of the clusters inside it.</summary>
    /// <param name="cluster">A cluster id.</param>
    public IEnumerable<GraphNode> NodesIn(int cluster) => _nodes.Where(n => IsInside(n.Cluster, cluster));

    /// <summary>Whether <paramref name="cluster"/> is <paramref name="ancestor"/> or inside it.</summary>
    internal bool IsInside(int? cluster, int ancestor)
    {
        for (int? c = cluster; c is int id; c = _clusters[id].Parent)
        {
            if (id == ancestor)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The graph in Graphviz DOT, left to right: values and local derivatives on the edges, value and adjoint in each node, non-finite numbers in red.</summary>
    public string ToDot() => DotWriter.Write(this);

    /// <summary>The graph as a Mermaid flowchart (renders in GitHub Markdown and notebooks), labelled like <see cref="ToDot"/>.</summary>
    public string ToMermaid() => MermaidWriter.Write(this);

    /// <summary>The graph as a self-contained SVG document laid out by SourceAD (layered, left to right; no scripts, fonts or external programs).</summary>
    public string ToSvg() => SvgWriter.Write(this);

    /// <summary>
    /// Checks the graph at its point, node by node: each local derivative (and so each <c>[DerivativeOf]</c> rule) against
    /// central differences of the node's own operation, and each adjoint against the chain rule over the edges out of
    /// its node (∂J/∂x = Σ ∂J/∂y · ∂y/∂x). The report names the first node that disagrees.
    /// </summary>
    /// <param name="tolerance">The largest acceptable error, as in <see cref="GradCheck"/>; single-precision nodes use at least 1e-3.</param>
    /// <param name="step">The relative finite-difference step; single-precision nodes use at least 1e-3.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tolerance"/> is negative, or <paramref name="step"/> is not positive and finite.</exception>
    public GraphCheckReport CheckDerivatives(double tolerance = GradCheckReport.DefaultTolerance, double step = GradCheck.DefaultStep) =>
        GraphCheck.Run(this, tolerance, step);

    /// <summary>A copy in which each outermost call cluster is one <see cref="GraphNodeKind.Call"/> node, whose edges carry the callee's total local derivatives.</summary>
    public ComputationGraph CollapseCalls() => CallCollapse.Collapse(this);
}
