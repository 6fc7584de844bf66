using System;

namespace SourceAD.Graphs;

/// <summary>
/// Re-evaluates one node's own operation from its input values, in the order the node's inputs were given; used by
/// <see cref="ComputationGraph.CheckDerivatives"/> to compare each local derivative with central differences.
/// Generated code passes a static lambda, e.g. <c>static x =&gt; x[0] * x[1]</c>.
/// </summary>
/// <param name="inputs">The input values.</param>
/// <returns>The node's value at those inputs.</returns>
public delegate double LocalOperation(ReadOnlySpan<double> inputs);
