using System;
using System.Collections.Generic;
using System.Linq;

namespace SourceAD.Graphs;

/// <summary>
/// Vertical coordinates. Each cluster is laid out first, inside out, into a rigid block spanning its layers; then the
/// vertices and blocks of each scope are placed in order, each as close as the layers it spans allow to the mean height
/// of what feeds it (so chains run straight), never above what is already in those layers. Blocks therefore never
/// overlap anything that is not theirs.
/// </summary>
internal static class BlockPlacement
{
    public const double Gap = 16;
    public const double ClusterPadding = 10;
    public const double ClusterTitle = 18;

    /// <summary>Sets each vertex's <see cref="LayoutVertex.Y"/> (from 0) and returns the cluster boxes' vertical extents and the total height.</summary>
    public static (List<(GraphCluster Cluster, double Top, double Height, int First, int Last, int Depth)> Boxes, double Height) Place(
        IReadOnlyList<LayoutVertex> vertices, ComputationGraph graph)
    {
        var tree = new ClusterTree(graph);
        ILookup<int?, LayoutVertex> direct = vertices.ToLookup(v => v.Cluster);
        Block root = Layout(null, tree, direct, graph, depth: -1);
        foreach ((LayoutVertex v, double y) in root.Vertices)
        {
            v.Y = y;
        }
        return (root.Boxes, root.Height);
    }

    private static Block Layout(int? scope, ClusterTree tree, ILookup<int?, LayoutVertex> direct, ComputationGraph graph, int depth)
    {
        var items = direct[scope].Select(Block.Of)
            .Concat(tree.ChildrenOf(scope).Select(c => Layout(c.Id, tree, direct, graph, depth + 1)))
            .Where(b => b.Vertices.Count > 0)
            .OrderBy(b => b.First).ThenBy(b => b.MeanPositionIn(b.First)).ThenBy(b => b.Vertices.Min(x => x.Vertex.Index))
            .ToList();
        var placed = new Dictionary<LayoutVertex, double>();
        var skyline = new Dictionary<int, double>();
        var vertices = new List<(LayoutVertex Vertex, double Y)>();
        var boxes = new List<(GraphCluster Cluster, double Top, double Height, int First, int Last, int Depth)>();
        foreach (Block item in items)
        {
            double floor = 0;
            for (int l = item.First; l <= item.Last; l++)
            {
                if (skyline.TryGetValue(l, out double bottom))
                {
                    floor = Math.Max(floor, bottom + Gap);
                }
            }
            double y = Math.Max(floor, Desired(item, placed));
            foreach ((LayoutVertex v, double relative) in item.Vertices)
            {
                placed[v] = y + relative;
                vertices.Add((v, y + relative));
            }
            boxes.AddRange(item.Boxes.Select(b => b with { Top = b.Top + y }));
            for (int l = item.First; l <= item.Last; l++)
            {
                skyline[l] = y + item.Height;
            }
        }
        double height = skyline.Count == 0 ? 0 : skyline.Values.Max();
        if (scope is not int cluster)
        {
            return new Block(vertices, boxes, items.Count == 0 ? 0 : items.Min(i => i.First), items.Count == 0 ? 0 : items.Max(i => i.Last), height);
        }
        double offset = ClusterPadding + ClusterTitle;
        var framed = new Block(
            vertices.Select(x => (x.Vertex, x.Y + offset)).ToList(),
            boxes.Select(b => b with { Top = b.Top + offset }).ToList(),
            items.Min(i => i.First), items.Max(i => i.Last), height + offset + ClusterPadding);
        framed.Boxes.Add((graph.Clusters[cluster], 0, framed.Height, framed.First, framed.Last, depth));
        return framed;
    }

    /// <summary>The offset that centres the item's vertices, on average, on the already placed vertices feeding them; 0 when none is placed.</summary>
    private static double Desired(Block item, Dictionary<LayoutVertex, double> placed)
    {
        double sum = 0;
        int count = 0;
        foreach ((LayoutVertex v, double relative) in item.Vertices)
        {
            foreach (LayoutVertex p in v.Predecessors)
            {
                if (placed.TryGetValue(p, out double py))
                {
                    sum += py + p.Height / 2 - (relative + v.Height / 2);
                    count++;
                }
            }
        }
        return count == 0 ? 0 : sum / count;
    }

    /// <summary>A vertex, or a laid-out cluster: vertices at offsets from its top, spanning layers <see cref="First"/> to <see cref="Last"/>.</summary>
    private sealed record Block(List<(LayoutVertex Vertex, double Y)> Vertices, List<(GraphCluster Cluster, double Top, double Height, int First, int Last, int Depth)> Boxes,
        int First, int Last, double Height)
    {
        public static Block Of(LayoutVertex v) => new([(v, 0)], [], v.Layer, v.Layer, v.Height);

        public double MeanPositionIn(int layer) => Vertices.Where(x => x.Vertex.Layer == layer).Select(x => (double)x.Vertex.Position).DefaultIfEmpty(0).Average();
    }
}
