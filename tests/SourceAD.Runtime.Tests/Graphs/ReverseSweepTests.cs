using SourceAD.Graphs;

namespace SourceAD.Runtime.Tests.Graphs;

/// <summary>GraphBuilder.Backpropagate, the reverse sweep generated graphs use, against hand-derived adjoints.</summary>
public sealed class ReverseSweepTests
{
    [Fact]
    public void Backpropagate_GivesTheSeedsAdjoints()
    {
        var g = new GraphBuilder("J");
        int a = g.Input("a", 5.0), b = g.Input("b", 3.0), c = g.Input("c", 2.0);
        int u = g.Operation("u = b * c", "*", 6.0, [(b, 2.0), (c, 3.0)]);
        int v = g.Operation("v = a + u", "+", 11.0, [(a, 1.0), (u, 1.0)]);
        int j = g.Operation("return 3 * v", "*", 33.0, [(v, 3.0)], variable: "J");
        g.Backpropagate(j);
        Assert.Equal([3.0, 6, 9, 3, 3, 1], g.Build(j).Nodes.Select(n => n.Adjoint.Scalar));
    }

    [Fact]
    public void Constants_AndOperationsOnConstantsAlone_GetNoAdjoint_UnusedNodesGetZero()
    {
        var g = new GraphBuilder("F");
        int x = g.Input("x", 2.0), t = g.Constant("t", 4.0);
        int half = g.Operation("t / 2", "/", 2.0, [(t, 0.5)]);
        int unused = g.Operation("x + 1", "+", 3.0, [(x, 1.0)]);
        int f = g.Operation("return x * x * half", "*", 8.0, [(x, 4.0), (x, 4.0), (half, 4.0)], variable: "F");
        g.Backpropagate(f);
        ComputationGraph graph = g.Build(f);
        Assert.Equal(8, graph.Nodes[x].Adjoint.Scalar);
        Assert.True(graph.Nodes[t].Adjoint.IsNone && graph.Nodes[half].Adjoint.IsNone);
        Assert.Equal(0, graph.Nodes[unused].Adjoint.Scalar);
    }

    [Fact]
    public void UndrawnIterations_AreSweptToo_AndDrawnGivesTheirResultANode()
    {
        // p = x¹⁰ by ten multiplications, two iterations drawn: ∂p/∂x = 10·x⁹.
        const double x0 = 1.5;
        var g = new GraphBuilder("P", iterationLimit: 2);
        int x = g.Input("x", x0), p = g.Constant("p = 1", 1.0);
        double value = 1;
        g.BeginLoop("for (int i = 0; i < 10; i++)");
        for (int i = 0; i < 10; i++)
        {
            g.BeginIteration();
            p = g.Operation("p *= x", "*", value * x0, [(p, x0), (x, value)]);
            value *= x0;
            g.EndIteration();
        }
        g.EndLoop();
        Assert.True(p < 0);
        int result = g.Drawn(p, "P");
        Assert.Equal(result, g.Drawn(result, "P"));
        g.Backpropagate(result);
        ComputationGraph graph = g.Build(result);
        Assert.Equal(("P", value), (graph.ResultNode.Label, graph.ResultNode.Value.Scalar));
        Assert.Equal(10 * Math.Pow(x0, 9), graph.Nodes[x].Adjoint.Scalar, 12);
        Assert.True(graph.Nodes.Single(n => n.Kind == GraphNodeKind.LoopSummary).Adjoint.IsNone);
    }

    [Fact]
    public void AnAdjointThatNeedsATensorsLocalDerivative_IsLeftAsNone()
    {
        var g = new GraphBuilder("F");
        int w = g.Input("w", Tensor.Full(1f, 3));
        int s = g.Operation("s = Tensor.Sum(w)", "Tensor.Sum", 3f, [w]);
        int t = g.Operation("t = 2 * s", "*", 6f, [(s, 2f)]);
        g.Backpropagate(t);
        ComputationGraph graph = g.Build(t);
        Assert.Equal(GraphValueKind.Single, graph.Nodes[s].Adjoint.Kind);
        Assert.Equal(2, graph.Nodes[s].Adjoint.Scalar);
        Assert.True(graph.Nodes[w].Adjoint.IsNone);
    }
}
