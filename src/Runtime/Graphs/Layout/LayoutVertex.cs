using System.Collections.Generic;

namespace SourceAD.Graphs;

/// <summary>
/// A vertex of the layered layout: a node, or a bend point of an edge that spans several layers (one per layer crossed,
/// so long edges are routed around the nodes in between rather than through them).
/// </summary>
internal sealed class LayoutVertex(int index, GraphNode? node, int layer, double width, double height, int? cluster, IReadOnlyList<string> lines)
{
    public int Index { get; } = index;

    /// <summary>The node drawn here, or null for a bend point.</summary>
    public GraphNode? Node { get; } = node;

    public int Layer { get; } = layer;

    public double Width { get; } = width;

    public double Height { get; } = height;

    /// <summary>The innermost cluster the vertex is drawn in; for a bend point, the innermost cluster holding both ends of its edge.</summary>
    public int? Cluster { get; } = cluster;

    public IReadOnlyList<string> Lines { get; } = lines;

    public List<LayoutVertex> Predecessors { get; } = [];

    public List<LayoutVertex> Successors { get; } = [];

    /// <summary>The vertex's index within its layer, top first.</summary>
    public int Position { get; set; }

    /// <summary>The top of the vertex.</summary>
    public double Y { get; set; }

    public double CentreY => Y + Height / 2;
}
