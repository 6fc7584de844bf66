using SourceAD.Graphs;

namespace SourceAD.Runtime.Tests.Graphs;

/// <summary>The first NaN or infinity in evaluation order is located and marked in every rendering.</summary>
public sealed class NonFiniteTests
{
    /// <summary>f(x) = log(x − 3)·√x + 1 at x = 2: log(−1) is NaN, and the NaN flows into every later node.</summary>
    private static ComputationGraph LogOfNegative()
    {
        var g = new GraphBuilder("F");
        double x = 2;
        int nx = g.Input("x", x);
        int nd = g.Operation("d = x - 3", "-", x - 3, [(nx, 1.0)]);
        int nl = g.Operation("l = Math.Log(d)", "Math.Log", Math.Log(x - 3), [(nd, 1 / (x - 3))]);
        int nr = g.Operation("r = Math.Sqrt(x)", "Math.Sqrt", Math.Sqrt(x), [(nx, 0.5 / Math.Sqrt(x))]);
        int np = g.Operation("p = l * r", "*", Math.Log(x - 3) * Math.Sqrt(x), [(nl, Math.Sqrt(x)), (nr, Math.Log(x - 3))]);
        int nf = g.Operation("return p + 1", "+", Math.Log(x - 3) * Math.Sqrt(x) + 1, [(np, 1.0)], variable: "F");
        return g.Build(nf);
    }

    [Fact]
    public void FirstNonFiniteValue_IsTheNodeWhereTheNaNAppears()
    {
        ComputationGraph g = LogOfNegative();
        Assert.True(double.IsNaN(g.ResultNode.Value.Scalar));
        NonFiniteLocation first = Assert.IsType<NonFiniteLocation>(g.FirstNonFinite);
        Assert.Equal((g.Find("l").Id, false, "l = Math.Log(d)"), (first.Node, first.InAdjoint, first.Source));
        Assert.Equal("the value of node 2 'l = Math.Log(d)' is NaN", first.Description);
    }

    [Fact]
    public void FirstNonFinite_IsMarkedInAllThreeRenderings()
    {
        ComputationGraph g = LogOfNegative();
        string dot = g.ToDot(), mermaid = g.ToMermaid(), svg = g.ToSvg();
        Assert.Contains("n2 [label=\"l = Math.Log(d)\\n= NaN\\nfirst non-finite value\"", dot);
        Assert.Contains("penwidth=4", dot);
        Assert.Contains("class n2 firstNonFinite", mermaid);
        Assert.Contains("class n4,n5 nonFinite", mermaid); // p and F read the NaN; r = √x does not
        Assert.Contains("class=\"node operation nonfinite first-nonfinite\" data-node=\"2\"", svg);
        Assert.Contains("first non-finite: the value of node 2", svg);
    }

    [Fact]
    public void OnlyAdjointNonFinite_LocatesTheFirstAdjointOfTheReverseSweep()
    {
        // f = 2·√x at x = 0: every value is finite, ∂f/∂x = 1/√x is infinite.
        var g = new GraphBuilder("F");
        int x = g.Input("x", 0.0);
        int r = g.Operation("r = Math.Sqrt(x)", "Math.Sqrt", 0.0, [(x, double.PositiveInfinity)]);
        int f = g.Operation("return 2 * r", "*", 0.0, [(r, 2.0)], variable: "F");
        g.SetAdjoint(f, 1.0);
        g.SetAdjoint(r, 2.0);
        g.SetAdjoint(x, double.PositiveInfinity);
        NonFiniteLocation first = g.Build(f).FirstNonFinite!;
        Assert.Equal((x, true), (first.Node, first.InAdjoint));
        Assert.Equal("the adjoint of node 0 'x' is ∞", first.Description);
    }

    [Fact]
    public void NaNInAnUndrawnIteration_IsLocatedAndItsSummaryMarked()
    {
        // r = √(5 − i) is NaN from i = 6 (the 7th iteration); with 3 iterations drawn it is inside the summary.
        var g = new GraphBuilder("F", iterationLimit: 3);
        int x = g.Input("x", 1.0);
        int s = x;
        double sum = 1;
        g.BeginLoop("for (int i = 0; i < 10; i++)");
        for (int i = 0; i < 10; i++)
        {
            g.BeginIteration();
            sum += Math.Sqrt(5 - i);
            s = g.Operation("s = s + Math.Sqrt(5 - i)", "+", sum, [(s, 1.0)]);
            g.EndIteration();
        }
        g.EndLoop();
        int f = g.Operation("return s", "=", sum, [(s, 1.0)]);
        ComputationGraph graph = g.Build(f);
        GraphNode summary = graph.Nodes.Single(n => n.Kind == GraphNodeKind.LoopSummary);
        NonFiniteLocation first = graph.FirstNonFinite!;
        Assert.Equal((summary.Id, false, 7), (first.Node, first.InAdjoint, first.Iteration));
        Assert.Contains("first non-finite: value of 's = s + Math.Sqrt(5 - i)' in iteration 7", graph.ToDot());
    }

    [Fact]
    public void NonFiniteTensorElements_AreCountedAndMakeTheNodeNonFinite()
    {
        var g = new GraphBuilder("F");
        int w = g.Input("w", Tensor.FromArray([1f, float.NaN, float.PositiveInfinity], 3));
        ComputationGraph graph = g.Build(w);
        Assert.Equal(2, graph.Nodes[0].Value.Tensor!.NonFiniteCount);
        Assert.Equal(w, graph.FirstNonFinite!.Node);
        Assert.Contains("2 non-finite", graph.ToMermaid());
    }
}
