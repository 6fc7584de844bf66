using System;
using SourceAD.Graphs;

namespace SourceAD.Samples.Graphs;

// Stand-ins for the generated Seeds.JGraph, Seeds.LossGraph and Seeds.CrossEntropyGraph (issue 13): each method below is
// what the generator will emit for the [Differentiable] method of the same name in Seeds.cs (the forward sweep, one
// builder call per operation, then the reverse sweep recording each adjoint); replace the calls with the generated ones.
public static class SeedGraphs
{
    public static ComputationGraph JGraph(double a, double b, double c)
    {
        var g = new GraphBuilder("J");
        int aNode = g.Input("a", a);
        int bNode = g.Input("b", b);
        int cNode = g.Input("c", c);
        double u = b * c;
        int uNode = g.Operation("u = b * c", "*", u, [(bNode, c), (cNode, b)], static x => x[0] * x[1]);
        double v = a + u;
        int vNode = g.Operation("v = a + u", "+", v, [(aNode, 1.0), (uNode, 1.0)], static x => x[0] + x[1]);
        double result = 3 * v;
        int resultNode = g.Operation("return 3 * v", "*", result, [(vNode, 3.0)], static x => 3 * x[0], variable: "J");

        double dResult = 1;
        g.SetAdjoint(resultNode, dResult);
        double dv = 3 * dResult;
        g.SetAdjoint(vNode, dv);
        double da = dv, du = dv;
        g.SetAdjoint(uNode, du);
        g.SetAdjoint(aNode, da);
        double db = c * du, dc = b * du;
        g.SetAdjoint(bNode, db);
        g.SetAdjoint(cNode, dc);
        return g.Build(resultNode);
    }

    public static ComputationGraph LossGraph(double w1, double w2, double x, double t)
    {
        var g = new GraphBuilder("Loss");
        int w1Node = g.Input("w1", w1);
        int w2Node = g.Input("w2", w2);
        int xNode = g.Constant("x", x);
        int tNode = g.Constant("t", t);
        double z = w1 * x;
        int zNode = g.Operation("w1 * x", "*", z, [(w1Node, x), (xNode, w1)], static v => v[0] * v[1]);
        g.BeginCall("a = Sigmoid(w1 * x)");
        SigmoidFrame sigmoid = SigmoidForward(g, z, zNode);
        g.EndCall(sigmoid.Result);
        double a = sigmoid.Value;
        double y = w2 * a;
        int yNode = g.Operation("y = w2 * a", "*", y, [(w2Node, a), (sigmoid.Result, w2)], static v => v[0] * v[1]);
        double left = y - t;
        int leftNode = g.Operation("y - t", "-", left, [(yNode, 1.0), (tNode, -1.0)], static v => v[0] - v[1]);
        double half = 0.5 * left;
        int halfNode = g.Operation("0.5 * (y - t)", "*", half, [(leftNode, 0.5)], static v => 0.5 * v[0]);
        double right = y - t;
        int rightNode = g.Operation("y - t", "-", right, [(yNode, 1.0), (tNode, -1.0)], static v => v[0] - v[1]);
        double result = half * right;
        int resultNode = g.Operation("return 0.5 * (y - t) * (y - t)", "*", result, [(halfNode, right), (rightNode, half)], static v => v[0] * v[1], variable: "Loss");

        double dResult = 1;
        g.SetAdjoint(resultNode, dResult);
        double dHalf = dResult * right, dRight = dResult * half;
        g.SetAdjoint(halfNode, dHalf);
        g.SetAdjoint(rightNode, dRight);
        double dLeft = 0.5 * dHalf;
        g.SetAdjoint(leftNode, dLeft);
        double dy = dLeft + dRight;
        g.SetAdjoint(yNode, dy);
        double dw2 = a * dy, da = w2 * dy;
        g.SetAdjoint(w2Node, dw2);
        double dz = SigmoidReverse(g, sigmoid, da);
        g.SetAdjoint(zNode, dz);
        double dw1 = x * dz;
        g.SetAdjoint(w1Node, dw1);
        return g.Build(resultNode);
    }

