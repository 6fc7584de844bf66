using SourceAD.Graphs;

namespace SourceAD.Runtime.Tests.Graphs;

/// <summary>The node-level check: local derivatives against central differences, adjoints against the chain rule.</summary>
public sealed class DerivativeCheckTests
{
    [Fact]
    public void CorrectGraphs_Pass()
    {
        foreach (ComputationGraph g in new[] { HandBuiltGraphs.J(), HandBuiltGraphs.TwoWeightNetwork(), HandBuiltGraphs.LogisticRegression(0.1, -0.2, 0.05, 1.5, -0.5, 1) })
        {
            GraphCheckReport report = g.CheckDerivatives();
            Assert.True(report.Passed, report.ToString());
            Assert.Null(report.FirstDisagreement);
            Assert.Empty(report.UncheckedNodes);
        }
        Assert.Equal("all 5 local derivatives and 5 adjoints agree", HandBuiltGraphs.J().CheckDerivatives().ToString());
    }

    [Fact]
    public void WrongLocalDerivative_IsNamedByNodeAndInput()
    {
        // ∂u/∂b given as b (3) instead of c (2).
        GraphCheckReport report = HandBuiltGraphs.J(wrongDuDb: 3).CheckDerivatives();
        Assert.False(report.Passed);
        Assert.Equal(3, report.FirstDisagreeingNode);
        LocalDerivativeEntry wrong = Assert.Single(report.LocalDerivatives, e => !e.Agrees);
        Assert.Equal(("b", 3.0), (wrong.Input, wrong.Recorded));
        Assert.Equal(2, wrong.Numeric, 8);
        Assert.StartsWith("node 3 'u = b * c': ∂/∂b = 3, central difference 2", report.FirstDisagreement);
        // The reverse sweep (adjoints 6 for b) disagrees with the chain rule over the wrong edge (3·3 = 9), at node b.
        Assert.Equal(1, Assert.Single(report.Adjoints, e => !e.Agrees).Node);
    }

    [Fact]
    public void WrongDerivativeOfRule_IsNamedWithTheRule()
    {
        // Softplus(x) = log(1 + eˣ) with a pullback that forgot the minus sign: ∂/∂x = 1 / (1 + eˣ) instead of 1 / (1 + e⁻ˣ).
        var g = new GraphBuilder("F");
        double x = 0.7;
        int nx = g.Input("x", x);
        int ny = g.Operation("y = Softplus(x)", "Softplus", Math.Log(1 + Math.Exp(x)), [(nx, 1 / (1 + Math.Exp(x)))],
            static v => Math.Log(1 + Math.Exp(v[0])), rule: "SoftplusPullback");
        GraphCheckReport report = g.Build(ny).CheckDerivatives();
        LocalDerivativeEntry wrong = Assert.Single(report.LocalDerivatives);
        Assert.False(wrong.Agrees);
        Assert.Equal(1 / (1 + Math.Exp(-x)), wrong.Numeric, 8);
        Assert.Contains("node 1 'y = Softplus(x)' (rule SoftplusPullback)", report.ToString());
    }

    [Fact]
    public void WrongReverseSweepStep_IsNamedAtTheNodeWhoseAdjointIsWrong()
    {
        // J = 3v, v = a + a: the reverse sweep forgot the second read of a (adjoint 3 instead of 6).
        var g = new GraphBuilder("J");
        int a = g.Input("a", 2.0);
        int v = g.Operation("v = a + a", "+", 4.0, [(a, 1.0), (a, 1.0)], static x => x[0] + x[1]);
        int j = g.Operation("return 3 * v", "*", 12.0, [(v, 3.0)], static x => 3 * x[0], variable: "J");
        g.SetAdjoint(j, 1.0);
        g.SetAdjoint(v, 3.0);
        g.SetAdjoint(a, 3.0);
        GraphCheckReport report = g.Build(j).CheckDerivatives();
        Assert.All(report.LocalDerivatives, e => Assert.True(e.Agrees));
        AdjointEntry wrong = Assert.Single(report.Adjoints, e => !e.Agrees);
        Assert.Equal((a, 3.0, 6.0), (wrong.Node, wrong.Recorded, wrong.ChainRule));
        Assert.Equal("node 0 'a': adjoint 3, chain rule over its edges 6 (error 5.0E-01)", report.FirstDisagreement);
    }

    [Fact]
    public void SinglePrecisionNodes_AreCheckedAtSinglePrecision()
    {
        var g = new GraphBuilder("F");
        float x = 1.3f;
        int nx = g.Input("x", x);
        int ny = g.Operation("y = MathF.Exp(x)", "MathF.Exp", MathF.Exp(x), [(nx, MathF.Exp(x))], static v => MathF.Exp((float)v[0]));
        Assert.True(g.Build(ny).CheckDerivatives().Passed);
    }

    [Fact]
    public void NodesWithoutDelegateOrScalarDerivatives_AreReportedUnchecked()
    {
        var g = new GraphBuilder("F");
        int w = g.Input("w", Tensor.Full(1f, 3));
        int s = g.Operation("s = Tensor.Sum(w)", "Tensor.Sum", 3f, [w]);
        int t = g.Operation("t = 2 * s", "*", 6f, [(s, 2f)]);
        GraphCheckReport report = g.Build(t).CheckDerivatives();
        Assert.Equal([s, t], report.UncheckedNodes);
        Assert.Contains("not checked: nodes 1, 2", report.ToString());
    }
}
