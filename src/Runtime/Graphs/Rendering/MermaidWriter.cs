using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace SourceAD.Graphs;

/// <summary>A Mermaid flowchart, left to right, clusters as subgraphs; nodes first (so each lands in its subgraph), then edges.</summary>
internal static class MermaidWriter
{
    public static string Write(ComputationGraph graph)
    {
        var text = new StringBuilder("flowchart LR\n");
        var tree = new ClusterTree(graph);
        WriteScope(text, graph, tree, null, "  ");
        foreach (GraphEdge edge in graph.Edges)
        {
            text.Append($"  n{edge.From} -->|{Quote(GraphLabels.Edge(graph, edge))}| n{edge.To}\n");
        }
        foreach (GraphNodeKind kind in new[] { GraphNodeKind.Input, GraphNodeKind.Constant, GraphNodeKind.Operation, GraphNodeKind.Call, GraphNodeKind.LoopSummary })
        {
            string dash = GraphStyle.IsDashed(kind) ? ",stroke-dasharray:4 3" : "";
            text.Append($"  classDef {kind} fill:{GraphStyle.Fill(kind)},stroke:{GraphStyle.Stroke}{dash}\n");
        }
        text.Append($"  classDef result stroke:{GraphStyle.ResultStroke},stroke-width:3px\n");
        text.Append($"  classDef nonFinite fill:{GraphStyle.NonFiniteFill},stroke:{GraphStyle.NonFiniteStroke},color:{GraphStyle.NonFiniteStroke},stroke-width:2px\n");
        text.Append($"  classDef firstNonFinite fill:{GraphStyle.NonFiniteFill},stroke:{GraphStyle.NonFiniteStroke},color:{GraphStyle.NonFiniteStroke},stroke-width:5px\n");
        foreach (IGrouping<GraphNodeKind, GraphNode> kind in graph.Nodes.GroupBy(n => n.Kind))
        {
            text.Append($"  class {Ids(kind)} {kind.Key}\n");
        }
        text.Append($"  class n{graph.Result} result\n");
        AppendClass(text, graph.Nodes.Where(n => n.IsNonFinite && !GraphLabels.IsFirstNonFinite(graph, n)), "nonFinite");
        AppendClass(text, graph.Nodes.Where(n => GraphLabels.IsFirstNonFinite(graph, n)), "firstNonFinite");
        int[] red = graph.Edges.Select((e, i) => (e, i)).Where(x => GraphLabels.IsNonFinite(x.e)).Select(x => x.i).ToArray();
        if (red.Length > 0)
        {
            text.Append($"  linkStyle {string.Join(",", red)} stroke:{GraphStyle.NonFiniteStroke},color:{GraphStyle.NonFiniteStroke}\n");
        }
        foreach (GraphCluster cluster in tree.Drawn)
        {
            text.Append($"  style c{cluster.Id} fill:{GraphStyle.ClusterFill(cluster.Kind)},stroke:{GraphStyle.ClusterStroke(cluster.Kind)}\n");
        }
        return text.ToString();
    }

    private static void WriteScope(StringBuilder text, ComputationGraph graph, ClusterTree tree, int? cluster, string indent)
    {
        foreach (GraphNode node in tree.NodesIn(cluster))
        {
            string label = Quote(GraphLabels.Node(graph, node));
            text.Append(indent).Append('n').Append(node.Id).Append(node.Kind switch
            {
                GraphNodeKind.Input or GraphNodeKind.Constant => $"([{label}])",
                GraphNodeKind.LoopSummary => $"[[{label}]]",
                _ => $"[{label}]",
            }).Append('\n');
        }
        foreach (GraphCluster child in tree.ChildrenOf(cluster))
        {
            text.Append(indent).Append($"subgraph c{child.Id}[{Quote([GraphStyle.ClusterTitle(child)])}]\n");
            text.Append(indent).Append("  direction LR\n");
            WriteScope(text, graph, tree, child.Id, indent + "  ");
            text.Append(indent).Append("end\n");
        }
    }

    private static void AppendClass(StringBuilder text, IEnumerable<GraphNode> nodes, string name)
    {
        string ids = Ids(nodes);
        if (ids.Length > 0)
        {
            text.Append($"  class {ids} {name}\n");
        }
    }

    private static string Ids(IEnumerable<GraphNode> nodes) => string.Join(",", nodes.Select(n => "n" + n.Id));

    /// <summary>A quoted label whose lines are joined by &lt;br/&gt;; Mermaid's entity codes stand for the characters it would read as syntax.</summary>
    private static string Quote(IEnumerable<string> lines) =>
        "\"" + string.Join("<br/>", lines.Select(l => l.Replace("#", "#35;").Replace("&", "#38;").Replace("\"", "#quot;").Replace("<", "#lt;").Replace(">", "#gt;"))) + "\"";
}
