using System;
using SourceAD;

namespace SourceAD.Samples.Mnist;

/// <summary>
/// Nielsen's network [784, 30, 10] written as plain C# over tensors: a batch of images x is a [m, 784] matrix, the
/// weights are w1 [784, 30] and w2 [30, 10], the biases b1 [30] and b2 [10]. SourceAD differentiates the losses.
/// </summary>
public static partial class Network
{
    /// <summary>Sigmoid layers and the quadratic cost C = (1/2m)·Σₓ‖y(x) − a(x)‖² of Nielsen's book.</summary>
    [Differentiable]
    public static float QuadraticLoss(Tensor w1, Tensor b1, Tensor w2, Tensor b2, [NoDiff] Tensor x, [NoDiff] Tensor y)
    {
        Tensor hidden = Tensor.Sigmoid(Tensor.MatMul(x, w1) + b1);
        Tensor output = Tensor.Sigmoid(Tensor.MatMul(hidden, w2) + b2);
        return 0.5f * Tensor.SumOfSquares(output - y) / x.Shape[0];
    }

    /// <summary>A sigmoid hidden layer, softmax output and the mean cross-entropy of the true labels.</summary>
    [Differentiable]
    public static float CrossEntropyLoss(Tensor w1, Tensor b1, Tensor w2, Tensor b2, [NoDiff] Tensor x, int[] labels)
    {
        Tensor hidden = Tensor.Sigmoid(Tensor.MatMul(x, w1) + b1);
        Tensor logits = Tensor.MatMul(hidden, w2) + b2;
        return Tensor.CrossEntropy(logits, labels);
    }

    /// <summary>The output layer's activations (before the sigmoid or softmax, which keep the order) for a batch.</summary>
    public static Tensor Scores(Tensor w1, Tensor b1, Tensor w2, Tensor b2, Tensor x) =>
        Tensor.MatMul(Tensor.Sigmoid(Tensor.MatMul(x, w1) + b1), w2) + b2;
}
