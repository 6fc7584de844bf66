using SourceAD.EndToEnd.Tests.Support;

namespace SourceAD.EndToEnd.Tests;

/// <summary>Methods over tensors whose second derivatives the tests below check.</summary>
public static partial class TensorHessianModels
{
    /// <summary>‖X·W‖²: the gradient is 2·XᵀX·W and the Hessian-vector product 2·XᵀX·V.</summary>
    [Differentiable]
    public static float Gram(Tensor w, [NoDiff] Tensor x) => Tensor.SumOfSquares(Tensor.MatMul(x, w));

    /// <summary>Exp, log, squares, a mean, products with a scalar parameter and a mean squared error, in one loss.</summary>
    [Differentiable]
    public static float Mixed(Tensor a, float s, [NoDiff] Tensor x, [NoDiff] Tensor y)
    {
        Tensor z = Tensor.MatMul(x, a) * s;
        Tensor soft = Tensor.Log(Tensor.Exp(z) + 1f);
        return Tensor.MeanSquaredError(Tensor.Square(soft) - y, y * s) + Tensor.Mean(Tensor.Relu(z)) * s;
    }
}

/// <summary>
/// Second derivatives over tensors (forward over reverse, through the runtime's second-order rules): the generated
/// <c>HessianVector</c> and <c>Hessian</c> against a closed form, against central differences of the generated
/// gradient, and against each other (the dense Hessian is symmetric and its columns are Hessian-vector products).
/// </summary>
public class TensorHessians
{
    private static Tensor R(int seed, params int[] shape) => Tensor.RandomNormal(new Random(seed), 0.5f, shape);

    private static readonly Tensor X = R(1, 5, 4), Y = Tensor.RandomUniform(new Random(2), 0, 1, 5, 2);

    private static float[] Flat(params Tensor?[] parts) => parts.SelectMany(p => p?.ToArray() ?? throw new ArgumentNullException(nameof(parts))).ToArray();

