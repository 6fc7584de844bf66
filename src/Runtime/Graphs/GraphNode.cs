using System.Collections.Generic;

namespace SourceAD.Graphs;

/// <summary>
/// A node of a <see cref="ComputationGraph"/>: an input, a constant or an operation, with the value it took in the
/// forward sweep and the adjoint (∂result/∂node) the reverse sweep gave it.
/// </summary>
public sealed class GraphNode
{
    internal GraphNode(int id, GraphNodeKind kind, string label, string operation, string? variable, GraphValue value,
        int? cluster, int[] inputs, LocalOperation? evaluate, string? rule)
    {
        Id = id;
        Kind = kind;
        Label = label;
        Operation = operation;
        Variable = variable;
        Value = value;
        Cluster = cluster;
        InputNodes = inputs;
        Evaluate = evaluate;
        Rule = rule;
    }

    /// <summary>The node's index in <see cref="ComputationGraph.Nodes"/>: nodes are numbered in evaluation order.</summary>
    public int Id { get; }

    /// <summary>What the node stands for.</summary>
    public GraphNodeKind Kind { get; }

    /// <summary>The C# source text of the operation (e.g. <c>u = b * c</c>), or the parameter's name for an input.</summary>
    public string Label { get; internal set; }

    /// <summary>The operator or function applied (e.g. <c>*</c>, <c>Math.Exp</c>); <c>input</c> or <c>constant</c> for inputs.</summary>
    public string Operation { get; }

    /// <summary>The variable the node assigns or the parameter it is, or <see langword="null"/> for a subexpression.</summary>
    public string? Variable { get; }

    /// <summary>The value computed by the forward sweep.</summary>
    public GraphValue Value { get; }

    /// <summary>The adjoint from the reverse sweep, ∂result/∂node; <see cref="GraphValue.None"/> when none was recorded.</summary>
    public GraphValue Adjoint { get; internal set; }

    /// <summary>The innermost cluster (call, loop, iteration or branch) the node belongs to, or <see langword="null"/>.</summary>
    public int? Cluster { get; }

    /// <summary>The input nodes in the order the operation reads them (an input read twice, as in <c>x * x</c>, appears twice).</summary>
    public IReadOnlyList<int> InputNodes { get; }

    /// <summary>Re-evaluates the node's operation from its input values, or <see langword="null"/> when not given.</summary>
    public LocalOperation? Evaluate { get; }

    /// <summary>The <c>[DerivativeOf]</c> pullback that gave this node's local derivatives, or <see langword="null"/> for a built-in rule.</summary>
    public string? Rule { get; }

    /// <summary>For a <see cref="GraphNodeKind.LoopSummary"/>, how many iterations the node stands for; 0 otherwise.</summary>
    public int SummarisedIterations { get; internal set; }

    /// <summary>The values of <see cref="InputNodes"/> as this node read them (a loop summary input stands for a value it does not show).</summary>
    internal GraphValue[] InputValues { get; init; } = [];

    /// <summary>For each read in <see cref="InputNodes"/>, the index of its edge among the edges into this node (reads of one value share an edge).</summary>
    internal int[] InputEdges { get; init; } = [];

    /// <summary>Whether the value or the adjoint is NaN or infinite.</summary>
    public bool IsNonFinite => !Value.IsFinite || !Adjoint.IsFinite;

    /// <inheritdoc/>
    public override string ToString() => $"{Id}: {Label} = {Value}";
}
