using SourceAD.Graphs;
using G = SourceAD.EndToEnd.Tests.GraphModels;

namespace SourceAD.EndToEnd.Tests;

/// <summary>Methods whose generated graphs (FGraph) are checked node by node against the seed examples and hand-derived figures.</summary>
internal static partial class GraphModels
{
    /// <summary>The seed graph J = 3(a + bc), one statement per node.</summary>
    [Differentiable]
    public static double J(double a, double b, double c)
    {
        double u = b * c;
        double v = a + u;
        return 3 * v;
    }

    [Differentiable]
    public static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    /// <summary>The two-weight network: a = σ(w1·x), y = w2·a, L = ½(y − t)².</summary>
    [Differentiable]
    public static double Loss(double w1, double w2, [NoDiff] double x, [NoDiff] double t)
    {
        double a = Sigmoid(w1 * x);
        double y = w2 * a;
        return 0.5 * (y - t) * (y - t);
    }

    /// <summary>Logistic regression with cross-entropy, one sample, two features.</summary>
    [Differentiable]
    public static double CrossEntropy(double w1, double w2, double b, [NoDiff] double x1, [NoDiff] double x2, [NoDiff] double y)
    {
        double z = w1 * x1 + w2 * x2 + b;
        double a = Sigmoid(z);
        return -(y * Math.Log(a) + (1 - y) * Math.Log(1 - a));
    }

    [Differentiable]
    public static double Power(double x, int n)
    {
        double p = 1;
        for (int i = 0; i < n; i++)
        {
            p *= x;
        }
        return p;
    }

    [Differentiable]
    public static double Relu(double x)
    {
        if (x > 0)
        {
            return x * x;
        }
        return 0.5 * x;
    }

    [Differentiable]
    public static double Choose(double x, double y) => x > y ? Math.Log(x) : y * 2;

    /// <summary>log(x − 3)·√x + 1: at x = 2, log(−1) is NaN, and the NaN flows into every later node.</summary>
    [Differentiable]
    public static double LogOfNegative(double x)
    {
        double d = x - 3;
        double l = Math.Log(d);
        double r = Math.Sqrt(x);
        return l * r + 1;
    }

    /// <summary>2√x: at x = 0 every value is finite and ∂/∂x = 1/√x is not.</summary>
    [Differentiable]
    public static double TwiceRoot(double x) => 2 * Math.Sqrt(x);

    public static double Softplus(double x) => Math.Log(1 + Math.Exp(x));

    [DerivativeOf(nameof(Softplus))]
    public static void SoftplusPullback(double x, double dResult, ref double dx) => dx += dResult / (1 + Math.Exp(-x));

    [Differentiable]
    public static double SoftplusLoss(double w, [NoDiff] double x)
    {
        double s = Softplus(w * x);
        return s * s;
    }
}

/// <summary>A rule built to be wrong, for the node-level check to name (the graph property tests leave these out).</summary>
internal static partial class WrongRuleModels
{
    public static double Softplus(double x) => Math.Log(1 + Math.Exp(x));

    /// <summary>Forgot the minus sign: 1 / (1 + eˣ) instead of 1 / (1 + e⁻ˣ).</summary>
    [DerivativeOf(nameof(Softplus))]
    public static void SoftplusPullback(double x, double dResult, ref double dx) => dx += dResult / (1 + Math.Exp(x));

    [Differentiable]
    public static double SoftplusLoss(double w, [NoDiff] double x)
    {
        double s = Softplus(w * x);
        return s * s;
    }
}

/// <summary>
/// The generated graphs against hand-built expectations: the seed examples' nodes, edges, values and adjoints, loops
/// unrolled then summarised, the side of a branch taken, calls as subgraphs, the first non-finite node, and the
/// node-level check naming a wrong <c>[DerivativeOf]</c> rule.
/// </summary>
public sealed class GeneratedGraphs
{
    [Fact]
    public void J_HasTheSeedsNodesValuesAndAdjoints()
    {
        ComputationGraph g = G.JGraph(5, 3, 2);
        Assert.Equal("J", g.Name);
        Assert.Equal(["a", "b", "c", "u = b * c", "v = a + u", "return 3 * v"], g.Nodes.Select(n => n.Label));
        Assert.Equal(["a", "b", "c", "u", "v", "J"], g.Nodes.Select(n => n.Variable));
        Assert.Equal([GraphNodeKind.Input, GraphNodeKind.Input, GraphNodeKind.Input, GraphNodeKind.Operation, GraphNodeKind.Operation, GraphNodeKind.Operation], g.Nodes.Select(n => n.Kind));
        Assert.Equal([5.0, 3, 2, 6, 11, 33], g.Nodes.Select(n => n.Value.Scalar));
        Assert.Equal([3.0, 6, 9, 3, 3, 1], g.Nodes.Select(n => n.Adjoint.Scalar));
        Assert.Equal(5, g.Result);
        var edges = new (int From, int To, double Value, double Derivative)[]
        {
            (1, 3, 3, 2), // b → u: ∂u/∂b = c
            (2, 3, 2, 3), // c → u: ∂u/∂c = b
            (0, 4, 5, 1), // a → v
            (3, 4, 6, 1), // u → v
            (4, 5, 11, 3), // v → J
        };
        Assert.Equal(edges, g.Edges.Select(e => (e.From, e.To, e.Value.Scalar, e.LocalDerivative.Scalar)));
        Assert.Empty(g.Clusters);
        Assert.Null(g.FirstNonFinite);
        Assert.Equal("all 5 local derivatives and 5 adjoints agree", g.CheckDerivatives().ToString());
    }

