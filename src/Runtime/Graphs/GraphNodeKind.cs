namespace SourceAD.Graphs;

/// <summary>What a <see cref="GraphNode"/> stands for.</summary>
public enum GraphNodeKind
{
    /// <summary>A differentiable parameter of the method.</summary>
    Input,

    /// <summary>A <c>[NoDiff]</c> parameter or other constant input: no derivative flows into it.</summary>
    Constant,

    /// <summary>An operation or assignment of the method's body (one node per assignment: overwritten variables get new nodes).</summary>
    Operation,

    /// <summary>A collapsed call: the callee's subgraph drawn as one node (see <see cref="ComputationGraph.CollapseCalls"/>).</summary>
    Call,

    /// <summary>The loop iterations past the unrolling limit, drawn as one node that says how many iterations it stands for.</summary>
    LoopSummary,
}
