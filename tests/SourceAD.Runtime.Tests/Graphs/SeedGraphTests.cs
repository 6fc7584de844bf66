using SourceAD.Graphs;

namespace SourceAD.Runtime.Tests.Graphs;

/// <summary>The seed examples' graphs against their published figures: nodes, edges, values, adjoints.</summary>
public sealed class SeedGraphTests
{
    [Fact]
    public void J_HasTheSeedsNodesValuesAndAdjoints()
    {
        ComputationGraph g = HandBuiltGraphs.J();
        Assert.Equal(["a", "b", "c", "u = b * c", "v = a + u", "return 3 * v"], g.Nodes.Select(n => n.Label));
        Assert.Equal(["a", "b", "c", "u", "v", "J"], g.Nodes.Select(n => n.Variable));
        Assert.Equal([5.0, 3, 2, 6, 11, 33], g.Nodes.Select(n => n.Value.Scalar));
        Assert.Equal([3.0, 6, 9, 3, 3, 1], g.Nodes.Select(n => n.Adjoint.Scalar));
        Assert.Equal(33, g.ResultNode.Value.Scalar);
        Assert.Equal(GraphNodeKind.Input, g.Find("b").Kind);
        Assert.Null(g.FirstNonFinite);
    }

    [Fact]
    public void J_EdgesCarryTheValueForwardAndTheLocalDerivative()
    {
        ComputationGraph g = HandBuiltGraphs.J();
        var expected = new (int From, int To, double Value, double Derivative)[]
        {
            (1, 3, 3, 2), // b → u: ∂u/∂b = c
            (2, 3, 2, 3), // c → u: ∂u/∂c = b
            (0, 4, 5, 1), // a → v
            (3, 4, 6, 1), // u → v
            (4, 5, 11, 3), // v → J
        };
        Assert.Equal(expected, g.Edges.Select(e => (e.From, e.To, e.Value.Scalar, e.LocalDerivative.Scalar)));
    }

    [Fact]
    public void TwoWeightNetwork_MatchesTheSeedsExactFigures()
    {
        ComputationGraph g = HandBuiltGraphs.TwoWeightNetwork();
        Assert.Equal(0.5, g.Find("z").Value.Scalar);
        Assert.Equal(0.6224593312018546, g.Find("a").Value.Scalar, 15);
        Assert.Equal(0.3112296656009273, g.Find("y").Value.Scalar, 15);
        Assert.Equal(0.04843195237503251, g.ResultNode.Value.Scalar, 15);
        Assert.Equal(0.19372780950013005, g.Find("w2").Adjoint.Scalar, 15);
        Assert.Equal(0.036570063381739404, g.Find("w1").Adjoint.Scalar, 15);
        Assert.Equal(GraphNodeKind.Constant, g.Find("x").Kind);
        Assert.True(g.Find("x").Adjoint.IsNone);
        Assert.Equal("SigmoidPullback", g.Find("a").Rule);
    }

    [Fact]
    public void LogisticRegression_GradientIsTheClosedForm()
    {
        double w1 = 0.1, w2 = -0.2, b = 0.05, x1 = 1.5, x2 = -0.5, y = 1;
        ComputationGraph g = HandBuiltGraphs.LogisticRegression(w1, w2, b, x1, x2, y);
        double a = 1 / (1 + Math.Exp(-(w1 * x1 + w2 * x2 + b)));
        Assert.Equal(-Math.Log(a), g.ResultNode.Value.Scalar, 14);
        Assert.Equal(a - y, g.Find("z").Adjoint.Scalar, 14);
        Assert.Equal(x1 * (a - y), g.Find("w1").Adjoint.Scalar, 14);
        Assert.Equal(x2 * (a - y), g.Find("w2").Adjoint.Scalar, 14);
        Assert.Equal(a - y, g.Find("b").Adjoint.Scalar, 14);
        Assert.Equal(["w1", "x1", "w2", "x2", "b"], g.EdgesInto(g.Find("z").Id).Select(e => g.Nodes[e.From].Variable));
        Assert.Equal([g.Find("a").Id, g.Find("y").Id], g.EdgesInto(g.Result).Select(e => e.From));
    }
}