    [Fact]
    public void TwoWeightNetwork_MatchesTheSeedsExactFiguresWithSigmoidAsASubgraph()
    {
        ComputationGraph g = G.LossGraph(0.5, 0.5, 1, 0);
        Assert.Equal(
            ["w1", "w2", "x", "t", "w1 * x", "-z", "Math.Exp(-z)", "1 + Math.Exp(-z)", "1 / (1 + Math.Exp(-z))", "y = w2 * a", "y - t", "0.5 * (y - t)", "y - t", "return 0.5 * (y - t) * (y - t)"],
            g.Nodes.Select(n => n.Label));
        Assert.Equal([GraphNodeKind.Input, GraphNodeKind.Input, GraphNodeKind.Constant, GraphNodeKind.Constant], g.Nodes.Take(4).Select(n => n.Kind));
        const double a = 0.6224593312018546, y = 0.3112296656009273;
        Assert.Equal(0.5, g.Nodes[4].Value.Scalar);
        Assert.Equal(a, g.Nodes[8].Value.Scalar, 15);
        Assert.Equal(y, g.Find("y").Value.Scalar, 15);
        Assert.Equal(0.04843195237503251, g.ResultNode.Value.Scalar, 15);
        Assert.Equal(0.19372780950013005, g.Find("w2").Adjoint.Scalar, 15);
        Assert.Equal(0.036570063381739404, g.Find("w1").Adjoint.Scalar, 15);
        Assert.Equal(y * 0.5, g.Nodes[8].Adjoint.Scalar, 15); // ∂L/∂a = (y − t)·w2
        Assert.True(g.Find("x").Adjoint.IsNone && g.Find("t").Adjoint.IsNone);

        GraphCluster call = Assert.Single(g.Clusters);
        Assert.Equal((GraphClusterKind.Call, "a = Sigmoid(w1 * x)", (int?)8), (call.Kind, call.Label, call.Result));
        Assert.Equal([5, 6, 7, 8], g.NodesIn(call.Id).Select(n => n.Id));
        Assert.Equal((4, 5, -1.0), g.EdgesInto(5).Select(e => (e.From, e.To, e.LocalDerivative.Scalar)).Single());

        // Collapsed, the call is one node whose edge carries σ'(z) = σ(z)(1 − σ(z)).
        ComputationGraph collapsed = g.CollapseCalls();
        GraphNode sigmoid = collapsed.Nodes.Single(n => n.Kind == GraphNodeKind.Call);
        Assert.Equal(a * (1 - a), collapsed.EdgesInto(sigmoid.Id).Single().LocalDerivative.Scalar, 15);
        Assert.True(g.CheckDerivatives().Passed);
    }

    [Fact]
    public void LogisticRegression_GradientIsTheClosedForm()
    {
        double w1 = 0.1, w2 = -0.2, b = 0.05, x1 = 1.5, x2 = -0.5, y = 1;
        ComputationGraph g = G.CrossEntropyGraph(w1, w2, b, x1, x2, y);
        double a = 1 / (1 + Math.Exp(-(w1 * x1 + w2 * x2 + b)));
        Assert.Equal(-Math.Log(a), g.ResultNode.Value.Scalar, 14);
        Assert.Equal(a - y, g.Find("z").Adjoint.Scalar, 14);
        Assert.Equal(x1 * (a - y), g.Find("w1").Adjoint.Scalar, 14);
        Assert.Equal(x2 * (a - y), g.Find("w2").Adjoint.Scalar, 14);
        Assert.Equal(a - y, g.Find("b").Adjoint.Scalar, 14);
        Assert.Equal(["w1 * x1 + w2 * x2", "b"], g.EdgesInto(g.Find("z").Id).Select(e => g.Nodes[e.From].Label));
        Assert.Equal(["w1", "x1"], g.EdgesInto(g.Find("w1 * x1").Id).Select(e => g.Nodes[e.From].Label));
        // The constants, and the operations on constants alone (1 − y), get no adjoint: no derivative flows into them.
        Assert.All(new[] { "x1", "x2", "y", "1 - y" }, name => Assert.True(g.Find(name).Adjoint.IsNone, name));
        Assert.Equal("a = Sigmoid(z)", Assert.Single(g.Clusters).Label);
    }

