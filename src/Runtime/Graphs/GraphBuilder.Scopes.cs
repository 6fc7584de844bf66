using System;

namespace SourceAD.Graphs;

public sealed partial class GraphBuilder
{
    /// <summary>Starts a call to another <c>[Differentiable]</c> method: the callee's nodes, added until <see cref="EndCall"/>, form a collapsible cluster.</summary>
    /// <param name="source">The call's source text, e.g. <c>a = Sigmoid(w1 * x)</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="source"/> is null or empty.</exception>
    /// <exception cref="InvalidOperationException">The graph was already built.</exception>
    public void BeginCall(string source) => Begin(GraphClusterKind.Call, source);

    /// <summary>Ends the innermost call.</summary>
    /// <param name="result">The handle of the callee's result node.</param>
    /// <exception cref="ArgumentException"><paramref name="result"/> is not a handle this builder returned.</exception>
    /// <exception cref="InvalidOperationException">The innermost open scope is not a call, or the graph was already built.</exception>
    public void EndCall(int result)
    {
        RequireHandle(result, nameof(result));
        Scope scope = End(GraphClusterKind.Call);
        if (scope.Cluster >= 0 && result >= 0)
        {
            _clusters[scope.Cluster] = _clusters[scope.Cluster] with { Result = result };
        }
    }

    /// <summary>Starts a loop; call <see cref="BeginIteration"/> and <see cref="EndIteration"/> around each iteration, then <see cref="EndLoop"/>.</summary>
    /// <param name="source">The loop's header, e.g. <c>for (int i = 0; i &lt; n; i++)</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="source"/> is null or empty.</exception>
    /// <exception cref="InvalidOperationException">The graph was already built.</exception>
    public void BeginLoop(string source) => Begin(GraphClusterKind.Loop, source);

    /// <summary>
    /// Starts the next iteration of the innermost loop. Iterations up to <see cref="IterationLimit"/> are drawn as
    /// clusters; the nodes of later ones are folded into the loop's summary node.
    /// </summary>
    /// <param name="label">The iteration's label, e.g. <c>i = 3</c>; by default <c>iteration k</c>.</param>
    /// <exception cref="InvalidOperationException">The innermost open scope is not a loop, or the graph was already built.</exception>
    public void BeginIteration(string? label = null)
    {
        EnsureNotBuilt();
        if (_scopes.Count == 0 || _scopes.Peek().Kind != GraphClusterKind.Loop)
        {
            throw new InvalidOperationException($"Expected BeginIteration inside a loop (after BeginLoop), but the innermost open scope is {(_scopes.Count == 0 ? "none" : _scopes.Peek().Kind)}.");
        }
        Scope loop = _scopes.Peek();
        loop.Iterations++;
        if (_summary >= 0 || loop.Iterations <= IterationLimit)
        {
            Begin(GraphClusterKind.Iteration, label ?? $"iteration {loop.Iterations}");
            return;
        }
        if (loop.Summary < 0)
        {
            loop.Summary = _nodes.Count;
            _nodes.Add(new GraphNode(loop.Summary, GraphNodeKind.LoopSummary, "more iterations", "loop", null, GraphValue.None, loop.Cluster, [], null, null));
        }
        _scopes.Push(new Scope(GraphClusterKind.Iteration, -1) { Summarised = true });
        _summary = loop.Summary;
        _hiddenIteration = loop.Iterations;
    }

    /// <summary>Ends the current iteration.</summary>
    /// <exception cref="InvalidOperationException">The innermost open scope is not an iteration, or the graph was already built.</exception>
    public void EndIteration()
    {
        if (End(GraphClusterKind.Iteration).Summarised)
        {
            _summary = -1;
        }
    }

    /// <summary>Ends the innermost loop; its summary node, if any, learns how many iterations it stands for.</summary>
    /// <exception cref="InvalidOperationException">The innermost open scope is not a loop, or the graph was already built.</exception>
    public void EndLoop()
    {
        Scope loop = End(GraphClusterKind.Loop);
        if (loop.Summary >= 0)
        {
            GraphNode summary = _nodes[loop.Summary];
            summary.SummarisedIterations = loop.Iterations - IterationLimit;
            summary.Label = $"{summary.SummarisedIterations} more iterations ({IterationLimit + 1}–{loop.Iterations})";
        }
    }

    /// <summary>Starts the side of a branch that was taken; its nodes, added until <see cref="EndBranch"/>, are drawn in a cluster labelled with the condition and the side.</summary>
    /// <param name="condition">The branch's source text, e.g. <c>if (x &gt; 0)</c>, <c>x &gt; 0 ? … : …</c>, <c>switch (k)</c>.</param>
    /// <param name="side">The side taken, e.g. <c>then</c>, <c>else</c>, <c>case 2</c>, <c>default</c>.</param>
    /// <exception cref="ArgumentException">A text is null or empty.</exception>
    /// <exception cref="InvalidOperationException">The graph was already built.</exception>
    public void BeginBranch(string condition, string side)
    {
        ArgumentException.ThrowIfNullOrEmpty(condition);
        ArgumentException.ThrowIfNullOrEmpty(side);
        Begin(GraphClusterKind.Branch, $"{condition} → {side}");
    }

    /// <summary>Ends the innermost branch.</summary>
    /// <exception cref="InvalidOperationException">The innermost open scope is not a branch, or the graph was already built.</exception>
    public void EndBranch() => End(GraphClusterKind.Branch);

    private int? CurrentCluster => _scopes.Count == 0 ? null : _scopes.Peek().Cluster;

    private void Begin(GraphClusterKind kind, string label)
    {
        EnsureNotBuilt();
        ArgumentException.ThrowIfNullOrEmpty(label);
        if (_summary >= 0)
        {
            _scopes.Push(new Scope(kind, -1));
            return;
        }
        int id = _clusters.Count;
        _clusters.Add(new GraphCluster(id, kind, label, CurrentCluster, null));
        _scopes.Push(new Scope(kind, id));
    }

    private Scope End(GraphClusterKind kind)
    {
        EnsureNotBuilt();
        if (_scopes.Count == 0 || _scopes.Peek().Kind != kind)
        {
            throw new InvalidOperationException($"Expected the innermost open scope to be a {kind}, but it is {(_scopes.Count == 0 ? "none" : _scopes.Peek().Kind)}.");
        }
        return _scopes.Pop();
    }

    /// <summary>An open call, loop, iteration or branch; <see cref="Cluster"/> is −1 inside an iteration that is not drawn.</summary>
    private sealed class Scope(GraphClusterKind kind, int cluster)
    {
        public GraphClusterKind Kind { get; } = kind;

        public int Cluster { get; } = cluster;

        public int Iterations { get; set; }

        public int Summary { get; set; } = -1;

        public bool Summarised { get; init; }
    }
}
