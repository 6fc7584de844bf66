using System;
using System.Collections.Generic;
using SourceAD;

namespace SourceAD.Samples.Mnist;

/// <summary>The network's weights and biases, and gradient tensors of the same shapes, allocated once.</summary>
public sealed class Parameters
{
    public Parameters(int inputs, int hidden, int outputs, Random rng)
    {
        // PyTorch's default for a linear layer: uniform on ±1/√fan_in for weights and biases.
        float b = 1f / MathF.Sqrt(inputs), c = 1f / MathF.Sqrt(hidden);
        W1 = Tensor.RandomUniform(rng, -b, b, inputs, hidden);
        B1 = Tensor.RandomUniform(rng, -b, b, hidden);
        W2 = Tensor.RandomUniform(rng, -c, c, hidden, outputs);
        B2 = Tensor.RandomUniform(rng, -c, c, outputs);
        DW1 = Tensor.ZerosLike(W1);
        DB1 = Tensor.ZerosLike(B1);
        DW2 = Tensor.ZerosLike(W2);
        DB2 = Tensor.ZerosLike(B2);
    }

    public Tensor W1 { get; }
    public Tensor B1 { get; }
    public Tensor W2 { get; }
    public Tensor B2 { get; }
    public Tensor DW1 { get; }
    public Tensor DB1 { get; }
    public Tensor DW2 { get; }
    public Tensor DB2 { get; }

    /// <summary>Each parameter with its gradient, for an optimiser.</summary>
    public IEnumerable<(Tensor Parameter, Tensor Gradient)> WithGradients()
    {
        yield return (W1, DW1);
        yield return (B1, DB1);
        yield return (W2, DW2);
        yield return (B2, DB2);
    }
}