    public static ComputationGraph CrossEntropyGraph(double w1, double w2, double b, double x1, double x2, double y)
    {
        var g = new GraphBuilder("CrossEntropy");
        int w1Node = g.Input("w1", w1);
        int w2Node = g.Input("w2", w2);
        int bNode = g.Input("b", b);
        int x1Node = g.Constant("x1", x1);
        int x2Node = g.Constant("x2", x2);
        int yNode = g.Constant("y", y);
        double p1 = w1 * x1;
        int p1Node = g.Operation("w1 * x1", "*", p1, [(w1Node, x1), (x1Node, w1)], static v => v[0] * v[1]);
        double p2 = w2 * x2;
        int p2Node = g.Operation("w2 * x2", "*", p2, [(w2Node, x2), (x2Node, w2)], static v => v[0] * v[1]);
        double sum = p1 + p2;
        int sumNode = g.Operation("w1 * x1 + w2 * x2", "+", sum, [(p1Node, 1.0), (p2Node, 1.0)], static v => v[0] + v[1]);
        double z = sum + b;
        int zNode = g.Operation("z = w1 * x1 + w2 * x2 + b", "+", z, [(sumNode, 1.0), (bNode, 1.0)], static v => v[0] + v[1]);
        g.BeginCall("a = Sigmoid(z)");
        SigmoidFrame sigmoid = SigmoidForward(g, z, zNode);
        g.EndCall(sigmoid.Result);
        double a = sigmoid.Value;
        double logA = Math.Log(a);
        int logANode = g.Operation("Math.Log(a)", "Math.Log", logA, [(sigmoid.Result, 1 / a)], static v => Math.Log(v[0]));
        double positive = y * logA;
        int positiveNode = g.Operation("y * Math.Log(a)", "*", positive, [(yNode, logA), (logANode, y)], static v => v[0] * v[1]);
        double notY = 1 - y;
        int notYNode = g.Operation("1 - y", "-", notY, [(yNode, -1.0)], static v => 1 - v[0]);
        double notA = 1 - a;
        int notANode = g.Operation("1 - a", "-", notA, [(sigmoid.Result, -1.0)], static v => 1 - v[0]);
        double logNotA = Math.Log(notA);
        int logNotANode = g.Operation("Math.Log(1 - a)", "Math.Log", logNotA, [(notANode, 1 / notA)], static v => Math.Log(v[0]));
        double negative = notY * logNotA;
        int negativeNode = g.Operation("(1 - y) * Math.Log(1 - a)", "*", negative, [(notYNode, logNotA), (logNotANode, notY)], static v => v[0] * v[1]);
        double total = positive + negative;
        int totalNode = g.Operation("y * Math.Log(a) + (1 - y) * Math.Log(1 - a)", "+", total, [(positiveNode, 1.0), (negativeNode, 1.0)], static v => v[0] + v[1]);
        double result = -total;
        int resultNode = g.Operation("return -(y * Math.Log(a) + (1 - y) * Math.Log(1 - a))", "-", result, [(totalNode, -1.0)], static v => -v[0], variable: "CrossEntropy");

        double dResult = 1;
        g.SetAdjoint(resultNode, dResult);
        double dTotal = -dResult;
        g.SetAdjoint(totalNode, dTotal);
        double dPositive = dTotal, dNegative = dTotal;
        g.SetAdjoint(positiveNode, dPositive);
        g.SetAdjoint(negativeNode, dNegative);
        double dLogNotA = notY * dNegative;
        g.SetAdjoint(logNotANode, dLogNotA);
        double dNotA = dLogNotA / notA;
        g.SetAdjoint(notANode, dNotA);
        double dLogA = y * dPositive;
        g.SetAdjoint(logANode, dLogA);
        double da = dLogA / a - dNotA;
        double dz = SigmoidReverse(g, sigmoid, da);
        g.SetAdjoint(zNode, dz);
        double dSum = dz, db = dz;
        g.SetAdjoint(sumNode, dSum);
        g.SetAdjoint(bNode, db);
        double dp1 = dSum, dp2 = dSum;
        g.SetAdjoint(p1Node, dp1);
        g.SetAdjoint(p2Node, dp2);
        double dw1 = x1 * dp1, dw2 = x2 * dp2;
        g.SetAdjoint(w1Node, dw1);
        g.SetAdjoint(w2Node, dw2);
        return g.Build(resultNode);
    }

    /// <summary>The callee's nodes and the values its reverse sweep reads: what a call to Sigmoid records.</summary>
    private readonly record struct SigmoidFrame(int Negate, int Exp, int Sum, int Result, double E, double S, double Value);

    private static SigmoidFrame SigmoidForward(GraphBuilder g, double z, int zNode)
    {
        double n = -z;
        int nNode = g.Operation("-z", "-", n, [(zNode, -1.0)], static v => -v[0]);
        double e = Math.Exp(n);
        int eNode = g.Operation("Math.Exp(-z)", "Math.Exp", e, [(nNode, e)], static v => Math.Exp(v[0]));
        double s = 1 + e;
        int sNode = g.Operation("1 + Math.Exp(-z)", "+", s, [(eNode, 1.0)], static v => 1 + v[0]);
        double result = 1 / s;
        int resultNode = g.Operation("return 1 / (1 + Math.Exp(-z))", "/", result, [(sNode, -1 / (s * s))], static v => 1 / v[0], variable: "Sigmoid");
        return new SigmoidFrame(nNode, eNode, sNode, resultNode, e, s, result);
    }

    private static double SigmoidReverse(GraphBuilder g, SigmoidFrame frame, double dResult)
    {
        g.SetAdjoint(frame.Result, dResult);
        double ds = -dResult / (frame.S * frame.S);
        g.SetAdjoint(frame.Sum, ds);
        double de = ds;
        g.SetAdjoint(frame.Exp, de);
        double dn = frame.E * de;
        g.SetAdjoint(frame.Negate, dn);
        return -dn;
    }
}
