using System;
using SourceAD;

namespace SourceAD.Samples.Graphs;

/// <summary>Three worked examples of the seed material as [Differentiable] methods: their graphs are what this sample draws.</summary>
public static partial class Seeds
{
    /// <summary>The computational graph J = 3(a + bc): u = b·c, v = a + u, J = 3v.</summary>
    [Differentiable]
    public static double J(double a, double b, double c)
    {
        double u = b * c;
        double v = a + u;
        return 3 * v;
    }

    /// <summary>The two-weight network: a = σ(w1·x), y = w2·a, L = ½(y − t)².</summary>
    [Differentiable]
    public static double Loss(double w1, double w2, [NoDiff] double x, [NoDiff] double t)
    {
        double a = Sigmoid(w1 * x);
        double y = w2 * a;
        return 0.5 * (y - t) * (y - t);
    }

    /// <summary>The sigmoid as four primitive nodes: negate, exp, add 1, reciprocal.</summary>
    [Differentiable]
    public static double Sigmoid(double z)
    {
        return 1 / (1 + Math.Exp(-z));
    }

    /// <summary>Logistic regression with cross-entropy, one sample, two features.</summary>
    [Differentiable]
    public static double CrossEntropy(double w1, double w2, double b, [NoDiff] double x1, [NoDiff] double x2, [NoDiff] double y)
    {
        double z = w1 * x1 + w2 * x2 + b;
        double a = Sigmoid(z);
        return -(y * Math.Log(a) + (1 - y) * Math.Log(1 - a));
    }
}
