namespace SourceAD.Graphs;

/// <summary>What a <see cref="GraphCluster"/> groups.</summary>
public enum GraphClusterKind
{
    /// <summary>A call to another <c>[Differentiable]</c> method: the callee's nodes (collapsible into one node).</summary>
    Call,

    /// <summary>A loop: its iteration clusters, and a summary node for the iterations past the unrolling limit.</summary>
    Loop,

    /// <summary>One iteration of a loop.</summary>
    Iteration,

    /// <summary>The side of a branch that was taken (<c>if</c>, <c>?:</c>, <c>switch</c>), labelled with its condition.</summary>
    Branch,
}
