using System;
using SourceAD;

namespace Quickstart;

/// <summary>
/// A network with two weights: a = σ(w1·x), y = w2·a, and the squared-error loss L = ½(y − t)².
/// SourceAD generates <c>LossBackward</c>, which returns L together with ∂L/∂w1 and ∂L/∂w2.
/// </summary>
public static partial class TwoWeightNetwork
{
    /// <summary>The loss for one sample <paramref name="x"/> with target <paramref name="t"/> (both constants: [NoDiff]).</summary>
    [Differentiable]
    public static double Loss(double w1, double w2, [NoDiff] double x, [NoDiff] double t)
    {
        double a = Sigmoid(w1 * x);
        double y = w2 * a;
        return 0.5 * (y - t) * (y - t);
    }

    /// <summary>The logistic function 1 / (1 + e^−z), built from primitives.</summary>
    [Differentiable]
    public static double Sigmoid(double z)
    {
        return 1 / (1 + Math.Exp(-z));
    }
}
