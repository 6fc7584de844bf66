using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace SourceAD.Graphs;

/// <summary>Graphviz DOT, left to right, clusters as rounded subgraphs.</summary>
internal static class DotWriter
{
    public static string Write(ComputationGraph graph)
    {
        var dot = new StringBuilder();
        dot.Append("digraph ").Append(Quote(graph.Name)).Append(" {\n");
        dot.Append("  rankdir=LR;\n  charset=\"UTF-8\";\n");
        dot.Append($"  node [shape=box, style=\"rounded,filled\", color=\"{GraphStyle.Stroke}\", fontname=\"monospace\", fontsize=11];\n");
        dot.Append($"  edge [color=\"{GraphStyle.Stroke}\", fontname=\"monospace\", fontsize=10];\n");
        var tree = new ClusterTree(graph);
        WriteScope(dot, graph, tree, null, "  ");
        foreach (GraphEdge edge in graph.Edges)
        {
            dot.Append($"  n{edge.From} -> n{edge.To} [label={Quote(string.Join("\n", GraphLabels.Edge(graph, edge)))}");
            if (GraphLabels.IsNonFinite(edge))
            {
                dot.Append($", color=\"{GraphStyle.NonFiniteStroke}\", fontcolor=\"{GraphStyle.NonFiniteStroke}\", penwidth=2");
            }
            dot.Append("];\n");
        }
        return dot.Append("}\n").ToString();
    }

    private static void WriteScope(StringBuilder dot, ComputationGraph graph, ClusterTree tree, int? cluster, string indent)
    {
        foreach (GraphNode node in tree.NodesIn(cluster))
        {
            dot.Append(indent).Append('n').Append(node.Id).Append(" [").Append(string.Join(", ", Attributes(graph, node))).Append("];\n");
        }
        foreach (GraphCluster child in tree.ChildrenOf(cluster))
        {
            dot.Append(indent).Append("subgraph cluster_").Append(child.Id).Append(" {\n");
            string inner = indent + "  ";
            dot.Append(inner).Append("label=").Append(Quote(GraphStyle.ClusterTitle(child))).Append(";\n");
            dot.Append(inner).Append($"style=\"rounded,filled\"; color=\"{GraphStyle.ClusterStroke(child.Kind)}\"; fillcolor=\"{GraphStyle.ClusterFill(child.Kind)}\"; fontname=\"monospace\"; fontsize=10;\n");
            WriteScope(dot, graph, tree, child.Id, inner);
            dot.Append(indent).Append("}\n");
        }
    }

    private static IEnumerable<string> Attributes(ComputationGraph graph, GraphNode node)
    {
        yield return "label=" + Quote(string.Join("\n", GraphLabels.Node(graph, node)));
        if (node.Kind is GraphNodeKind.Input or GraphNodeKind.Constant)
        {
            yield return "shape=ellipse";
        }
        else if (node.Kind == GraphNodeKind.LoopSummary)
        {
            yield return "shape=note";
        }
        if (GraphStyle.IsDashed(node.Kind))
        {
            yield return "style=\"dashed,filled\"";
        }
        if (node.Id == graph.Result)
        {
            yield return $"peripheries=2, color=\"{GraphStyle.ResultStroke}\"";
        }
        if (node.IsNonFinite || GraphLabels.IsFirstNonFinite(graph, node))
        {
            yield return $"fillcolor=\"{GraphStyle.NonFiniteFill}\", color=\"{GraphStyle.NonFiniteStroke}\", fontcolor=\"{GraphStyle.NonFiniteStroke}\"";
            yield return $"penwidth={(GraphLabels.IsFirstNonFinite(graph, node) ? 4 : 2)}";
        }
        else
        {
            yield return $"fillcolor=\"{GraphStyle.Fill(node.Kind)}\"";
        }
    }

    private static string Quote(string text) =>
        "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n") + "\"";
}
