namespace SourceAD.Graphs;

/// <summary>
/// An edge of a <see cref="ComputationGraph"/>: the value <paramref name="Value"/> of node <paramref name="From"/> flows
/// forward into node <paramref name="To"/>, whose local derivative with respect to it is
/// <paramref name="LocalDerivative"/> (∂To/∂From; the reverse sweep multiplies the adjoint of <c>To</c> by it).
/// An input read several times by one operation (<c>x * x</c>) is one edge whose local derivative is the sum.
/// </summary>
/// <param name="From">The node whose value flows forward.</param>
/// <param name="To">The node that reads it.</param>
/// <param name="Value">The value flowing forward.</param>
/// <param name="LocalDerivative">∂To/∂From, or <see cref="GraphValue.None"/> when it is not a scalar (tensor operations, constants).</param>
public sealed record GraphEdge(int From, int To, GraphValue Value, GraphValue LocalDerivative);
