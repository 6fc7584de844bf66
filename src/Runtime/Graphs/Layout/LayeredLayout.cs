using System;
using System.Collections.Generic;
using System.Linq;

namespace SourceAD.Graphs;

/// <summary>
/// A layered (Sugiyama-style) layout, left to right: layers by longest path from the inputs, bend points for edges
/// that span layers, barycentric crossing reduction, then block placement for the vertical coordinates and columns for
/// the horizontal ones. Edges leave a node's right side and enter the next node's left side, as values flow forward.
/// </summary>
internal static class LayeredLayout
{
    public const double Margin = 16;
    public const double HeaderHeight = 30;
    private const double MinimumGap = 56;

    /// <summary>The smallest drawing: headless Chromium draws SVGs of under about 150 pixels' height only in part.</summary>
    private const double MinimumWidth = 320, MinimumHeight = 160;
    private const double PortSpacing = 9;

    public static GraphLayout Compute(ComputationGraph graph)
    {
        int[] layerOf = Layers(graph);
        var vertices = new List<LayoutVertex>();
        foreach (GraphNode node in graph.Nodes)
        {
            IReadOnlyList<string> lines = GraphLabels.Node(graph, node);
            vertices.Add(new LayoutVertex(node.Id, node, layerOf[node.Id], TextMetrics.NodeWidth(lines), TextMetrics.NodeHeight(lines), node.Cluster, lines));
        }
        var chains = new List<LayoutVertex[]>();
        foreach (GraphEdge edge in graph.Edges)
        {
            var chain = new List<LayoutVertex> { vertices[edge.From] };
            int? cluster = CommonCluster(graph, graph.Nodes[edge.From].Cluster, graph.Nodes[edge.To].Cluster);
            for (int l = layerOf[edge.From] + 1; l < layerOf[edge.To]; l++)
            {
                var bend = new LayoutVertex(vertices.Count, null, l, 0, 10, cluster, []);
                vertices.Add(bend);
                chain.Add(bend);
            }
            chain.Add(vertices[edge.To]);
            for (int i = 1; i < chain.Count; i++)
            {
                chain[i - 1].Successors.Add(chain[i]);
                chain[i].Predecessors.Add(chain[i - 1]);
            }
            chains.Add([.. chain]);
        }

        int layerCount = graph.Nodes.Count == 0 ? 0 : layerOf.Max() + 1;
        var layers = Enumerable.Range(0, layerCount).Select(_ => new List<LayoutVertex>()).ToArray();
        foreach (LayoutVertex v in vertices)
        {
            v.Position = layers[v.Layer].Count;
            layers[v.Layer].Add(v);
        }
        CrossingReduction.Order(layers, graph);
        var (boxes, height) = BlockPlacement.Place(vertices, graph);

        var labels = graph.Edges.Select(e => GraphLabels.Edge(graph, e)).ToArray();
        int depth = boxes.Count == 0 ? 0 : boxes.Max(b => b.Depth) + 1;
        double[] columnX = Columns(layers, chains, labels, depth, out double[] columnWidth);
        double top = Margin + HeaderHeight;
        var nodes = vertices.Where(v => v.Node is not null)
            .Select(v => new NodeBox(v.Node!, v.Layer, columnX[v.Layer] + (columnWidth[v.Layer] - v.Width) / 2, top + v.Y, v.Width, v.Height, v.Lines))
            .ToArray();
        var routes = new EdgeRoute[chains.Count];
        for (int e = 0; e < chains.Count; e++)
        {
            LayoutPoint[] points = Route(chains[e], columnX, columnWidth, top);
            LayoutPoint a = points[^2], b = points[^1];
            routes[e] = new EdgeRoute(graph.Edges[e], points, labels[e], new LayoutPoint((a.X + b.X) / 2, (a.Y + b.Y) / 2),
                TextMetrics.LabelWidth(labels[e]), TextMetrics.LabelHeight(labels[e]));
        }
        int Levels(GraphCluster c) => 1 + boxes.Where(b => b.Cluster.Parent == c.Id).Select(b => Levels(b.Cluster)).DefaultIfEmpty(0).Max();
        var clusters = boxes.OrderBy(b => b.Depth).ThenBy(b => b.Cluster.Id).Select(b =>
        {
            double pad = BlockPlacement.ClusterPadding * Levels(b.Cluster);
            double x = columnX[b.First] - pad;
            return new ClusterBox(b.Cluster, x, top + b.Top, columnX[b.Last] + columnWidth[b.Last] + pad - x, b.Height, b.Depth);
        }).ToArray();
        double width = layerCount == 0 ? 2 * Margin : columnX[^1] + columnWidth[^1] + depth * BlockPlacement.ClusterPadding + Margin;
        return new GraphLayout(Math.Max(width, MinimumWidth), Math.Max(top + height + Margin, MinimumHeight), nodes, routes, clusters);
    }