    [Fact]
    public void Loop_IsUnrolledUpToTheLimitThenSummarised_AndTheSummaryStillCarriesTheDerivative()
    {
        const double x = 1.1;
        ComputationGraph g = G.PowerGraph(x, 12, iterationLimit: 3);
        GraphCluster loop = g.Clusters.Single(c => c.Kind == GraphClusterKind.Loop);
        Assert.Equal("for (int i = 0; i < n; i++)", loop.Label);
        Assert.Equal(["iteration 1", "iteration 2", "iteration 3"], g.Clusters.Where(c => c.Kind == GraphClusterKind.Iteration).Select(c => c.Label));
        GraphNode summary = g.Nodes.Single(n => n.Kind == GraphNodeKind.LoopSummary);
        Assert.Equal((9, "9 more iterations (4–12)"), (summary.SummarisedIterations, summary.Label));
        // The result was computed in an undrawn iteration: it gets a node of its own after the loop.
        Assert.Equal("Power", g.ResultNode.Label);
        Assert.Equal(Math.Pow(x, 12), g.ResultNode.Value.Scalar, 13);
        Assert.Equal(summary.Id, g.EdgesInto(g.Result).Single().From);
        Assert.Equal(12 * Math.Pow(x, 11), g.Find("x").Adjoint.Scalar, 12);

        ComputationGraph unrolled = G.PowerGraph(x, 12, iterationLimit: 20);
        Assert.Equal(12, unrolled.Clusters.Count(c => c.Kind == GraphClusterKind.Iteration));
        Assert.Equal(12, unrolled.Nodes.Count(n => n.Label == "p *= x"));
        Assert.DoesNotContain(unrolled.Nodes, n => n.Kind == GraphNodeKind.LoopSummary);
        Assert.Equal("p *= x", unrolled.ResultNode.Label);
        Assert.Equal(12 * Math.Pow(x, 11), unrolled.Find("x").Adjoint.Scalar, 12);
    }

    [Fact]
    public void Branch_ShowsOnlyTheSideTaken()
    {
        ComputationGraph positive = G.ReluGraph(2), negative = G.ReluGraph(-1);
        Assert.Equal("if (x > 0) → then", Assert.Single(positive.Clusters).Label);
        Assert.Equal(["x", "return x * x"], positive.Nodes.Select(n => n.Label));
        Assert.Equal(4, positive.Find("x").Adjoint.Scalar);
        Assert.Equal("if (x > 0) → else", Assert.Single(negative.Clusters).Label);
        Assert.Equal(["x", "return 0.5 * x"], negative.Nodes.Select(n => n.Label));
        Assert.Equal(0.5, negative.Find("x").Adjoint.Scalar);

        // A ?: evaluates one side: at x = -1, y = 1 the log of a negative x is never taken.
        ComputationGraph choice = G.ChooseGraph(-1, 1);
        Assert.Equal("x > y ? Math.Log(x) : y * 2 → false", Assert.Single(choice.Clusters).Label);
        Assert.DoesNotContain(choice.Nodes, n => n.Label == "Math.Log(x)");
        Assert.Null(choice.FirstNonFinite);
        Assert.Equal((0.0, 2.0), (choice.Find("x").Adjoint.Scalar, choice.Find("y").Adjoint.Scalar));
    }

    [Fact]
    public void FirstNonFinite_IsTheNodeWhereTheNaNAppears()
    {
        ComputationGraph g = G.LogOfNegativeGraph(2);
        Assert.True(double.IsNaN(g.ResultNode.Value.Scalar));
        NonFiniteLocation first = Assert.IsType<NonFiniteLocation>(g.FirstNonFinite);
        Assert.Equal((g.Find("l").Id, false, "l = Math.Log(d)"), (first.Node, first.InAdjoint, first.Source));
        Assert.Equal("the value of node 2 'l = Math.Log(d)' is NaN", first.Description);
        Assert.True(double.IsFinite(g.Find("r").Value.Scalar));

        NonFiniteLocation adjoint = G.TwiceRootGraph(0).FirstNonFinite!;
        Assert.Equal((0, true), (adjoint.Node, adjoint.InAdjoint));
        Assert.Equal("the adjoint of node 0 'x' is ∞", adjoint.Description);
    }

    [Fact]
    public void CheckDerivatives_NamesTheWrongRuleAndItsNode()
    {
        const double w = 0.7, x = 1.3;
        GraphCheckReport right = G.SoftplusLossGraph(w, x).CheckDerivatives();
        Assert.True(right.Passed, right.ToString());

        ComputationGraph g = WrongRuleModels.SoftplusLossGraph(w, x);
        GraphCheckReport report = g.CheckDerivatives();
        Assert.False(report.Passed);
        LocalDerivativeEntry wrong = Assert.Single(report.LocalDerivatives, e => !e.Agrees);
        Assert.Equal((g.Find("s").Id, "s = Softplus(w * x)", "WrongRuleModels.SoftplusPullback"), (wrong.Node, wrong.Source, wrong.Rule));
        Assert.Equal(1 / (1 + Math.Exp(w * x)), wrong.Recorded, 15);
        Assert.Equal(1 / (1 + Math.Exp(-w * x)), wrong.Numeric, 8);
        Assert.Contains("(rule WrongRuleModels.SoftplusPullback)", report.FirstDisagreement);
    }
}
