using System.Collections.Generic;
using System.Linq;

namespace SourceAD.Graphs;

/// <summary>
/// Orders the vertices of each layer to reduce edge crossings: barycentric ordering, sweeping down then up a few times,
/// keeping the best order seen. Each sort keeps the members of a cluster together in every layer, so cluster boxes can
/// be drawn without holding other nodes.
/// </summary>
internal static class CrossingReduction
{
    private const int Sweeps = 6;

    public static void Order(List<LayoutVertex>[] layers, ComputationGraph graph)
    {
        var paths = new Dictionary<int, int[]>();
        int[] PathOf(LayoutVertex v) => v.Cluster is int c
            ? paths.TryGetValue(c, out int[]? p) ? p : paths[c] = ClusterTree.Ancestors(graph, c).Reverse().ToArray()
            : [];

        var barycentre = new Dictionary<LayoutVertex, double>();
        foreach (List<LayoutVertex> layer in layers)
        {
            foreach (LayoutVertex v in layer)
            {
                barycentre[v] = v.Index;
            }
            Sort(layer, barycentre, PathOf);
        }
        int best = Crossings(layers);
        int[][] bestOrder = Snapshot(layers);
        for (int sweep = 0; sweep < Sweeps && best > 0; sweep++)
        {
            for (int l = 1; l < layers.Length; l++)
            {
                Reorder(layers[l], barycentre, v => v.Predecessors, PathOf);
            }
            for (int l = layers.Length - 2; l >= 0; l--)
            {
                Reorder(layers[l], barycentre, v => v.Successors, PathOf);
            }
            int crossings = Crossings(layers);
            if (crossings < best)
            {
                best = crossings;
                bestOrder = Snapshot(layers);
            }
        }
        Restore(layers, bestOrder);
    }

    /// <summary>The number of pairs of edge segments that cross between adjacent layers.</summary>
    public static int Crossings(List<LayoutVertex>[] layers)
    {
        int total = 0;
        foreach (List<LayoutVertex> layer in layers)
        {
            var segments = layer.SelectMany(u => u.Successors.Select(v => (From: u.Position, To: v.Position))).ToArray();
            for (int i = 0; i < segments.Length; i++)
            {
                for (int j = i + 1; j < segments.Length; j++)
                {
                    if ((segments[i].From - segments[j].From) * (segments[i].To - segments[j].To) < 0)
                    {
                        total++;
                    }
                }
            }
        }
        return total;
    }

    private static void Reorder(List<LayoutVertex> layer, Dictionary<LayoutVertex, double> barycentre,
        System.Func<LayoutVertex, List<LayoutVertex>> neighbours, System.Func<LayoutVertex, int[]> pathOf)
    {
        foreach (LayoutVertex v in layer)
        {
            List<LayoutVertex> adjacent = neighbours(v);
            barycentre[v] = adjacent.Count == 0 ? v.Position : adjacent.Average(n => n.Position);
        }
        Sort(layer, barycentre, pathOf);
    }

    /// <summary>
    /// Sorts by barycentre, clusters kept together: two vertices compare by the first level of the cluster tree where
    /// they part, a cluster standing there with the mean barycentre of its members in this layer.
    /// </summary>
    private static void Sort(List<LayoutVertex> layer, Dictionary<LayoutVertex, double> barycentre, System.Func<LayoutVertex, int[]> pathOf)
    {
        var clusterKey = new Dictionary<int, double>();
        foreach (IGrouping<int, LayoutVertex> members in layer.SelectMany(v => pathOf(v).Select(c => (Cluster: c, Vertex: v))).GroupBy(x => x.Cluster, x => x.Vertex))
        {
            clusterKey[members.Key] = members.Average(v => barycentre[v]);
        }
        (double Key, int Tie) ItemAt(LayoutVertex v, int depth)
        {
            int[] path = pathOf(v);
            return depth < path.Length ? (clusterKey[path[depth]], -1 - path[depth]) : (barycentre[v], v.Index);
        }
        layer.Sort((a, b) =>
        {
            for (int depth = 0; ; depth++)
            {
                (double Key, int Tie) x = ItemAt(a, depth), y = ItemAt(b, depth);
                if (x.Tie == y.Tie)
                {
                    if (x.Tie >= 0)
                    {
                        return 0;
                    }
                    continue;
                }
                int byKey = x.Key.CompareTo(y.Key);
                return byKey != 0 ? byKey : x.Tie.CompareTo(y.Tie);
            }
        });
        for (int i = 0; i < layer.Count; i++)
        {
            layer[i].Position = i;
        }
    }

    private static int[][] Snapshot(List<LayoutVertex>[] layers) => layers.Select(l => l.Select(v => v.Index).ToArray()).ToArray();

    private static void Restore(List<LayoutVertex>[] layers, int[][] order)
    {
        for (int l = 0; l < layers.Length; l++)
        {
            var byIndex = layers[l].ToDictionary(v => v.Index);
            layers[l].Clear();
            layers[l].AddRange(order[l].Select(i => byIndex[i]));
            for (int i = 0; i < layers[l].Count; i++)
            {
                layers[l][i].Position = i;
            }
        }
    }
}
