using System;
using System.Collections.Generic;
using System.Linq;

namespace SourceAD.Graphs;

/// <summary>The node-level derivative check behind <see cref="ComputationGraph.CheckDerivatives"/>.</summary>
internal static class GraphCheck
{
    /// <summary>The smallest step and tolerance used for single-precision nodes (and nodes that read one), whose rounding error swamps finer ones.</summary>
    private const double SinglePrecisionFloor = 1e-3;

    public static GraphCheckReport Run(ComputationGraph graph, double tolerance, double step)
    {
        if (!(tolerance >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "The tolerance must be a non-negative number.");
        }
        if (!(step > 0) || double.IsInfinity(step))
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "The finite-difference step must be positive and finite (e.g. 1e-6).");
        }
        var local = new List<LocalDerivativeEntry>();
        var notChecked = new List<int>();
        foreach (GraphNode node in graph.Nodes.Where(n => n.Kind == GraphNodeKind.Operation))
        {
            if (!CheckLocal(graph, node, tolerance, step, local))
            {
                notChecked.Add(node.Id);
            }
        }
        var adjoints = new List<AdjointEntry>();
        foreach (GraphNode node in graph.Nodes.Reverse())
        {
            if (ChainRuleAdjoint(graph, node) is double chainRule)
            {
                double recorded = node.Adjoint.Scalar;
                adjoints.Add(new AdjointEntry(node.Id, node.Label, recorded, chainRule, GradCheck.Error(recorded, chainRule), Tolerance(node, tolerance)));
            }
        }
        return new GraphCheckReport(local, adjoints, notChecked);
    }

    private static bool CheckLocal(ComputationGraph graph, GraphNode node, double tolerance, double step, List<LocalDerivativeEntry> entries)
    {
        GraphEdge[] edges = graph.EdgesInto(node.Id).ToArray();
        if (node.Evaluate is not LocalOperation evaluate || edges.Length == 0
            || edges.Any(e => !e.LocalDerivative.IsScalar || !e.Value.IsScalar || !double.IsFinite(e.Value.Scalar)))
        {
            return false;
        }
        int[] slots = node.InputEdges;
        double[] point = edges.Select(e => e.Value.Scalar).ToArray();
        double[] derivatives = edges.Select(e => e.LocalDerivative.Scalar).ToArray();
        bool single = IsSinglePrecision(graph, node);
        GradCheckReport report = GradCheck.Run(
            p =>
            {
                var reads = new double[slots.Length];
                for (int i = 0; i < slots.Length; i++)
                {
                    reads[i] = p[slots[i]];
                }
                return evaluate(reads);
            },
            _ => derivatives,
            point,
            edges.Select(e => InputName(graph.Nodes[e.From])).ToArray(),
            single ? Math.Max(step, SinglePrecisionFloor) : step);
        double held = single ? Math.Max(tolerance, SinglePrecisionFloor) : tolerance;
        entries.AddRange(report.Entries.Select(e => new LocalDerivativeEntry(node.Id, node.Label, e.Name, node.Rule, e.Analytic, e.Numeric, e.Error, held)));
        return true;
    }

    /// <summary>Σ ∂J/∂y · ∂y/∂x over the edges x → y, when the node's adjoint and every term are scalars; otherwise null.</summary>
    private static double? ChainRuleAdjoint(ComputationGraph graph, GraphNode node)
    {
        if (node.Id == graph.Result || !node.Adjoint.IsScalar)
        {
            return null;
        }
        double sum = 0;
        bool any = false;
        foreach (GraphEdge edge in graph.EdgesFrom(node.Id))
        {
            GraphValue adjoint = graph.Nodes[edge.To].Adjoint;
            if (!edge.LocalDerivative.IsScalar || !adjoint.IsScalar)
            {
                return null;
            }
            sum += adjoint.Scalar * edge.LocalDerivative.Scalar;
            any = true;
        }
        return any ? sum : null;
    }

    /// <summary>Whether the node computes in single precision or reads a value that is (a widening <c>(double)f</c> is only as fine as f).</summary>
    private static bool IsSinglePrecision(ComputationGraph graph, GraphNode node) =>
        node.Value.Kind == GraphValueKind.Single || graph.EdgesInto(node.Id).Any(e => e.Value.Kind == GraphValueKind.Single);

    private static double Tolerance(GraphNode node, double tolerance) =>
        node.Value.Kind == GraphValueKind.Single ? Math.Max(tolerance, SinglePrecisionFloor) : tolerance;

    internal static string InputName(GraphNode node) => node.Variable ?? node.Label;
}
