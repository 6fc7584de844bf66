using SourceAD.Graphs;

namespace SourceAD.Runtime.Tests.Graphs;

/// <summary>The seed examples' graphs built through the builder by hand, statement by statement, with hand-derived local derivatives and adjoints.</summary>
internal static class HandBuiltGraphs
{
    /// <summary>J = 3(a + bc): u = b·c, v = a + u, J = 3v; the partial ∂u/∂b can be given wrong on purpose.</summary>
    public static ComputationGraph J(double a = 5, double b = 3, double c = 2, double? wrongDuDb = null)
    {
        var g = new GraphBuilder("J");
        int na = g.Input("a", a), nb = g.Input("b", b), nc = g.Input("c", c);
        int nu = g.Operation("u = b * c", "*", b * c, [(nb, wrongDuDb ?? c), (nc, b)], static x => x[0] * x[1]);
        int nv = g.Operation("v = a + u", "+", a + b * c, [(na, 1.0), (nu, 1.0)], static x => x[0] + x[1]);
        int nj = g.Operation("return 3 * v", "*", 3 * (a + b * c), [(nv, 3.0)], static x => 3 * x[0], variable: "J");
        g.SetAdjoint(nj, 1.0);
        g.SetAdjoint(nv, 3.0);
        g.SetAdjoint(nu, 3.0);
        g.SetAdjoint(na, 3.0);
        g.SetAdjoint(nb, 3 * c);
        g.SetAdjoint(nc, 3 * b);
        return g.Build(nj);
    }

    /// <summary>The two-weight network a = σ(w1·x), y = w2·a, L = ½(y − t)², with σ one node whose local derivative comes from a rule.</summary>
    public static ComputationGraph TwoWeightNetwork(double w1 = 0.5, double w2 = 0.5, double x = 1, double t = 0)
    {
        var g = new GraphBuilder("L");
        int n1 = g.Input("w1", w1), n2 = g.Input("w2", w2), nx = g.Constant("x", x), nt = g.Constant("t", t);
        double z = w1 * x, a = Sigmoid(z), y = w2 * a, loss = 0.5 * (y - t) * (y - t);
        int nz = g.Operation("z = w1 * x", "*", z, [(n1, x), (nx, w1)], static v => v[0] * v[1]);
        int na = g.Operation("a = Sigmoid(z)", "Sigmoid", a, [(nz, a * (1 - a))], static v => Sigmoid(v[0]), rule: "SigmoidPullback");
        int ny = g.Operation("y = w2 * a", "*", y, [(n2, a), (na, w2)], static v => v[0] * v[1]);
        int nl = g.Operation("return 0.5 * (y - t) * (y - t)", "*", loss, [(ny, y - t), (nt, t - y)], static v => 0.5 * (v[0] - v[1]) * (v[0] - v[1]), variable: "L");
        double dy = y - t, da = dy * w2, dz = da * a * (1 - a);
        g.SetAdjoint(nl, 1.0);
        g.SetAdjoint(ny, dy);
        g.SetAdjoint(na, da);
        g.SetAdjoint(n2, dy * a);
        g.SetAdjoint(nz, dz);
        g.SetAdjoint(n1, dz * x);
        return g.Build(nl);
    }

    /// <summary>Logistic regression z = w1·x1 + w2·x2 + b, a = σ(z), L = −[y·log a + (1 − y)·log(1 − a)], one node per statement.</summary>
    public static ComputationGraph LogisticRegression(double w1, double w2, double b, double x1, double x2, double y)
    {
        var g = new GraphBuilder("L");
        int n1 = g.Input("w1", w1), n2 = g.Input("w2", w2), nb = g.Input("b", b);
        int nx1 = g.Constant("x1", x1), nx2 = g.Constant("x2", x2), ny = g.Constant("y", y);
        double z = w1 * x1 + w2 * x2 + b, a = Sigmoid(z), loss = -(y * Math.Log(a) + (1 - y) * Math.Log(1 - a));
        int nz = g.Operation("z = w1 * x1 + w2 * x2 + b", "+", z, [(n1, x1), (nx1, w1), (n2, x2), (nx2, w2), (nb, 1.0)],
            static v => v[0] * v[1] + v[2] * v[3] + v[4]);
        int na = g.Operation("a = Sigmoid(z)", "Sigmoid", a, [(nz, a * (1 - a))], static v => Sigmoid(v[0]), rule: "SigmoidPullback");
        int nl = g.Operation("return -(y * Math.Log(a) + (1 - y) * Math.Log(1 - a))", "-", loss,
            [(na, -y / a + (1 - y) / (1 - a)), (ny, -Math.Log(a) + Math.Log(1 - a))],
            static v => -(v[1] * Math.Log(v[0]) + (1 - v[1]) * Math.Log(1 - v[0])), variable: "L");
        double da = -y / a + (1 - y) / (1 - a), dz = da * a * (1 - a);
        g.SetAdjoint(nl, 1.0);
        g.SetAdjoint(na, da);
        g.SetAdjoint(nz, dz);
        g.SetAdjoint(n1, dz * x1);
        g.SetAdjoint(n2, dz * x2);
        g.SetAdjoint(nb, dz);
        return g.Build(nl);
    }

    public static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
