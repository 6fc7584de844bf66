using System;
using SourceAD;

namespace SourceAD.Samples.LogisticRegression;

/// <summary>The two models of the seed material: logistic regression, and a regularised one-hidden-layer perceptron.</summary>
public static partial class Models
{
    /// <summary>
    /// Logistic regression on one sample with two features: z = w1·x1 + w2·x2 + b, a = σ(z),
    /// L = −[y·log a + (1 − y)·log(1 − a)]. The gradient is dL/dw = x·(a − y), dL/db = a − y.
    /// </summary>
    [Differentiable]
    public static double CrossEntropy(double w1, double w2, double b, [NoDiff] double x1, [NoDiff] double x2, [NoDiff] double y)
    {
        double z = w1 * x1 + w2 * x2 + b;
        double a = 1 / (1 + Math.Exp(-z));
        return -(y * Math.Log(a) + (1 - y) * Math.Log(1 - a));
    }

    /// <summary>
    /// One hidden layer with L2 regularisation: Z = X·W1, H = tanh(Z), O = H·W2, J = L(O, labels) + (λ/2)(‖W1‖² + ‖W2‖²),
    /// with L the mean softmax cross-entropy.
    /// </summary>
    [Differentiable]
    public static float RegularisedPerceptron(Tensor w1, Tensor w2, [NoDiff] Tensor x, int[] labels, [NoDiff] float lambda)
    {
        Tensor hidden = Tensor.Tanh(Tensor.MatMul(x, w1));
        Tensor output = Tensor.MatMul(hidden, w2);
        float penalty = 0.5f * lambda * (Tensor.SumOfSquares(w1) + Tensor.SumOfSquares(w2));
        return Tensor.CrossEntropy(output, labels) + penalty;
    }
}
