using SourceAD.Graphs;

namespace SourceAD.Runtime.Tests.Graphs;

/// <summary>Loops, branches, calls, tensors and repeated reads, as the builder records them.</summary>
public sealed class StructureTests
{
    /// <summary>s = 0; for i in 0..n-1: s = s + i·x; return s: ∂s/∂x = n(n−1)/2.</summary>
    private static ComputationGraph SumLoop(int n, int limit, out int after)
    {
        var g = new GraphBuilder("S", iterationLimit: limit);
        double x = 2;
        int nx = g.Input("x", x);
        double s = 0;
        int ns = g.Constant("s = 0", s);
        var nodes = new List<int>();
        g.BeginLoop("for (int i = 0; i < n; i++)");
        for (int i = 0; i < n; i++)
        {
            g.BeginIteration($"i = {i}");
            s += i * x;
            ns = g.Operation("s += i * x", "+", s, [(ns, 1.0), (nx, (double)i)]);
            nodes.Add(ns);
            g.EndIteration();
        }
        g.EndLoop();
        after = g.Operation("return 2 * s", "*", 2 * s, [(ns, 2.0)], variable: "S");
        g.SetAdjoint(after, 1.0);
        foreach (int node in nodes)
        {
            g.SetAdjoint(node, 2.0);
        }
        g.SetAdjoint(nx, 2.0 * n * (n - 1) / 2);
        return g.Build(after);
    }

