using System.Collections.Generic;
using System.Linq;

namespace SourceAD.Graphs;

/// <summary>
/// Draws each outermost call as one node, as a primitive: its edges in carry the callee's total local derivative
/// ∂result/∂input, accumulated forward over the callee's own edges (the seeds' sigmoid as one node instead of four).
/// </summary>
internal static class CallCollapse
{
    public static ComputationGraph Collapse(ComputationGraph graph)
    {
        GraphCluster[] calls = graph.Clusters
            .Where(c => c.Kind == GraphClusterKind.Call && c.Result is not null && !HasCallAncestor(graph, c))
            .ToArray();
        if (calls.Length == 0)
        {
            return graph;
        }
        var callOf = new int?[graph.Nodes.Count];
        foreach (GraphCluster call in calls)
        {
            foreach (GraphNode member in graph.NodesIn(call.Id))
            {
                callOf[member.Id] = call.Id;
            }
        }

        int[] clusterMap = ClusterMap(graph, calls);
        var nodeMap = new int[graph.Nodes.Count];
        var nodes = new List<GraphNode>();
        var edges = new List<GraphEdge>();
        foreach (GraphNode node in graph.Nodes)
        {
            if (callOf[node.Id] is int call)
            {
                GraphCluster cluster = graph.Clusters[call];
                if (node.Id == graph.NodesIn(call).First().Id)
                {
                    nodes.Add(CollapsedNode(graph, cluster, nodes.Count, nodeMap, clusterMap, callOf, edges));
                }
                nodeMap[node.Id] = nodes.Count - 1;
                continue;
            }
            nodeMap[node.Id] = nodes.Count;
            nodes.Add(new GraphNode(nodes.Count, node.Kind, node.Label, node.Operation, node.Variable, node.Value, MapCluster(node.Cluster, clusterMap),
                node.InputNodes.Select(i => nodeMap[i]).ToArray(), node.Evaluate, node.Rule)
            {
                Adjoint = node.Adjoint,
                SummarisedIterations = node.SummarisedIterations,
                InputValues = node.InputValues,
                InputEdges = node.InputEdges,
            });
            edges.AddRange(graph.EdgesInto(node.Id).Select(e => e with { From = nodeMap[e.From], To = nodeMap[e.To] }));
        }

        GraphCluster[] clusters = graph.Clusters.Where(c => clusterMap[c.Id] >= 0)
            .Select(c => c with
            {
                Id = clusterMap[c.Id],
                Parent = MapCluster(c.Parent, clusterMap),
                Result = c.Result is int r ? nodeMap[r] : null,
            })
            .ToArray();
        NonFiniteLocation? first = graph.FirstNonFinite is { } location ? location with { Node = nodeMap[location.Node] } : null;
        return new ComputationGraph(graph.Name, nodes, edges, clusters, nodeMap[graph.Result], first);
    }

    private static GraphNode CollapsedNode(ComputationGraph graph, GraphCluster call, int id, int[] nodeMap, int[] clusterMap, int?[] callOf, List<GraphEdge> edges)
    {
        GraphNode result = graph.Nodes[call.Result!.Value];
        GraphEdge[] entering = graph.NodesIn(call.Id).SelectMany(m => graph.EdgesInto(m.Id)).Where(e => callOf[e.From] != call.Id).ToArray();
        int[] externals = entering.Select(e => e.From).Distinct().ToArray();
        foreach (int external in externals)
        {
            GraphValue derivative = TotalDerivative(graph, call.Id, external, result.Id) is double d ? d : GraphValue.None;
            edges.Add(new GraphEdge(nodeMap[external], id, entering.First(e => e.From == external).Value, derivative));
        }
        return new GraphNode(id, GraphNodeKind.Call, call.Label, "call", GraphBuilder.AssignedVariable(call.Label), result.Value, MapCluster(call.Parent, clusterMap),
            externals.Select(e => nodeMap[e]).ToArray(), null, null)
        {
            Adjoint = result.Adjoint,
            InputValues = externals.Select(e => entering.First(x => x.From == e).Value).ToArray(),
            InputEdges = Enumerable.Range(0, externals.Length).ToArray(),
        };
    }

    /// <summary>Forward accumulation over the call's members: ∂result/∂external, or null if a path has a local derivative that is not a scalar.</summary>
    private static double? TotalDerivative(ComputationGraph graph, int call, int external, int result)
    {
        var tangent = new Dictionary<int, double?> { [external] = 1.0 };
        foreach (GraphNode member in graph.NodesIn(call))
        {
            double? sum = 0;
            foreach (GraphEdge edge in graph.EdgesInto(member.Id))
            {
                if (tangent.TryGetValue(edge.From, out double? t) && t != 0)
                {
                    sum = edge.LocalDerivative.IsScalar && t is double known && sum is double s ? s + known * edge.LocalDerivative.Scalar : null;
                }
            }
            tangent[member.Id] = sum;
        }
        return tangent[result];
    }

    private static bool HasCallAncestor(ComputationGraph graph, GraphCluster cluster)
    {
        for (int? c = cluster.Parent; c is int id; c = graph.Clusters[id].Parent)
        {
            if (graph.Clusters[id].Kind == GraphClusterKind.Call)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The new index of each cluster that stays, −1 for the collapsed calls and everything inside them.</summary>
    private static int[] ClusterMap(ComputationGraph graph, GraphCluster[] calls)
    {
        var map = new int[graph.Clusters.Count];
        int next = 0;
        foreach (GraphCluster cluster in graph.Clusters)
        {
            map[cluster.Id] = calls.Any(call => graph.IsInside(cluster.Id, call.Id)) ? -1 : next++;
        }
        return map;
    }

    private static int? MapCluster(int? cluster, int[] map) => cluster is int c ? map[c] : null;
}