    /// <summary>
    /// Layer 0 for the inputs, otherwise one more than the deepest node read (longest path). A constant or other node
    /// that reads nothing moves right to just before its first reader, so it does not stretch edges across the picture.
    /// </summary>
    public static int[] Layers(ComputationGraph graph)
    {
        var layer = new int[graph.Nodes.Count];
        foreach (GraphNode node in graph.Nodes)
        {
            foreach (GraphEdge edge in graph.EdgesInto(node.Id))
            {
                layer[node.Id] = Math.Max(layer[node.Id], layer[edge.From] + 1);
            }
        }
        for (int id = graph.Nodes.Count - 1; id >= 0; id--)
        {
            if (graph.Nodes[id].Kind != GraphNodeKind.Input && !graph.EdgesInto(id).Any() && graph.EdgesFrom(id).Any())
            {
                layer[id] = Math.Max(0, graph.EdgesFrom(id).Min(e => layer[e.To]) - 1);
            }
        }
        return layer;
    }

    /// <summary>The left edge of each column; a gap before each column wide enough for the edge labels that sit in it and for nested cluster padding.</summary>
    private static double[] Columns(List<LayoutVertex>[] layers, List<LayoutVertex[]> chains, IReadOnlyList<string>[] labels, int depth, out double[] width)
    {
        width = layers.Select(l => Math.Max(20, l.Select(v => v.Width).DefaultIfEmpty(0).Max())).ToArray();
        var gap = new double[layers.Length];
        for (int e = 0; e < chains.Count; e++)
        {
            int l = chains[e][^1].Layer;
            gap[l] = Math.Max(gap[l], TextMetrics.LabelWidth(labels[e]) + 20);
        }
        var x = new double[layers.Length];
        for (int l = 0; l < layers.Length; l++)
        {
            x[l] = l == 0
                ? Margin + depth * BlockPlacement.ClusterPadding
                : x[l - 1] + width[l - 1] + Math.Max(MinimumGap, gap[l]) + 2 * depth * BlockPlacement.ClusterPadding;
        }
        return x;
    }

    /// <summary>From the right side of the first vertex, through the bend points, to the left side of the last; ports spread over a node's side in the order of the other ends.</summary>
    private static LayoutPoint[] Route(LayoutVertex[] chain, double[] columnX, double[] columnWidth, double top)
    {
        var points = new LayoutPoint[chain.Length];
        LayoutVertex first = chain[0], last = chain[^1];
        double Left(LayoutVertex v) => columnX[v.Layer] + (columnWidth[v.Layer] - v.Width) / 2;
        points[0] = new LayoutPoint(Left(first) + first.Width, top + first.CentreY + Port(first, first.Successors, chain[1]));
        for (int i = 1; i < chain.Length - 1; i++)
        {
            points[i] = new LayoutPoint(columnX[chain[i].Layer] + columnWidth[chain[i].Layer] / 2, top + chain[i].CentreY);
        }
        points[^1] = new LayoutPoint(Left(last), top + last.CentreY + Port(last, last.Predecessors, chain[^2]));
        return points;
    }

    private static double Port(LayoutVertex v, List<LayoutVertex> ends, LayoutVertex end)
    {
        if (v.Node is null || ends.Count < 2)
        {
            return 0;
        }
        LayoutVertex[] sorted = ends.OrderBy(e => e.CentreY).ThenBy(e => e.Index).ToArray();
        double spacing = Math.Min(PortSpacing, (v.Height - 8) / (ends.Count - 1));
        return (Array.IndexOf(sorted, end) - (ends.Count - 1) / 2.0) * spacing;
    }

    private static int? CommonCluster(ComputationGraph graph, int? a, int? b)
    {
        if (a is null || b is null)
        {
            return null;
        }
        HashSet<int> ofA = [.. ClusterTree.Ancestors(graph, a.Value)];
        return ClusterTree.Ancestors(graph, b.Value).Cast<int?>().FirstOrDefault(c => ofA.Contains(c!.Value));
    }
}
