namespace SourceAD.Graphs;

/// <summary>A group of nodes drawn inside a rounded box: a call, a loop, one iteration, or the side of a branch taken.</summary>
/// <param name="Id">The cluster's index in <see cref="ComputationGraph.Clusters"/>.</param>
/// <param name="Kind">What the cluster groups.</param>
/// <param name="Label">The source text it stands for, e.g. <c>a = Sigmoid(z)</c>, <c>for (int i = 0; i &lt; n; i++)</c>, <c>iteration 3</c>, <c>if (x &gt; 0): then</c>.</param>
/// <param name="Parent">The enclosing cluster, or <see langword="null"/> at the top level.</param>
/// <param name="Result">For a call, the node holding the callee's result; otherwise <see langword="null"/>.</param>
public sealed record GraphCluster(int Id, GraphClusterKind Kind, string Label, int? Parent, int? Result);