    /// <summary>Each entry against its reference, relative to the largest reference entry (float32 throughout).</summary>
    private static void Near(float[] expected, float[] actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = expected.Max(e => Math.Abs((double)e));
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * scale, $"{what}[{i}]: expected {expected[i]:G6}, actual {actual[i]:G6}");
        }
    }

    [Fact]
    public void GramHessianVectorIsTwiceXTransposeXTimesTheDirection()
    {
        Tensor w = R(3, 4, 3), v = R(4, 4, 3);
        var gradient = new float[w.Length];
        var hv = new float[w.Length];
        float value = TensorHessianModels.GramHessianVector(w, X, v, gradient, hv);
        Assert.Equal(TensorHessianModels.Gram(w, X), value);
        Tensor xtx = Tensor.MatMulTransposeA(X, X);
        Near((Tensor.MatMul(xtx, w) * 2f).ToArray(), gradient, 1e-5, "gradient");
        Near((Tensor.MatMul(xtx, v) * 2f).ToArray(), hv, 1e-5, "H·v");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void NielsensNetwork_HessianVectorMatchesCentralDifferencesOfTheGradient(bool someNull)
    {
        Tensor w1 = R(3, 4, 3), b1 = R(4, 3), w2 = R(5, 3, 2), b2 = R(6, 2);
        Tensor? w1Dot = R(7, 4, 3), b1Dot = someNull ? null : R(8, 3), w2Dot = R(9, 3, 2), b2Dot = someNull ? null : R(10, 2);
        int n = w1.Length + b1.Length + w2.Length + b2.Length;
        var gradient = new float[n];
        var hv = new float[n];
        TensorNetworks.QuadraticHessianVector(w1, b1, w2, b2, X, Y, w1Dot, b1Dot, w2Dot, b2Dot, gradient, hv);

        float[] Gradient(float h)
        {
            Tensor M(Tensor t, Tensor? d) => d is null ? t : t + d * h;
            Tensor[] at = [M(w1, w1Dot), M(b1, b1Dot), M(w2, w2Dot), M(b2, b2Dot)];
            Tensor[] g = at.Select(Tensor.ZerosLike).ToArray();
            TensorNetworks.QuadraticBackward(at[0], at[1], at[2], at[3], X, Y, g[0], g[1], g[2], g[3]);
            return Flat(g);
        }
        Near(Gradient(0), gradient, 1e-6, "gradient");
        const float step = 1e-2f;
        float[] up = Gradient(step), down = Gradient(-step);
        Near(up.Zip(down, (u, d) => (u - d) / (2 * step)).ToArray(), hv, 2e-2, "H·v");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void ALoopOverLayers_HessianVectorMatchesCentralDifferencesOfTheGradient(int depth)
    {
        Tensor w = R(11, 4, 4), b = R(12, 4), wDot = R(13, 4, 4), bDot = R(14, 4);
        var gradient = new float[w.Length + b.Length];
        var hv = new float[gradient.Length];
        TensorNetworks.DeepHessianVector(w, b, X, depth, wDot, bDot, gradient, hv);

        float[] Gradient(float h)
        {
            Tensor wAt = w + wDot * h, bAt = b + bDot * h;
            Tensor dw = Tensor.ZerosLike(w), db = Tensor.ZerosLike(b);
            TensorNetworks.DeepBackward(wAt, bAt, X, depth, dw, db);
            return Flat(dw, db);
        }
        Near(Gradient(0), gradient, 1e-6, "gradient");
        const float step = 1e-2f;
        float[] up = Gradient(step), down = Gradient(-step);
        Near(up.Zip(down, (u, d) => (u - d) / (2 * step)).ToArray(), hv, 2e-2, "H·v");
    }

    [Fact]
    public void MixedOperations_HessianVectorMatchesCentralDifferencesOfTheGradient()
    {
        Tensor a = R(15, 4, 2), aDot = R(16, 4, 2);
        const float s = 0.8f, sDot = -0.6f;
        var gradient = new float[a.Length + 1];
        var hv = new float[gradient.Length];
        TensorHessianModels.MixedHessianVector(a, s, X, Y, aDot, sDot, gradient, hv);

        float[] Gradient(float h)
        {
            Tensor da = Tensor.ZerosLike(a);
            TensorHessianModels.MixedBackward(a + aDot * h, s + sDot * h, X, Y, da, out float ds);
            return [.. da.ToArray(), ds];
        }
        Near(Gradient(0), gradient, 1e-6, "gradient");
        const float step = 1e-2f;
        float[] up = Gradient(step), down = Gradient(-step);
        Near(up.Zip(down, (u, d) => (u - d) / (2 * step)).ToArray(), hv, 2e-2, "H·v");
    }

    [Fact]
    public void ClassifierThroughCrossEntropy_HessianVectorMatchesCentralDifferencesOfTheGradient()
    {
        Tensor w1 = R(25, 4, 6), b1 = R(26, 6), w2 = R(27, 3, 6);
        Tensor w1Dot = R(28, 4, 6), b1Dot = R(29, 6), w2Dot = R(30, 3, 6);
        int[] labels = [0, 2, 1, 1, 0];
        const float scale = 0.8f, scaleDot = -0.6f;
        var gradient = new float[w1.Length + b1.Length + w2.Length + 1];
        var hv = new float[gradient.Length];
        TensorNetworks.ClassifierHessianVector(w1, b1, w2, scale, X, labels, w1Dot, b1Dot, w2Dot, scaleDot, gradient, hv);

        float[] Gradient(float h)
        {
            Tensor dw1 = Tensor.ZerosLike(w1), db1 = Tensor.ZerosLike(b1), dw2 = Tensor.ZerosLike(w2);
            TensorNetworks.ClassifierBackward(w1 + w1Dot * h, b1 + b1Dot * h, w2 + w2Dot * h, scale + scaleDot * h, X, labels, dw1, db1, dw2, out float dscale);
            return [.. Flat(dw1, db1, dw2), dscale];
        }
        Near(Gradient(0), gradient, 1e-6, "gradient");
        const float step = 1e-2f;
        float[] up = Gradient(step), down = Gradient(-step);
        Near(up.Zip(down, (u, d) => (u - d) / (2 * step)).ToArray(), hv, 2e-2, "H·v");
    }

    [Fact]
    public void RearrangingSoftmaxesAndDivision_HessianVectorMatchesCentralDifferencesOfTheGradient()
    {
        Tensor a = R(31, 5, 4), b = R(32, 2), x = R(33, 5, 3);
        Tensor aDot = R(34, 5, 4), bDot = R(35, 2);
        var gradient = new float[a.Length + b.Length];
        var hv = new float[gradient.Length];
        TensorNetworks.ShapesHessianVector(a, b, x, aDot, bDot, gradient, hv);

        float[] Gradient(float h)
        {
            Tensor da = Tensor.ZerosLike(a), db = Tensor.ZerosLike(b);
            TensorNetworks.ShapesBackward(a + aDot * h, b + bDot * h, x, da, db);
            return Flat(da, db);
        }
        Near(Gradient(0), gradient, 1e-6, "gradient");
        const float step = 1e-2f;
        float[] up = Gradient(step), down = Gradient(-step);
        Near(up.Zip(down, (u, d) => (u - d) / (2 * step)).ToArray(), hv, 2e-2, "H·v");
    }

    [Fact]
    public void ArraysOfLayers_PullbackTangentIsTheHessianVectorProductAgainstCentralDifferences()
    {
        int[] sizes = [4, 5, 3, 3];
        Tensor[] weights = new Tensor[3], biases = new Tensor[3];
        Tensor?[] weightsDot = new Tensor?[3], biasesDot = new Tensor?[3];
        for (int l = 0; l < 3; l++)
        {
            (weights[l], biases[l]) = (R(40 + l, sizes[l], sizes[l + 1]), R(50 + l, sizes[l + 1]));
            (weightsDot[l], biasesDot[l]) = (R(60 + l, sizes[l], sizes[l + 1]), l == 1 ? null : R(70 + l, sizes[l + 1]));
        }
        int[] labels = [0, 2, 1, 1, 0];
        // The tangents of the adjoints, in the tensors' shapes: H·v; the adjoints: the gradient (a null one: not wanted).
        Tensor[] dweights = weights.Select(Tensor.ZerosLike).ToArray(), dbiases = biases.Select(Tensor.ZerosLike).ToArray();
        Tensor?[] hvWeights = weights.Select(Tensor.ZerosLike).ToArray(), hvBiases = biases.Select(Tensor.ZerosLike).ToArray();
        TensorNetworks.LayersPullbackTangent(weights, biases, X, labels, 1f, dweights, dbiases, weightsDot, biasesDot, 0f, hvWeights, hvBiases, out _);

        float[] Gradient(float h)
        {
            Tensor[] gw = weights.Select(Tensor.ZerosLike).ToArray(), gb = biases.Select(Tensor.ZerosLike).ToArray();
            Tensor M(Tensor t, Tensor? d) => d is null ? t : t + d * h;
            TensorNetworks.LayersBackward(weights.Select((w, l) => M(w, weightsDot[l])).ToArray(), biases.Select((b, l) => M(b, biasesDot[l])).ToArray(), X, labels, gw, gb);
            return Flat([.. gw, .. gb]);
        }
        Near(Gradient(0), Flat([.. dweights, .. dbiases]), 1e-6, "gradient");
        const float step = 1e-2f;
        float[] up = Gradient(step), down = Gradient(-step);
        Near(up.Zip(down, (u, d) => (u - d) / (2 * step)).ToArray(), Flat([.. hvWeights, .. hvBiases]), 2e-2, "H·v");
    }

    [Fact]
    public void DenseHessianIsSymmetricAndItsRowsAreHessianVectorProducts()
    {
        Tensor w1 = R(17, 4, 3), b1 = R(18, 3), w2 = R(19, 3, 2), b2 = R(20, 2);
        int n = w1.Length + b1.Length + w2.Length + b2.Length;
        var hessian = new float[n * n];
        float value = TensorNetworks.QuadraticHessian(w1, b1, w2, b2, X, Y, hessian);
        Assert.Equal(TensorNetworks.Quadratic(w1, b1, w2, b2, X, Y), value);
        double scale = hessian.Max(h => Math.Abs((double)h));
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < i; j++)
            {
                Assert.True(Math.Abs(hessian[i * n + j] - hessian[j * n + i]) <= 1e-5 * scale, $"H[{i},{j}] = {hessian[i * n + j]} but H[{j},{i}] = {hessian[j * n + i]}");
            }
        }
        // H·v for a random v against the rows.
        Tensor v1 = R(21, 4, 3), c1 = R(22, 3), v2 = R(23, 3, 2), c2 = R(24, 2);
        float[] v = Flat(v1, c1, v2, c2);
        var gradient = new float[n];
        var hv = new float[n];
        TensorNetworks.QuadraticHessianVector(w1, b1, w2, b2, X, Y, v1, c1, v2, c2, gradient, hv);
        float[] product = Enumerable.Range(0, n).Select(i => (float)Enumerable.Range(0, n).Sum(j => (double)hessian[i * n + j] * v[j])).ToArray();
        Near(product, hv, 1e-5, "H·v against the dense Hessian");
    }

    [Fact]
    public void HessianVectorChecksItsSpans() =>
        Assert.Throws<ArgumentException>(() => TensorHessianModels.GramHessianVector(R(3, 4, 3), X, null, new float[11], new float[12]));
}
