namespace SourceAD.EndToEnd.Tests;

public static partial class PooledModels
{
    // Recursion: each level's pullback takes its adjoints from the pool above its caller's.
    [Differentiable]
    public static float Chain(Tensor w, [NoDiff] Tensor x, int depth)
    {
        Tensor h = Tensor.Tanh(Tensor.MatMul(x, w));
        if (depth == 0)
        {
            return Tensor.Sum(h);
        }
        return Tensor.SumOfSquares(h) + 0.5f * Chain(w, x, depth - 1);
    }

    // A method whose pullback calls its own pullback again: Again's rule calls LossPullback while Loss's pool is in use.
    [Differentiable]
    public static float Loss(Tensor w, [NoDiff] Tensor x, int depth)
    {
        Tensor h = Tensor.Sigmoid(Tensor.MatMul(x, w));
        return Tensor.SumOfSquares(h - 0.5f) + Again(w, x, depth);
    }

    /// <summary>½·Loss(w, x, depth − 1) for depth &gt; 0, else 0.</summary>
    public static float Again(Tensor w, Tensor x, int depth) => depth > 0 ? 0.5f * Loss(w, x, depth - 1) : 0f;

    [DerivativeOf(nameof(Again))]
    public static void AgainPullback(Tensor w, Tensor x, int depth, float dResult, Tensor dw, Tensor dx)
    {
        if (depth > 0 && dw is not null)
        {
            LossPullback(w, x, depth - 1, 0.5f * dResult, dw);
        }
    }

    // Two layers as in the MNIST sample.
    [Differentiable]
    public static float TwoLayers(Tensor w1, Tensor b1, Tensor w2, [NoDiff] Tensor x, [NoDiff] Tensor y)
    {
        Tensor hidden = Tensor.Sigmoid(Tensor.MatMul(x, w1) + b1);
        Tensor output = Tensor.Sigmoid(Tensor.MatMul(hidden, w2));
        return 0.5f * Tensor.SumOfSquares(output - y);
    }

    public static float TwoLayersForward(Tensor w1, Tensor b1, Tensor w2, Tensor x, Tensor y) => TwoLayers(w1, b1, w2, x, y);
}

/// <summary>
/// Tensor adjoints come from a per-thread pool (<see cref="AdjointPool{T}"/>): reused (cleared) from call to call, so
/// repeated gradients are the same and cost no allocation beyond the forward pass; correct under recursion, under a
/// pullback that calls its own pullback, and on two threads at once.
/// </summary>
public sealed class AdjointPoolingTests
{
    private static readonly Tensor X = Tensor.RandomNormal(new Random(3), 1, 4, 3);

    private static Tensor W() => Tensor.RandomNormal(new Random(4), 0.5f, 3, 3);

    /// <summary>Central differences of <paramref name="f"/> in each element of <paramref name="w"/>, against <paramref name="gradient"/>.</summary>
    private static void AssertMatchesCentralDifferences(Func<Tensor, float> f, Tensor w, Tensor gradient)
    {
        Tensor probe = Tensor.ZerosLike(w);
        double[] point = w.ToArray().Select(v => (double)v).ToArray();
        double Value(double[] p)
        {
            for (int i = 0; i < p.Length; i++) probe.Span[i] = (float)p[i];
            return f(probe);
        }
        GradCheckReport report = GradCheck.Run(Value, _ => gradient.ToArray().Select(v => (double)v).ToArray(), point, step: 1e-2);
        Assert.True(report.MaxError < 2e-3, report.ToString());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    public void RecursiveCallsGetTheirOwnAdjoints(int depth)
    {
        Tensor w = W(), dw = Tensor.ZerosLike(w);
        PooledModels.ChainBackward(w, X, depth, dw);
        AssertMatchesCentralDifferences(v => PooledModels.Chain(v, X, depth), w, dw);
        float[] first = dw.ToArray();
        PooledModels.ChainBackward(w, X, depth, dw);
        Assert.Equal(first, dw.ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void APullbackThatCallsItsOwnPullbackKeepsItsAdjoints(int depth)
    {
        Tensor w = W(), dw = Tensor.ZerosLike(w);
        PooledModels.LossBackward(w, X, depth, dw);
        AssertMatchesCentralDifferences(v => PooledModels.Loss(v, X, depth), w, dw);
        float[] first = dw.ToArray();
        PooledModels.LossBackward(w, X, depth, dw);
        Assert.Equal(first, dw.ToArray());
    }

    [Fact]
    public void TwoThreadsAtOnceGetTheSingleThreadedGradients()
    {
        const int Calls = 400;
        float[][] expected = new float[Calls][];
        for (int i = 0; i < Calls; i++) expected[i] = Gradient(i);
        float[][] actual = new float[Calls][];
        var threads = Enumerable.Range(0, 2).Select(t => new Thread(() =>
        {
            for (int i = t; i < Calls; i += 2) actual[i] = Gradient(i);
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        for (int i = 0; i < Calls; i++) Assert.Equal(expected[i], actual[i]);

        static float[] Gradient(int i)
        {
            Tensor w = Tensor.RandomNormal(new Random(i), 0.5f, 3, 3), dw = Tensor.ZerosLike(w);
            PooledModels.LossBackward(w, X, i % 3, dw);
            return dw.ToArray();
        }
    }

    [Fact]
    public void RepeatedGradientsAllocateNoAdjoints()
    {
        var rng = new Random(8);
        Tensor w1 = Tensor.RandomNormal(rng, 0.3f, 20, 8), b1 = Tensor.RandomNormal(rng, 0.3f, 8), w2 = Tensor.RandomNormal(rng, 0.3f, 8, 5);
        Tensor x = Tensor.RandomUniform(rng, 0, 1, 10, 20), y = Tensor.RandomUniform(rng, 0, 1, 10, 5);
        Tensor dw1 = Tensor.ZerosLike(w1), db1 = Tensor.ZerosLike(b1), dw2 = Tensor.ZerosLike(w2);
        long forward = AllocatedBy(() => PooledModels.TwoLayersForward(w1, b1, w2, x, y));
        long backward = AllocatedBy(() => PooledModels.TwoLayersBackward(w1, b1, w2, x, y, dw1, db1, dw2));
        // The backward pass allocates what its forward sweep allocates (the primal intermediates) and no adjoint: less
        // than 64 bytes a call more (one adjoint here is at least 200 bytes; the slack is the runtime's own noise).
        Assert.True(backward - forward < 50 * 64, $"forward {forward} B, backward {backward} B over 50 calls");
    }

    private static long AllocatedBy(Func<float> call)
    {
        for (int i = 0; i < 10; i++) call();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 50; i++) call();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
