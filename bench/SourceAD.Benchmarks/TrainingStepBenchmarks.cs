using System;
using BenchmarkDotNet.Attributes;
using SourceAD;

namespace SourceAD.Benchmarks;

/// <summary>
/// One SGD step of Nielsen's sigmoid network with the quadratic cost: the loss's generated backward method against a
/// hand-written backpropagation (Nielsen's four equations) on the same tensor kernels, at [784, 30, 10] × batch 10
/// and [784, 256, 10] × batch 64.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class TrainingStepBenchmarks
{
    private Tensor _w1 = null!, _b1 = null!, _w2 = null!, _b2 = null!, _x = null!, _y = null!;
    private Tensor _dw1 = null!, _db1 = null!, _dw2 = null!, _db2 = null!;
    private Sgd _sgd = null!;

    [Params("784-30-10/batch10", "784-256-10/batch64")]
    public string Shape { get; set; } = "784-30-10/batch10";

    [GlobalSetup]
    public void Setup()
    {
        (int hidden, int batch) = Shape == "784-30-10/batch10" ? (30, 10) : (256, 64);
        var rng = new Random(5);
        _w1 = Tensor.RandomNormal(rng, 1f / 28, 784, hidden);
        _b1 = Tensor.RandomNormal(rng, 1f, hidden);
        _w2 = Tensor.RandomNormal(rng, 1f / MathF.Sqrt(hidden), hidden, 10);
        _b2 = Tensor.RandomNormal(rng, 1f, 10);
        _x = Tensor.RandomUniform(rng, 0f, 1f, batch, 784);
        _y = Tensor.Zeros(batch, 10);
        for (int r = 0; r < batch; r++) _y[r, rng.Next(10)] = 1f;
        _dw1 = Tensor.ZerosLike(_w1);
        _db1 = Tensor.ZerosLike(_b1);
        _dw2 = Tensor.ZerosLike(_w2);
        _db2 = Tensor.ZerosLike(_b2);
        // A tiny learning rate keeps the weights (and so the work per step) the same across iterations.
        _sgd = new Sgd(1e-6f);
    }

    [Benchmark(Baseline = true)]
    public float HandWrittenStep()
    {
        float loss = HandWrittenBackprop.QuadraticLossGradient(_w1, _b1, _w2, _b2, _x, _y, _dw1, _db1, _dw2, _db2);
        Step();
        return loss;
    }

    [Benchmark]
    public float GeneratedStep()
    {
        float loss = TrainingLoss.QuadraticLossBackward(_w1, _b1, _w2, _b2, _x, _y, _dw1, _db1, _dw2, _db2);
        Step();
        return loss;
    }

    private void Step()
    {
        _sgd.Step(_w1, _dw1);
        _sgd.Step(_b1, _db1);
        _sgd.Step(_w2, _dw2);
        _sgd.Step(_b2, _db2);
    }
}

/// <summary>The loss SourceAD differentiates (as in samples/Mnist).</summary>
public static partial class TrainingLoss
{
    [Differentiable]
    public static float QuadraticLoss(Tensor w1, Tensor b1, Tensor w2, Tensor b2, [NoDiff] Tensor x, [NoDiff] Tensor y)
    {
        Tensor hidden = Tensor.Sigmoid(Tensor.MatMul(x, w1) + b1);
        Tensor output = Tensor.Sigmoid(Tensor.MatMul(hidden, w2) + b2);
        return 0.5f * Tensor.SumOfSquares(output - y) / x.Shape[0];
    }
}

/// <summary>
/// Backpropagation written by hand on the same kernels, as an expert would with this runtime: Nielsen's BP1–BP4
/// (δ² = (a² − y) ⊙ σ'(z²)/m; δ¹ = (δ² w²ᵀ) ⊙ σ'(z¹); ∂C/∂w = aᵀδ; ∂C/∂b = Σ δ), with σ' = a(1 − a) computed in
/// place, each product pair (δ w²ᵀ and a¹ᵀδ) in one call of the matrix-product pullback that accumulates straight into
/// the gradient tensors, and no work for the input's adjoint.
/// </summary>
public static class HandWrittenBackprop
{
    public static float QuadraticLossGradient(Tensor w1, Tensor b1, Tensor w2, Tensor b2, Tensor x, Tensor y, Tensor dw1, Tensor db1, Tensor dw2, Tensor db2)
    {
        int m = x.Shape[0];
        Tensor z1 = Tensor.MatMul(x, w1) + b1;
        Tensor a1 = Tensor.Sigmoid(z1);
        Tensor z2 = Tensor.MatMul(a1, w2) + b2;
        Tensor a2 = Tensor.Sigmoid(z2);

        Tensor delta2 = a2 - y;
        float loss = 0.5f * Tensor.SumOfSquares(delta2) / m;
        SigmoidDerivativeInPlace(delta2.Span, a2.Span, 1f / m);
        dw1.Clear();
        db1.Clear();
        dw2.Clear();
        db2.Clear();
        Tensor delta1 = Tensor.ZerosLike(a1);
        Tensor.MatMulPullback(a1, w2, delta2, delta1, dw2);     // δ² w²ᵀ and a¹ᵀ δ²
        Tensor.AddPullback(z2, b2, delta2, null!, db2);          // Σ over the batch
        SigmoidDerivativeInPlace(delta1.Span, a1.Span, 1f);
        Tensor.MatMulPullback(x, w1, delta1, null!, dw1);        // xᵀ δ¹ only
        Tensor.AddPullback(z1, b1, delta1, null!, db1);
        return loss;
    }

    /// <summary>delta ← scale · delta ⊙ a ⊙ (1 − a).</summary>
    private static void SigmoidDerivativeInPlace(Span<float> delta, ReadOnlySpan<float> a, float scale)
    {
        for (int i = 0; i < delta.Length; i++)
        {
            delta[i] *= scale * a[i] * (1f - a[i]);
        }
    }
}