    [Fact]
    public void Loop_IsUnrolledUpToTheLimitThenOneSummaryNode()
    {
        ComputationGraph g = SumLoop(n: 12, limit: 8, out int result);
        GraphCluster loop = Assert.Single(g.Clusters, c => c.Kind == GraphClusterKind.Loop);
        Assert.Equal("for (int i = 0; i < n; i++)", loop.Label);
        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"i = {i}"), g.Clusters.Where(c => c.Kind == GraphClusterKind.Iteration).Select(c => c.Label));
        Assert.All(g.Clusters.Where(c => c.Kind == GraphClusterKind.Iteration), c => Assert.Equal(loop.Id, c.Parent));
        Assert.Equal(8, g.Nodes.Count(n => n.Label == "s += i * x"));
        GraphNode summary = Assert.Single(g.Nodes, n => n.Kind == GraphNodeKind.LoopSummary);
        Assert.Equal(4, summary.SummarisedIterations);
        Assert.Equal("4 more iterations (9–12)", summary.Label);
        Assert.Equal(loop.Id, summary.Cluster);
        // The summary reads x and the last drawn s; the value leaving the loop is s after all 12 iterations: 2·66.
        Assert.Equal([g.Find("x").Id, g.Nodes.Last(n => n.Label == "s += i * x").Id], g.EdgesInto(summary.Id).Select(e => e.From).Order());
        GraphEdge leaving = Assert.Single(g.EdgesInto(result));
        Assert.Equal((summary.Id, 132.0, 2.0), (leaving.From, leaving.Value.Scalar, leaving.LocalDerivative.Scalar));
        Assert.Equal(264, g.ResultNode.Value.Scalar);
    }

    [Fact]
    public void Loop_WithinTheLimit_HasNoSummary()
    {
        ComputationGraph g = SumLoop(n: 3, limit: 8, out _);
        Assert.DoesNotContain(g.Nodes, n => n.Kind == GraphNodeKind.LoopSummary);
        Assert.Equal([0.0, 2, 6], g.Nodes.Where(n => n.Label == "s += i * x").Select(n => n.Value.Scalar));
    }

    [Fact]
    public void Branch_IsAClusterNamingTheConditionAndTheSideTaken()
    {
        var g = new GraphBuilder("F");
        int x = g.Input("x", -2.0);
        g.BeginBranch("if (x > 0)", "else");
        int y = g.Operation("y = -x", "-", 2.0, [(x, -1.0)]);
        g.EndBranch();
        ComputationGraph graph = g.Build(y);
        GraphCluster branch = Assert.Single(graph.Clusters);
        Assert.Equal((GraphClusterKind.Branch, "if (x > 0) → else"), (branch.Kind, branch.Label));
        Assert.Equal(branch.Id, graph.Find("y").Cluster);
        Assert.Contains("branch taken: if (x &gt; 0) → else", graph.ToSvg());
    }

    [Fact]
    public void CollapsedCall_IsOneNodeWhoseEdgeCarriesTheCalleesTotalDerivative()
    {
        // a = Sigmoid(z) with the callee as four primitive nodes (seed 2): collapsed, its local derivative is σ(z)(1 − σ(z)).
        var g = new GraphBuilder("F");
        double z = 0.5;
        int nz = g.Input("z", z);
        g.BeginCall("a = Sigmoid(z)");
        double n = -z, e = Math.Exp(n), s = 1 + e, a = 1 / s;
        int nn = g.Operation("-z", "-", n, [(nz, -1.0)]);
        int ne = g.Operation("Math.Exp(-z)", "Math.Exp", e, [(nn, e)]);
        int ns = g.Operation("1 + Math.Exp(-z)", "+", s, [(ne, 1.0)]);
        int na = g.Operation("return 1 / (1 + Math.Exp(-z))", "/", a, [(ns, -1 / (s * s))]);
        g.EndCall(na);
        int nf = g.Operation("f = 2 * a", "*", 2 * a, [(na, 2.0)]);
        g.SetAdjoint(na, 2.0);
        ComputationGraph graph = g.Build(nf);

        Assert.Equal(na, graph.Clusters.Single().Result);
        ComputationGraph collapsed = graph.CollapseCalls();
        Assert.Equal(["z", "a = Sigmoid(z)", "f = 2 * a"], collapsed.Nodes.Select(x => x.Label));
        GraphNode call = collapsed.Nodes[1];
        Assert.Equal((GraphNodeKind.Call, "a", a, 2.0), (call.Kind, call.Variable, call.Value.Scalar, call.Adjoint.Scalar));
        Assert.Empty(collapsed.Clusters);
        GraphEdge into = Assert.Single(collapsed.EdgesInto(1));
        Assert.Equal(0, into.From);
        Assert.Equal(a * (1 - a), into.LocalDerivative.Scalar, 15);
        Assert.Equal((1, 2, 2.0), (collapsed.Edges[^1].From, collapsed.Edges[^1].To, collapsed.Edges[^1].LocalDerivative.Scalar));
        Assert.Equal(2, collapsed.Result);
    }

    [Fact]
    public void RepeatedRead_IsOneEdgeWithTheSummedLocalDerivative()
    {
        var g = new GraphBuilder("F");
        int x = g.Input("x", 3.0);
        int y = g.Operation("y = x * x", "*", 9.0, [(x, 3.0), (x, 3.0)], static v => v[0] * v[1]);
        ComputationGraph graph = g.Build(y);
        GraphEdge edge = Assert.Single(graph.Edges);
        Assert.Equal(6, edge.LocalDerivative.Scalar);
        Assert.Equal([x, x], graph.Find("y").InputNodes);
        Assert.True(graph.CheckDerivatives().Passed);
    }

    [Fact]
    public void TensorNode_ShowsShapeAndSummaryNotElements()
    {
        var g = new GraphBuilder("F");
        int w = g.Input("w", Tensor.FromArray([3f, -4f, 0f, 1f, 2f, -2f], 2, 3));
        int s = g.Operation("s = Tensor.SumOfSquares(w)", "Tensor.SumOfSquares", 34f, [w]);
        ComputationGraph graph = g.Build(s);
        TensorSummary summary = graph.Find("w").Value.Tensor!;
        Assert.Equal([2, 3], summary.Shape);
        Assert.Equal((Math.Sqrt(34), -4.0, 3.0, 0), (summary.Norm, summary.Min, summary.Max, summary.NonFiniteCount));
        Assert.Equal("[2, 3] norm 5.8309517 min -4 max 3", summary.ToString());
        Assert.True(graph.Edges.Single().LocalDerivative.IsNone);
        Assert.Contains("[2, 3] norm 5.8309517", graph.ToDot());
    }

    [Fact]
    public void NullTensorAdjoint_IsNone()
    {
        var g = new GraphBuilder("F");
        int w = g.Input("w", Tensor.Scalar(1f));
        g.SetAdjoint(w, (Tensor?)null);
        Assert.True(g.Build(w).Nodes[0].Adjoint.IsNone);
    }

    [Fact]
    public void Builder_RejectsMisuseWithMessagesSayingWhatWasExpected()
    {
        var g = new GraphBuilder("F");
        int x = g.Input("x", 1.0);
        Assert.Contains("handle returned by this builder", Assert.Throws<ArgumentException>(() => g.Operation("y = x", "=", 1.0, [(7, 1.0)])).Message);
        Assert.Contains("inside a loop", Assert.Throws<InvalidOperationException>(() => g.BeginIteration()).Message);
        g.BeginLoop("while (true)");
        Assert.Contains("to be a Branch, but it is Loop", Assert.Throws<InvalidOperationException>(g.EndBranch).Message);
        Assert.Contains("still open", Assert.Throws<InvalidOperationException>(() => g.Build(x)).Message);
        g.EndLoop();
        g.Build(x);
        Assert.Contains("already built", Assert.Throws<InvalidOperationException>(() => g.Input("y", 2.0)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new GraphBuilder("F", iterationLimit: 0));
    }
}
