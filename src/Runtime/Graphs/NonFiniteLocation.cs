namespace SourceAD.Graphs;

/// <summary>
/// Where the first NaN or infinity of a graph appears, in evaluation order: the first value of the forward sweep that is
/// not finite or, when every value is finite, the first adjoint of the reverse sweep that is not (the reverse sweep runs
/// from the result back to the inputs, so that is the non-finite adjoint of the latest node).
/// </summary>
/// <param name="Node">The drawn node marked: the node itself, or the loop summary that stands for its iteration.</param>
/// <param name="InAdjoint">Whether the adjoint (rather than the value) is the first non-finite number.</param>
/// <param name="Source">The source text of the operation that produced it.</param>
/// <param name="Value">The non-finite value or adjoint.</param>
/// <param name="Iteration">When the operation ran in an iteration past the unrolling limit, that iteration (1-based) of the innermost summarised loop; otherwise <see langword="null"/>.</param>
public sealed record NonFiniteLocation(int Node, bool InAdjoint, string Source, GraphValue Value, int? Iteration)
{
    /// <summary>A sentence naming the place, e.g. <c>the value of node 4 'r = Math.Log(s)' is NaN</c>.</summary>
    public string Description =>
        $"the {(InAdjoint ? "adjoint" : "value")} of {(Iteration is int i ? $"'{Source}' in iteration {i} (drawn as node {Node}, the loop summary)" : $"node {Node} '{Source}'")} is {Value}";

    /// <inheritdoc/>
    public override string ToString() => Description;
}
