using System;
using System.Collections.Generic;

using static SourceAD.Benchmarks.Interleaving;

namespace SourceAD.Benchmarks;

/// <summary>The tensor seed networks, declared here so the generator differentiates them in this assembly.</summary>
public static partial class TensorSeedNetworks
{
    /// <summary>Seed example 6: one tanh hidden layer, squared error, L2 penalty (λ/2)(‖W1‖² + ‖W2‖²), in batch form.</summary>
    [Differentiable]
    public static float HiddenLayerL2(Tensor w1, Tensor w2, [NoDiff] Tensor x, [NoDiff] Tensor y, float lambda)
    {
        Tensor h = Tensor.Tanh(Tensor.MatMul(x, w1));
        Tensor o = Tensor.MatMul(h, w2);
        return 0.5f * Tensor.SumOfSquares(o - y) / x.Shape[0] + 0.5f * lambda * (Tensor.SumOfSquares(w1) + Tensor.SumOfSquares(w2));
    }

    /// <summary>Seed example 7 with a softmax output: Nielsen's [784, 30, 10] layers, mean cross-entropy of the labels.</summary>
    [Differentiable]
    public static float CrossEntropy(Tensor w1, Tensor b1, Tensor w2, Tensor b2, [NoDiff] Tensor x, int[] labels)
    {
        Tensor hidden = Tensor.Sigmoid(Tensor.MatMul(x, w1) + b1);
        return Tensor.CrossEntropy(Tensor.MatMul(hidden, w2) + b2, labels);
    }
}

/// <summary>
/// What forward mode and second derivatives cost on the tensor seed networks, round-robin in one process
/// (<see cref="Interleaving"/>): the loss, its <c>Tangent</c> along a direction in every weight (one directional
/// derivative), its <c>Backward</c> (the gradient) and its <c>HessianVector</c> (the gradient and H·v), for Nielsen's network [784, 30, 10] with the quadratic cost (seed 7, as in samples/Mnist) and with
/// softmax cross-entropy, and for seed 6 (one hidden layer with L2), at two batch sizes. Ratios are medians of
/// per-round ratios. Run: <c>dotnet run -c Release --project bench/SourceAD.Benchmarks -- --tensor-modes [rounds]</c>.
/// </summary>
public static class InterleavedTensorModes
{
    public static void Run(int rounds)
    {
        Console.WriteLine($"Tensor seed networks, generated modes, interleaved: {rounds} rounds, medians ({Environment.ProcessorCount} cores, .NET {Environment.Version})");
        Console.WriteLine("| Network | batch | loss | tangent / loss | gradient / loss | H·v / gradient |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (int batch in new[] { 10, 100 })
        {
            var rng = new Random(batch);
            Tensor R(params int[] shape) => Tensor.RandomNormal(rng, 0.1f, shape);
            Tensor x = Tensor.RandomUniform(rng, 0, 1, batch, 784), y = Tensor.RandomUniform(rng, 0, 1, batch, 10);
            int[] labels = new int[batch];
            for (int i = 0; i < batch; i++)
            {
                labels[i] = rng.Next(10);
            }
            Tensor w1 = R(784, 30), b1 = R(30), w2 = R(30, 10), b2 = R(10);
            Tensor w1Dot = R(784, 30), b1Dot = R(30), w2Dot = R(30, 10), b2Dot = R(10);
            Tensor dw1 = Tensor.ZerosLike(w1), db1 = Tensor.ZerosLike(b1), dw2 = Tensor.ZerosLike(w2), db2 = Tensor.ZerosLike(b2);
            float[] gradient = new float[w1.Length + b1.Length + w2.Length + b2.Length], hv = new float[gradient.Length];
            float[] gradientL2 = new float[w1.Length + w2.Length + 1], hvL2 = new float[gradientL2.Length];
            Report("Nielsen, quadratic (seed 7)", batch, rounds, new List<Action>
            {
                () => TrainingLoss.QuadraticLoss(w1, b1, w2, b2, x, y),
                () => TrainingLoss.QuadraticLossTangent(w1, b1, w2, b2, x, y, w1Dot, b1Dot, w2Dot, b2Dot, out _),
                () => TrainingLoss.QuadraticLossBackward(w1, b1, w2, b2, x, y, dw1, db1, dw2, db2),
                () => TrainingLoss.QuadraticLossHessianVector(w1, b1, w2, b2, x, y, w1Dot, b1Dot, w2Dot, b2Dot, gradient, hv),
            });
            Report("Nielsen, cross-entropy", batch, rounds, new List<Action>
            {
                () => TensorSeedNetworks.CrossEntropy(w1, b1, w2, b2, x, labels),
                () => TensorSeedNetworks.CrossEntropyTangent(w1, b1, w2, b2, x, labels, w1Dot, b1Dot, w2Dot, b2Dot, out _),
                () => TensorSeedNetworks.CrossEntropyBackward(w1, b1, w2, b2, x, labels, dw1, db1, dw2, db2),
                () => TensorSeedNetworks.CrossEntropyHessianVector(w1, b1, w2, b2, x, labels, w1Dot, b1Dot, w2Dot, b2Dot, gradient, hv),
            });
            Report("hidden layer with L2 (seed 6)", batch, rounds, new List<Action>
            {
                () => TensorSeedNetworks.HiddenLayerL2(w1, w2, x, y, 1e-3f),
                () => TensorSeedNetworks.HiddenLayerL2Tangent(w1, w2, x, y, 1e-3f, w1Dot, w2Dot, 0f, out _),
                () => TensorSeedNetworks.HiddenLayerL2Backward(w1, w2, x, y, 1e-3f, dw1, dw2, out _),
                () => TensorSeedNetworks.HiddenLayerL2HessianVector(w1, w2, x, y, 1e-3f, w1Dot, w2Dot, 0f, gradientL2, hvL2),
            });
        }
    }

    private static void Report(string network, int batch, int rounds, List<Action> actions)
    {
        List<double>[] times = Measure(actions, rounds, budget: 60);
        Console.WriteLine($"| {network} | {batch} | {Format(Median(times[0]))} | **{MedianRatio(times, 1, 0):F2}** | {MedianRatio(times, 2, 0):F2} | **{MedianRatio(times, 3, 2):F2}** |");
    }
}
