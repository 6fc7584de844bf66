using System.Collections.Generic;

namespace SourceAD.Graphs;

/// <summary>
/// The text every rendering shows, so DOT, Mermaid and SVG say the same: a node shows its source text, its value and its
/// adjoint (derivatives flowing back); an edge shows the value flowing forward and the local derivative.
/// </summary>
internal static class GraphLabels
{
    public static IReadOnlyList<string> Node(ComputationGraph graph, GraphNode node)
    {
        var lines = new List<string> { node.Label };
        if (!node.Value.IsNone)
        {
            lines.Add(node.Kind is GraphNodeKind.Input or GraphNodeKind.Constant ? node.Value.ToString() : "= " + node.Value);
        }
        if (!node.Adjoint.IsNone)
        {
            lines.Add($"∂{graph.Name}/∂{AdjointName(node)} = {node.Adjoint}");
        }
        if (graph.FirstNonFinite is { } first && first.Node == node.Id)
        {
            lines.Add(first.Iteration is int iteration
                ? $"first non-finite: {(first.InAdjoint ? "adjoint" : "value")} of '{first.Source}' in iteration {iteration}"
                : $"first non-finite {(first.InAdjoint ? "adjoint" : "value")}");
        }
        return lines;
    }

    public static IReadOnlyList<string> Edge(ComputationGraph graph, GraphEdge edge)
    {
        var lines = new List<string>(2) { Short(edge.Value) };
        if (!edge.LocalDerivative.IsNone)
        {
            string? to = graph.Nodes[edge.To].Variable, from = graph.Nodes[edge.From].Variable;
            lines.Add(to is not null && from is not null
                ? $"∂{to}/∂{from} = {Short(edge.LocalDerivative)}"
                : $"∂ = {Short(edge.LocalDerivative)}");
        }
        return lines;
    }

    public static bool IsFirstNonFinite(ComputationGraph graph, GraphNode node) => graph.FirstNonFinite?.Node == node.Id;

    public static bool IsNonFinite(GraphEdge edge) => !edge.Value.IsFinite || !edge.LocalDerivative.IsFinite;

    /// <summary>A node's name in ∂J/∂name: its variable, or · (this node) for a subexpression, whose source text heads the node.</summary>
    private static string AdjointName(GraphNode node) => node.Variable ?? "·";

    /// <summary>A scalar as printed; a tensor as its shape and norm (the node shows the whole summary).</summary>
    private static string Short(GraphValue value) =>
        value.Tensor is { } tensor ? $"{tensor.ShapeText} norm {GraphNumber.Format(tensor.Norm, tensor.SinglePrecision)}" : value.ToString();
}
