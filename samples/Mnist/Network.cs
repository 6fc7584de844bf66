using System;
using SourceAD;

namespace SourceAD.Samples.Mnist;

/// <summary>A fully connected layer, <c>x·Weights + Biases</c>: weights [inputs, outputs], biases [outputs].</summary>
public sealed class Layer
{
    public Tensor Weights = Tensor.Zeros(1, 1);

    public Tensor Biases = Tensor.Zeros(1);

    /// <summary>PyTorch's default for a linear layer: weights and biases uniform on ±1/√inputs.</summary>
    public static Layer Random(Random rng, int inputs, int outputs)
    {
        float bound = 1f / MathF.Sqrt(inputs);
        return new Layer
        {
            Weights = Tensor.RandomUniform(rng, -bound, bound, inputs, outputs),
            Biases = Tensor.RandomUniform(rng, -bound, bound, outputs),
        };
    }
}

/// <summary>
/// Nielsen's network [784, 30, 10] as a model: its layers are members, its losses are <c>[Differentiable]</c> instance
/// methods over a batch of images x ([m, 784]). SourceAD differentiates them with respect to every layer's weights and
/// biases: <c>network.QuadraticLossBackward(x, y, gradient)</c> fills a gradient <c>Network</c> of the same shapes
/// (<c>NetworkGradients.ZerosLike(network)</c>), which <see cref="Sgd"/> and <see cref="Adam"/> step on directly.
/// </summary>
public sealed partial class Network
{
    public Layer Hidden = new();

    public Layer Output = new();

    /// <summary>A network with <paramref name="hidden"/> sigmoid units, initialised as PyTorch initialises linear layers.</summary>
    public static Network Random(Random rng, int inputs, int hidden, int outputs) =>
        new() { Hidden = Layer.Random(rng, inputs, hidden), Output = Layer.Random(rng, hidden, outputs) };

    /// <summary>Sigmoid layers and the quadratic cost C = (1/2m)·Σₓ‖y(x) − a(x)‖² of Nielsen's book.</summary>
    [Differentiable]
    public float QuadraticLoss([NoDiff] Tensor x, [NoDiff] Tensor y)
    {
        Tensor hidden = Tensor.Sigmoid(Tensor.MatMul(x, Hidden.Weights) + Hidden.Biases);
        Tensor output = Tensor.Sigmoid(Tensor.MatMul(hidden, Output.Weights) + Output.Biases);
        return 0.5f * Tensor.SumOfSquares(output - y) / x.Shape[0];
    }

    /// <summary>A sigmoid hidden layer, softmax output and the mean cross-entropy of the true labels.</summary>
    [Differentiable]
    public float CrossEntropyLoss([NoDiff] Tensor x, int[] labels)
    {
        Tensor hidden = Tensor.Sigmoid(Tensor.MatMul(x, Hidden.Weights) + Hidden.Biases);
        Tensor logits = Tensor.MatMul(hidden, Output.Weights) + Output.Biases;
        return Tensor.CrossEntropy(logits, labels);
    }

    /// <summary>
    /// The output layer's activations (before the sigmoid or softmax, which keep the order) for a batch x [m, 784], into
    /// tensors the caller allocated once: <paramref name="hidden"/> [m, 30] and <paramref name="scores"/> [m, 10].
    /// </summary>
    public Tensor ScoresInto(Tensor scores, Tensor hidden, Tensor x)
    {
        Tensor.SigmoidInto(hidden, Tensor.AddInto(hidden, Tensor.MatMulInto(hidden, x, Hidden.Weights), Hidden.Biases));
        return Tensor.AddInto(scores, Tensor.MatMulInto(scores, hidden, Output.Weights), Output.Biases);
    }
}
